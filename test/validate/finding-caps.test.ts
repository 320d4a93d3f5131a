import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { buildCcf, type Crit } from '../helpers/ccf-bytes.js';
import { ccfConsumers } from '../helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = ccfConsumers();

/** Type 1 declares 23 fields, agent 7.11 supplies 20: every instance's criteria 20..22 are out-of-bounds reads. */
function manyOobReads(instances: number): Uint8Array {
  const kinds = [...'SSSSIISSISSISSSIISSS'].map((c): 'STR' | 'INT' => (c === 'S' ? 'STR' : 'INT'));
  const crit = kinds.map((k): Crit => (k === 'STR' ? { op: 'EQ_STR', str: 'x' } : { op: 'EQ_INT', value: 1 }));
  const criteria = [...crit, { op: 'EQ_STR', str: 'a' }, { op: 'EQ_STR', str: 'b' }, { op: 'EQ_STR', str: 'c' }] satisfies Crit[];
  return buildCcf({
    types: [{ id: 1, kinds: [...kinds, 'STR', 'STR', 'STR'] }],
    instances: Array.from({ length: instances }, (_, i) => ({ id: i + 1, type: 1, criteria })),
  }).bytes;
}

describe('findings are capped per code per file, with the true totals kept (contract A)', () => {
  const bytes = manyOobReads(10);
  const full = validateBytes('f.bin', bytes, { schema, consumers, maxFindingsPerCode: 1_000_000 });
  const capped = validateBytes('f.bin', bytes, { schema, consumers, maxFindingsPerCode: 5 });

  it('keeps at most the cap per code (plus each consumer fault), and counts the rest', () => {
    const oob = full.findings.filter((f) => f.code === 'OOB_INPUT_READ').length;
    expect(oob).toBeGreaterThan(20);
    expect(full.totals.OOB_INPUT_READ).toBe(oob);
    expect(full.omitted).toBeUndefined();
    const kept = capped.findings.filter((f) => f.code === 'OOB_INPUT_READ');
    const faults = capped.consumers.filter((c) => c.fault?.code === 'OOB_INPUT_READ').length;
    expect(kept.length).toBeLessThanOrEqual(5 + faults);
    expect(capped.totals).toEqual(full.totals);
    expect(kept.length + (capped.omitted?.OOB_INPUT_READ ?? 0)).toBe(oob);
  });

  it('always keeps each consumer fault, which the consumer list refers to', () => {
    for (const c of capped.consumers.filter((c) => c.fault !== null && c.outcome === 'crash')) {
      expect(capped.findings).toContainEqual(expect.objectContaining({ code: c.fault!.code, path: c.fault!.path, profile: c.profile }));
    }
  });

  it('keeps the verdict: a capped file fails exactly when the uncapped one does', () => {
    expect(capped.verdict).toBe(full.verdict);
  });

  it('carries the sha256 of the bytes', () => {
    expect(capped.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('defaults to 50 per code', () => {
    const r = validateBytes('f.bin', manyOobReads(40), { schema, consumers });
    const faults = r.consumers.filter((c) => c.fault?.code === 'OOB_INPUT_READ').length;
    expect(r.findings.filter((f) => f.code === 'OOB_INPUT_READ').length).toBeLessThanOrEqual(50 + faults);
    expect(r.totals.OOB_INPUT_READ).toBeGreaterThan(100);
  });
});
