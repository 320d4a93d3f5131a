import { describe, expect, it } from 'vitest';
import { InputDeriver, runCampaign, seedInput, type CarriedInput } from '../../../src/fuzz/index.js';
import { DEFAULT_HAVOC } from '../../../src/fuzz/engine/derive-input.js';
import { agent711, bytesOf, model, MODEL_FILE, ROOT, schema, SCHEMA_FILE } from '../helpers.js';

const fleet = [agent711];
const SPRING_FILES = ['2024-03-05-first-instance.bin', '2024-04-24-spring.bin']
  .map((name) => ({ name, bytes: bytesOf(`${ROOT}/corpus/ccf/story/${name}`) }));

describe('havoc stages', () => {
  it('make one structured input per stage and stack raw mutations on it for the other runs', () => {
    const d = new InputDeriver(schema, model, fleet, { strategy: 'mixed', generateShare: 0.5 });
    const stage = Array.from({ length: 2 * DEFAULT_HAVOC }, (_, r) => d.derive(3, r, []));
    expect(stage[0]!.how).toBe('generated');
    for (let r = 1; r < DEFAULT_HAVOC; r++) expect(stage[r]!.how).toMatch(/^generated \| raw:/);
    expect(stage[DEFAULT_HAVOC]!.how).toBe('generated');
    expect(new Set(stage.map((x) => Buffer.from(x!.bytes).toString('hex'))).size).toBeGreaterThan(1.5 * DEFAULT_HAVOC);
  });

  it('derive every run the same whatever was derived before (the stage base is only remembered)', () => {
    const corpus: CarriedInput[] = SPRING_FILES.map((s) => ({ ...seedInput(s, schema), loads: true }));
    const warm = new InputDeriver(schema, model, fleet, { strategy: 'mixed', generateShare: 0.5 });
    const seq = Array.from({ length: 3 * DEFAULT_HAVOC }, (_, r) => warm.derive(9, r, corpus));
    for (const r of [3 * DEFAULT_HAVOC - 1, 2 * DEFAULT_HAVOC + 3, DEFAULT_HAVOC + 1, 5, 0, DEFAULT_HAVOC]) {
      const cold = new InputDeriver(schema, model, fleet, { strategy: 'mixed', generateShare: 0.5 }).derive(9, r, corpus);
      expect(cold?.how).toBe(seq[r]?.how);
      expect(cold?.bytes).toEqual(seq[r]?.bytes);
    }
  });

  it('are off for generation alone: every run is generated', () => {
    const d = new InputDeriver(schema, model, fleet, { strategy: 'generate', generateShare: 1 });
    for (let r = 0; r < 20; r++) expect(d.derive(1, r, [])?.how ?? 'generated').toBe('generated');
  });

  it('keep a seeded campaign the same with 1 or 2 workers, even when stages cross epochs', async () => {
    const options = { schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet, seed: 5, runs: 200, batchSize: 40, seeds: SPRING_FILES, shrink: false } as const;
    const key = (r: Awaited<ReturnType<typeof runCampaign>>): string[] =>
      r.buckets.map((b) => `${b.key}#${b.first.r}#${Buffer.from(b.smallest.input.bytes).toString('base64')}`);
    const one = await runCampaign({ ...options, workers: 1 });
    const two = await runCampaign({ ...options, workers: 2 });
    expect(key(two)).toEqual(key(one));
    expect(two.corpus.map((c) => c.how)).toEqual(one.corpus.map((c) => c.how));
  });
});
