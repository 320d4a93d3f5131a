import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bucketKey, Executor, InputChecker, replayBytes, type Hit } from '../../../src/fuzz/index.js';
import { executorConfig } from '../../../src/fuzz/engine/options.js';
import { bytesOf, CLEAN, JULY, JULY_KEY, SCHEMA_FILE, MODEL_FILE, setup711, SPRING } from '../helpers.js';

// Switches that turn the real validator, simulator and decoder into broken ones, to see each check fire.
const broken = vi.hoisted(() => ({ validatePasses: false, simulateThrows: false, decodeLies: false, validateCalls: 0 }));

vi.mock('../../../src/validate/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/validate/index.js')>();
  return {
    ...real,
    validateBytes: (...args: Parameters<typeof real.validateBytes>) => {
      broken.validateCalls++;
      const report = real.validateBytes(...args);
      return broken.validatePasses ? { ...report, verdict: 'pass' as const } : report;
    },
  };
});
vi.mock('../../../src/model/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/model/index.js')>();
  return {
    ...real,
    simulateModel: (...args: Parameters<typeof real.simulateModel>) => {
      if (broken.simulateThrows) throw new RangeError(`offset 4711 is outside the buffer of ${args[0].length} bytes`);
      return real.simulateModel(...args);
    },
  };
});
vi.mock('../../../src/parse/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/parse/index.js')>();
  return {
    ...real,
    decode: (...args: Parameters<typeof real.decode>) => {
      const d = real.decode(...args);
      if (!broken.decodeLies) return d;
      const value = structuredClone(d.value) as { header: { channel: number } };
      value.header.channel ^= 1;
      return { ...d, value };
    },
  };
});

beforeEach(() => {
  Object.assign(broken, { validatePasses: false, simulateThrows: false, decodeLies: false, validateCalls: 0 });
});

const config = (budgetMs = 250) => executorConfig({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: setup711.fleet, seed: 1, budgetMs, validateEvery: 1 });

describe('validator soundness', () => {
  it('is a finding when the validator passes a file a consumer crashes on, reported apart from the crash', () => {
    broken.validatePasses = true;
    const report = new Executor(setup711, config()).execute({ bytes: bytesOf(JULY), how: 'test' }, 0);
    expect(report.hits?.map((h) => h.key)).toEqual([JULY_KEY, `soundness|agent-7.11|OOB_INPUT_READ|instances[*].criteria[20]`]);
  });

  it('is not a finding with the real validator (it fails the July file)', () => {
    const report = new Executor(setup711, config()).execute({ bytes: bytesOf(JULY), how: 'test' }, 0);
    expect(report.hits?.map((h) => h.key)).toEqual([JULY_KEY]);
  });

  it('runs the validator only on inputs that some profile does not load', () => {
    const ex = new Executor(setup711, config());
    ex.execute({ bytes: bytesOf(SPRING), how: 'test' }, 0);
    ex.execute({ bytes: bytesOf(CLEAN), how: 'test' }, 0);
    expect(broken.validateCalls).toBe(0);
    ex.execute({ bytes: bytesOf(JULY), how: 'test' }, 0);
    expect(broken.validateCalls).toBe(1);
  });
});

describe('replay without a sidecar', () => {
  it('fails on any crash and passes a clean file (never "fixed": nothing was saved to compare with)', () => {
    expect(replayBytes(bytesOf(JULY), setup711, undefined)).toMatchObject({ status: 'fails', same: false });
    expect(replayBytes(bytesOf(CLEAN), setup711, undefined)).toMatchObject({ status: 'passes', now: [], current: { verdict: 'pass' } });
    expect(replayBytes(bytesOf(JULY), setup711, JULY_KEY)).toMatchObject({ status: 'fails', same: true });
  });
});

describe('robustness', () => {
  it('turns a throw of the simulator into a finding, numbers masked in its bucket', () => {
    broken.simulateThrows = true;
    const hits: Hit[] = [];
    new InputChecker(setup711).simulateAll(bytesOf(JULY), undefined, hits, []);
    expect(hits).toHaveLength(1);
    expect(bucketKey(hits[0]!)).toBe('robustness|agent-7.11|THROW|simulate: RangeError: offset N is outside the buffer of N bytes');
    expect(hits[0]!.detail).toContain('4711');
  });

  it('reports an input over the per-input time budget (measured twice)', () => {
    const report = new Executor(setup711, config(-1)).execute({ bytes: bytesOf(SPRING), how: 'test' }, 1);
    expect(report.hits?.map((h) => h.key)).toEqual(['robustness||OVER_BUDGET|budget']);
    expect(report.input).toBeDefined();
  });

  it('checks decode(encode(value)) against the filled-in value', () => {
    const value = { header: { channel: 291 }, types: [{ type_id: 1, field_kinds: [1, 2] }], instances: [{ instance_id: 1, type_id: 1, action: 0, criteria: [{ op: 1, value: 5n }, { op: 0 }] }] };
    const checker = new InputChecker(setup711);
    const ok: Hit[] = [];
    checker.roundTrip(value, ok);
    expect(ok).toEqual([]);
    broken.decodeLies = true;
    const bad: Hit[] = [];
    checker.roundTrip(value, bad);
    expect(bad.map(bucketKey)).toEqual(['robustness||ROUND_TRIP|roundtrip: header.channel']);
  });

  it('does not hold a value that pins a derived field to the round trip (found by a 30 s campaign)', () => {
    // str_len pinned to 1 under a 20-byte text: a well-formed file whose criterion reads "2".
    const criteria = [{ op: 5, str_len: 1, text: '2pdehzb32spct7-0_vb3' }, { op: 0 }];
    const value = { header: { channel: 291 }, types: [{ type_id: 1, field_kinds: [2, 1] }], instances: [{ instance_id: 1, type_id: 1, action: 0, criteria }] };
    const hits: Hit[] = [];
    new InputChecker(setup711).roundTrip(value, hits);
    expect(hits).toEqual([]);
  });
});
