/** validate on every core (src/cli/validate-pool.ts): the same reports, in input order, as one thread gives. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/cli/validate-files.js';
import { threadCount, validateFilesOnCores } from '../../src/cli/validate-pool.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { ccfConsumers } from '../helpers/consumers.js';

describe('validateFilesOnCores', () => {
  it('chooses threads: none for a few files, PREFLIGHT_THREADS when set', () => {
    expect(threadCount(3, undefined)).toBe(1);
    expect(threadCount(100, undefined, 69_000_000)).toBe(1); // ~0.7 s of work: a worker would not pay for itself
    expect(threadCount(10_000, undefined, 1_700_000)).toBeGreaterThanOrEqual(1);
    expect(threadCount(1000, '1')).toBe(1);
    expect(threadCount(1000, '3')).toBe(3);
    expect(threadCount(2, '8')).toBe(2);
  });

  it('gives every file the report one thread gives, in input order (worker threads and the main thread share the files)', async () => {
    const dirs = ['corpus/ccf/codes', 'corpus/ccf/story'];
    const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.bin')).map((f) => ({ file: join(d, f) })));
    const entries = [...files, { file: 'gone.bin', error: 'cannot read gone.bin: no such file or folder' }, ...files];
    const schema = loadSchema(defaultSchemaPath());
    const options = { validate: { schema, consumers: ccfConsumers() }, maxFileSize: 1 << 20 };
    const one = validateFiles(entries, options);
    const before = process.env['PREFLIGHT_THREADS'];
    process.env['PREFLIGHT_THREADS'] = '2';
    try {
      const many = await validateFilesOnCores(entries, options, { schemaFile: undefined, profiles: [], fleets: [], validate: {}, maxFileSize: 1 << 20 });
      expect(many).toEqual(one);
    } finally {
      if (before === undefined) delete process.env['PREFLIGHT_THREADS'];
      else process.env['PREFLIGHT_THREADS'] = before;
    }
  }, 60_000);
});
