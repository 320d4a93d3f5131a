/**
 * validate reads every file of a run into one reused buffer (src/cli/read-bounded.ts ReadBuffer):
 * a report never sees the next file's bytes, and a report that keeps a view of its bytes keeps
 * the buffer (keepsBytes hands it over).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ReadBuffer, readBounded } from '../../src/cli/read-bounded.js';
import { keepsBytes, validateFiles } from '../../src/cli/validate-files.js';
import type { FileReport } from '../../src/report/model.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { ccfConsumers } from '../helpers/consumers.js';

it('reads files of any size into the one buffer, and hands it over on request', () => {
  const pool = new ReadBuffer();
  const a = readBounded('package.json', 1 << 20, pool);
  const b = readBounded('corpus/ccf/codes/clean.bin', 1 << 20, pool);
  expect(pool.holds(a) && pool.holds(b)).toBe(true); // the smaller file fits in the buffer the larger one made
  pool.handOver();
  expect(pool.holds(b)).toBe(false);
  expect(readBounded('package.json', 1 << 20, pool)).toEqual(readBounded('package.json', 1 << 20));
  expect(pool.holds(a)).toBe(false); // after handOver the next read allocates afresh
});

it('finds a view of the bytes anywhere in a report', () => {
  const bytes = new Uint8Array(8);
  const report = (details: Record<string, unknown>): FileReport => ({
    file: 'x', verdict: 'fail', consumers: [], totals: {},
    findings: [{ code: 'BAD_MAGIC', severity: 'error', message: 'm', path: 'p', offset: 0, details }],
  });
  expect(keepsBytes(report({ actual: 1, list: [1, 'a'] }), bytes.buffer)).toBe(false);
  expect(keepsBytes(report({ deep: [{ value: bytes.subarray(2, 4) }] }), bytes.buffer)).toBe(true);
  expect(keepsBytes(report({ other: new Uint8Array(4) }), bytes.buffer)).toBe(false);
});

it('gives every corpus file, validated one after another, the report it gets alone', () => {
  const schema = loadSchema(defaultSchemaPath());
  const validate = { schema, consumers: ccfConsumers() };
  const dir = 'corpus/ccf/codes';
  const files = readdirSync(dir).filter((f) => f.endsWith('.bin')).sort().map((f) => join(dir, f));
  const together = validateFiles(files.map((file) => ({ file })), { validate, maxFileSize: 1 << 20 });
  files.forEach((file, i) => {
    const alone = validateBytes(file, new Uint8Array(readBounded(file, 1 << 20)), validate);
    expect(together[i]).toEqual(alone);
  });
});
