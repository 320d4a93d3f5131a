import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExecRunner } from '../../src/exec/runner.js';
import { realOutcome } from '../../src/exec/hits.js';
import { loadModel, loadModelProfile, modelBeside } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { simulateBounded } from '../../src/fuzz/engine/_internals/bounded.js';
import { buildConsumers, CCF, ROOT } from './build.js';

beforeAll(buildConsumers, 180_000);

// docs/ccf-v1.md's 85-byte example (corpus/ccf/codes/clean.bin): pool of 11 bytes at 70, one
// instance at 52 whose criterion 0 is EQ_STR str_off 0 (at 61), str_len 11 (at 65).
const CLEAN = readFileSync(join(ROOT, 'corpus', 'ccf', 'codes', 'clean.bin'));
const PROFILE = join(ROOT, 'profiles', 'default', 'agent-7.11.yaml');

function variant(edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(CLEAN);
  edit(b);
  return b;
}

/**
 * Reads that a trusted offset sends far past a buffer, past ASan's 2048-byte redzone. On a heap
 * buffer the example loaded such files when the read landed in a live neighbour: a 0-byte string
 * at pool_size + 2550..2806 read the 257-byte pattern buffer beside the pool copy, every time
 * (docs/ccf-v1.md says POOL_OOB). The examples' guarded buffers (examples/consumer-c/common.c)
 * make every such read fault. The model and the C example must both say crash.
 */
const CASES: { name: string; bytes: Buffer; code: string }[] = [
  ...[1, 2049, 2550, 2600, 2700, 2806, 4096, 65_536, 1 << 20, 0xfffffff0 - 11].map((k) => ({
    name: `a 0-byte string ${k} bytes past the pool`, code: 'POOL_OOB',
    bytes: variant((b) => { b.writeUInt32LE(11 + k, 61); b.writeUInt16LE(0, 65); }),
  })),
  ...[1, 2100, 3000, 5000, 70_000, 1 << 24].map((k) => ({
    name: `a record ${k} bytes past the end of the file`, code: 'READ_PAST_END',
    bytes: variant((b) => b.writeUInt32LE(85 + k, 48)),
  })),
  ...[1, 2100, 3000, 70_000].map((k) => ({
    name: `a pool ${k} bytes past the end of the file`, code: 'READ_PAST_END',
    bytes: variant((b) => b.writeUInt32LE(85 + k, 28)),
  })),
];

describe('far reads past a trusted buffer crash the C example, as the model says (examples/consumer-c guarded buffers)', () => {
  it('an empty pool: an empty string (even a REGEX one) loads, a 1-byte one crashes, on both sides', () => {
    const schema = loadSchema(join(ROOT, 'schemas', 'ccf-v1.yaml'));
    const model = loadModel(modelBeside(join(ROOT, 'schemas', 'ccf-v1.yaml'))!, schema);
    const profile = loadModelProfile(PROFILE, model);
    // The 10,000-input differential run after c0af8b9 found 10 of these (REGEX, str_len 0, pool_size 0):
    // the example did memcpy(pattern, NULL, 0), which UBSan reports, where the model (and the docs) load.
    const empty = (op: number, len: number) => variant((b) => { b.writeUInt32LE(0, 32); b[60] = op; b.writeUInt32LE(0, 61); b.writeUInt16LE(len, 65); });
    const once = new ExecRunner({ argv: [CCF, PROFILE, '@@'], persistent: false, timeoutMs: 20_000, name: 'exec' });
    try {
      for (const [op, len, want] of [[5, 0, 'load'], [3, 0, 'load'], [4, 0, 'load'], [5, 1, 'crash'], [3, 1, 'crash']] as const) {
        const bytes = empty(op, len);
        expect({ op, len, model: simulateBounded(bytes, model, profile, undefined, 10_000).outcome }).toEqual({ op, len, model: want });
        expect({ op, len, real: realOutcome(once.run(bytes)) }).toEqual({ op, len, real: want });
      }
    } finally {
      once.close();
    }
  }, 60_000);

  it('one process per input, and persistent between loads (another heap each time)', () => {
    const schema = loadSchema(join(ROOT, 'schemas', 'ccf-v1.yaml'));
    const model = loadModel(modelBeside(join(ROOT, 'schemas', 'ccf-v1.yaml'))!, schema);
    const profile = loadModelProfile(PROFILE, model);
    const once = new ExecRunner({ argv: [CCF, PROFILE, '@@'], persistent: false, timeoutMs: 20_000, name: 'exec' });
    const kept = new ExecRunner({ argv: [CCF, PROFILE, '--persistent'], persistent: true, timeoutMs: 20_000, name: 'exec' });
    try {
      for (const c of CASES) {
        const sim = simulateBounded(c.bytes, model, profile, undefined, 10_000);
        expect({ name: c.name, model: sim.outcome, code: sim.fault?.code }).toEqual({ name: c.name, model: 'crash', code: c.code });
        expect({ name: c.name, real: realOutcome(once.run(c.bytes)) }).toEqual({ name: c.name, real: 'crash' });
        // Two loads first, so the persistent process has a history (live and freed chunks) when the far read comes.
        expect([kept.run(CLEAN).outcome, kept.run(CLEAN).outcome]).toEqual(['load', 'load']);
        const r = kept.run(c.bytes);
        expect({ name: c.name, real: realOutcome(r) }).toEqual({ name: c.name, real: 'crash' });
        expect(r.sanitizer?.kind).toMatch(/^(SEGV|undefined-behavior)$/);
      }
    } finally {
      once.close();
      kept.close();
    }
  }, 180_000);
});
