import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/cli/validate-files.js';
import { defaultSchemaPath, loadSchema, type FormatSchema } from '../../src/schema/index.js';
import { ccfConsumers } from '../helpers/consumers.js';

const CLEAN = 'corpus/ccf/codes/clean.bin';

describe('validateFiles (contract C)', () => {
  it('gives every input its own report: errors for the bad ones, verdicts and hashes for the rest', () => {
    const schema = loadSchema(defaultSchemaPath());
    const reports = validateFiles([{ file: CLEAN }, { file: 'gone.bin', error: 'cannot read gone.bin: no such file or folder' }, { file: '/dev/zero' }], {
      validate: { schema, consumers: ccfConsumers() }, maxFileSize: 1 << 20,
    });
    expect(reports.map((r) => r.verdict)).toEqual(['pass', 'error', 'error']);
    expect(reports[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reports[1]).toEqual({ file: 'gone.bin', verdict: 'error', findings: [], consumers: [], totals: {}, error: 'cannot read gone.bin: no such file or folder' });
    expect(reports[2]!.error).toMatch(/character device/);
  });

  // validateBytes promises never to throw; if a bug makes it throw, that file alone gets an error
  // report (before: the exception ended the whole run with exit 3 and no report for any file).
  it('turns an exception inside validation into an error report for that file only', () => {
    const broken = { format: 'ccf-v1', root: 'nope', types: new Map() } as unknown as FormatSchema;
    const reports = validateFiles([{ file: CLEAN }, { file: CLEAN }], { validate: { schema: broken }, maxFileSize: 1 << 20 });
    expect(reports.map((r) => r.verdict)).toEqual(['error', 'error']);
    expect(reports[0]!.error).toMatch(/^internal error while validating corpus\/ccf\/codes\/clean\.bin \(please report it\): /);
    expect(reports[0]!.error).not.toMatch(/\n/);
  });
});
