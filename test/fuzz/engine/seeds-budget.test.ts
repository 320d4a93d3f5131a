import { describe, expect, it } from 'vitest';
import { runCampaign, type CampaignResult } from '../../../src/fuzz/index.js';
import { fanOutFile } from '../fan-out.js';
import { agent711, agent716, bytesOf, CLEAN, JULY, SCHEMA_FILE, MODEL_FILE, SPRING } from '../helpers.js';

const seedFiles = [
  { name: 'spring.bin', bytes: bytesOf(SPRING) },
  { name: 'july.bin', bytes: bytesOf(JULY) },
  { name: 'clean.bin', bytes: bytesOf(CLEAN) },
];

function decisions(r: CampaignResult): unknown {
  return {
    seedsRun: r.seedsRun,
    corpus: r.corpus.map((c) => [c.how, c.seed === true, Buffer.from(c.bytes).toString('base64')]),
    buckets: r.buckets.map((b) => ({ key: b.key, hits: b.hits, first: b.first.r, smallest: b.smallest.r })),
  };
}

// Issue 7 §5 "slow seed files". Before the fix the seed files ran on the main thread before
// the workers started: a seed that took minutes (the fan-out file) was neither stopped by the
// per-input budget nor seen by the hang watchdog.
describe('seed files run like every other input', () => {
  it('through the worker pool, under the hang watchdog: a seed slower than the hang limit is a HANG of that seed', async () => {
    const r = await runCampaign({
      schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711, agent716], seed: 1, runs: 0, workers: 2, shrink: false,
      // The fan-out seed's checks take over a second even within their budgets (measured: simulations
      // 0.35-0.56 s, validation 1-1.3 s, and twice, as it is over the per-input budget): far over 300 ms.
      seeds: [{ name: 'fan-out.bin', bytes: fanOutFile() }], hangMs: 300,
    });
    const hang = r.buckets.find((b) => b.fault === 'HANG');
    expect(hang, r.buckets.map((b) => b.key).join('\n')).toBeDefined();
    expect(hang!.first.r).toBe(-1);
    expect(hang!.first.input.how).toBe('corpus:fan-out.bin');
    expect(r.seedsRun).toBe(1);
  }, 240_000);

  it('in-process, under the per-input budget: the fan-out seed is an OVER_BUDGET finding, not minutes of work', async () => {
    const t0 = performance.now();
    const r = await runCampaign({
      schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711, agent716], seed: 1, runs: 0, workers: 1, shrink: false, budgetMs: 50,
      seeds: [{ name: 'fan-out.bin', bytes: fanOutFile() }],
    });
    expect(r.buckets.some((b) => b.fault === 'OVER_BUDGET' && b.first.r === -1)).toBe(true);
    // Two timed runs of the checks, each bounded by the budget (simulations) and 4 × it (validation), plus set-up.
    expect(performance.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it('give the same campaign with 1 or 2 workers', async () => {
    const options = { schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711, agent716], seed: 3, runs: 96, batchSize: 32, seeds: seedFiles } as const;
    const one = await runCampaign({ ...options, workers: 1 });
    const two = await runCampaign({ ...options, workers: 2 });
    expect(one.seedsRun).toBe(3);
    expect(one.corpus.slice(0, 3).map((c) => c.how)).toEqual(['corpus:spring.bin', 'corpus:july.bin', 'corpus:clean.bin']);
    expect(decisions(two)).toEqual(decisions(one));
  }, 120_000);
});
