import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { loadSchema, packageRoot } from '../../src/schema/index.js';
import { absurdHeaders, layoutNames, layoutSlots } from '../../scripts/selftest/absurd.js';
import { runSelftest, stopWorkers } from '../../scripts/selftest/campaign.js';
import { checkDefinition, drawDefinition } from '../../scripts/selftest/definitions-check.js';
import { runDefinitionCampaign } from '../../scripts/selftest/definitions.js';
import { COMMANDS } from '../../scripts/selftest/targets.js';

/**
 * A sample of `npm run selftest` (issue 12): arbitrary bytes, corpus mutants and absurd headers
 * through every command that reads a file, on worker threads with the watchdog and the heap cap,
 * and hostile schemas, models and profiles through the loaders. The long campaign runs the same
 * code with more inputs (README, "Limits and budgets").
 */
const out = mkdtempSync(join(tmpdir(), 'preflight-selftest-sample-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('selftest sample', () => {
  it('150 inputs, each through every command: nothing throws, hangs or exceeds the memory bound', async () => {
    // The budget is 3x validate's 20 s here: npm test shares the machine, and a 186 KB input of this
    // seed takes 2.5 s alone but up to 20 s at a load of 8 (the long campaign keeps 20 s).
    const s = await runSelftest({ seed: 20261203, inputs: 150, workers: 2, out, budgetMs: 60_000, cliSample: 0 });
    await stopWorkers();
    expect(s.distinct.map((d) => `${d.signature}: ${d.message} (${d.saved})`)).toEqual([]);
    expect(s.inputs).toBe(150);
    expect(s.byCommand).toEqual(Object.fromEntries(COMMANDS.map((c) => [c, 150])));
    expect(Object.keys(s.byKind).sort()).toEqual(['absurd', 'bytes', 'mutant']);
    expect(Object.keys(s.byFormat).sort()).toEqual(['ccf', 'png', 'rulebook', 'sigpack', 'zip']);
    expect(readdirSync(out)).toEqual([]);
  }, 300_000);

  it('12 hostile schemas, models and profiles on a worker: each loads or is refused with file, line and key; no code runs, nothing hangs', async () => {
    const d = await runDefinitionCampaign({ seed: 20261203, runs: 12, out });
    expect(d.failures.map((f) => `${f.kind} #${f.index}: ${f.reason}: ${f.message.split('\n')[0]} (${f.saved})`)).toEqual([]);
    expect(d.runs).toBe(12);
    expect(d.byKind).toEqual({ schema: 4, model: 4, profile: 4 });
    // Most are refused: the generator reaches past the first check of every kind.
    expect(d.refused).toBeGreaterThan(6);
  }, 300_000);

  it('a definition is the same text for the same seed and index (a failure can be drawn again)', () => {
    expect(drawDefinition(7, 3)).toEqual(drawDefinition(7, 3));
    expect(checkDefinition(drawDefinition(7, 1))).toMatchObject({ ok: true });
  });
});

describe('absurd headers come from the schema', () => {
  const ccf = loadSchema(join(packageRoot(), 'schemas/ccf-v1.yaml'));
  const clean = new Uint8Array(readFileSync(join(packageRoot(), 'corpus/ccf/codes/clean.bin')));

  it('the layout fields are the integers a count, size or offset expression reads', () => {
    const names = layoutNames(ccf);
    for (const n of ['instance_count', 'type_count', 'pool_offset', 'pool_size', 'criteria_count', 'str_off', 'str_len']) expect(names).toContain(n);
    const slots = layoutSlots(ccf, clean);
    expect(slots.find((s) => s.name === 'instance_count')).toMatchObject({ offset: 24, width: 4 });
  });

  it('an absurd mutant changes only layout fields\' bytes', () => {
    const slots = layoutSlots(ccf, clean);
    const inSlot = (i: number): boolean => slots.some((s) => i >= s.offset && i < s.offset + s.width);
    for (let k = 0; k < 50; k++) {
      const m = absurdHeaders(ccf, clean, new Rng(7, k))!;
      expect(m.bytes.length).toBe(clean.length);
      for (let i = 0; i < clean.length; i++) if (m.bytes[i] !== clean[i]) expect(inSlot(i), m.how).toBe(true);
    }
  });
});
