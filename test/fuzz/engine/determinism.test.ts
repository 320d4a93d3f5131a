import { describe, expect, it } from 'vitest';
import { runCampaign, type CampaignResult } from '../../../src/fuzz/index.js';
import { agent711, agent716, MODEL_FILE, SCHEMA_FILE } from '../helpers.js';

/** Everything a campaign decides, without its timings. */
function decisions(r: CampaignResult): unknown {
  return {
    runs: r.runs,
    coverage: r.coverage,
    corpus: r.corpus.map((c) => Buffer.from(c.bytes).toString('base64')),
    buckets: r.buckets.map((b) => ({
      key: b.key, hits: b.hits, first: b.first.r, smallest: b.smallest.r,
      reproducer: Buffer.from(b.reproducer.bytes).toString('base64'),
    })),
  };
}

describe('campaign determinism', () => {
  it('gives the same buckets, reproducers and corpus for a seed and run count, with 1 or 2 workers', async () => {
    const options = { schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711, agent716], seed: 7, runs: 128, batchSize: 48 } as const;
    const one = await runCampaign({ ...options, workers: 1 });
    const two = await runCampaign({ ...options, workers: 2 });
    expect(two.workers).toBe(2);
    expect(one.runs).toBe(128);
    expect(one.buckets.length).toBeGreaterThan(5);
    expect(decisions(two)).toEqual(decisions(one));
    for (const b of one.buckets) {
      // Each bucket's reproducer is no larger than its first find.
      expect(b.reproducer.bytes.length, b.key).toBeLessThanOrEqual(b.first.input.bytes.length);
    }
  }, 120_000);

  it('gives different campaigns for different seeds', async () => {
    const options = { schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711], runs: 256, workers: 1, shrink: false } as const;
    const a = await runCampaign({ ...options, seed: 1 });
    const b = await runCampaign({ ...options, seed: 2 });
    expect(decisions(a)).not.toEqual(decisions(b));
  });
});
