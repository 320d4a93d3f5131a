import { describe, expect, it } from 'vitest';
import { InputDeriver, runCampaign, seedInput, type CarriedInput } from '../../../src/fuzz/index.js';
import { agent711, bytesOf, ROOT, schema, SCHEMA_FILE } from '../helpers.js';

const fleet = [agent711];
const SPRING_FILES = ['2024-03-05-first-instance.bin', '2024-04-24-spring.bin']
  .map((name) => ({ name, bytes: bytesOf(`${ROOT}/corpus/ccf/story/${name}`) }));

describe('havoc stages', () => {
  it('make one structured input per 16 runs and stack raw mutations on it for the other 15', () => {
    const d = new InputDeriver(schema, fleet, { strategy: 'mixed', generateShare: 0.5 });
    const stage = Array.from({ length: 32 }, (_, r) => d.derive(3, r, []));
    expect(stage[0]!.how).toBe('generated');
    for (let r = 1; r < 16; r++) expect(stage[r]!.how).toMatch(/^generated \| raw:/);
    expect(stage[16]!.how).toBe('generated');
    expect(new Set(stage.map((x) => Buffer.from(x!.bytes).toString('hex'))).size).toBeGreaterThan(24);
  });

  it('derive every run the same whatever was derived before (the stage base is only remembered)', () => {
    const corpus: CarriedInput[] = SPRING_FILES.map((s) => ({ ...seedInput(s, schema), loads: true }));
    const warm = new InputDeriver(schema, fleet, { strategy: 'mixed', generateShare: 0.5 });
    const seq = Array.from({ length: 64 }, (_, r) => warm.derive(9, r, corpus));
    for (const r of [63, 40, 17, 5, 0, 33]) {
      const cold = new InputDeriver(schema, fleet, { strategy: 'mixed', generateShare: 0.5 }).derive(9, r, corpus);
      expect(cold?.how).toBe(seq[r]?.how);
      expect(cold?.bytes).toEqual(seq[r]?.bytes);
    }
  });

  it('are off for generation alone: every run is generated', () => {
    const d = new InputDeriver(schema, fleet, { strategy: 'generate', generateShare: 1 });
    for (let r = 0; r < 20; r++) expect(d.derive(1, r, [])?.how ?? 'generated').toBe('generated');
  });

  it('keep a seeded campaign the same with 1 or 2 workers, even when stages cross epochs', async () => {
    const options = { schemaFile: SCHEMA_FILE, fleet, seed: 5, runs: 200, batchSize: 40, seeds: SPRING_FILES, shrink: false } as const;
    const key = (r: Awaited<ReturnType<typeof runCampaign>>): string[] =>
      r.buckets.map((b) => `${b.key}#${b.first.r}#${Buffer.from(b.smallest.input.bytes).toString('base64')}`);
    const one = await runCampaign({ ...options, workers: 1 });
    const two = await runCampaign({ ...options, workers: 2 });
    expect(key(two)).toEqual(key(one));
    expect(two.corpus.map((c) => c.how)).toEqual(one.corpus.map((c) => c.how));
  });
});
