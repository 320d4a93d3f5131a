import { describe, expect, it } from 'vitest';
import { formatShard, globalRun, parseShard, runCampaign, SHARD_BLOCK, shardRuns } from '../../../src/fuzz/index.js';
import { agent711, MODEL_FILE, SCHEMA_FILE } from '../helpers.js';

describe('--shard K/N', () => {
  it('parses K/N with 1 <= K <= N', () => {
    expect(parseShard('2/4')).toEqual({ index: 1, count: 4 });
    expect(formatShard(parseShard('2/4')!)).toBe('2/4');
    for (const bad of ['0/4', '5/4', '1/0', 'x', '1/', '-1/2', '1.5/3']) expect(parseShard(bad), bad).toBeUndefined();
  });

  it('slices the run indexes of a campaign: disjoint shards that together make exactly the whole', () => {
    for (const [total, n] of [[3000, 4], [7, 3], [2, 5], [1024, 1], [100, 3], [48, 3], [49, 3]] as const) {
      const all: number[] = [];
      for (let k = 0; k < n; k++) {
        const s = { index: k, count: n };
        for (let j = 0; j < shardRuns(s, total); j++) all.push(globalRun(s, j));
      }
      expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    }
  });

  it('runs a deterministic slice: the same shard twice is the same campaign, another shard another one', async () => {
    const options = { schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711], seed: 11, runs: 600, workers: 1, shrink: false } as const;
    const keys = async (index: number): Promise<string[]> => {
      const r = await runCampaign({ ...options, shard: { index, count: 2 } });
      expect(r.runs).toBe(shardRuns({ index, count: 2 }, 600));
      return r.buckets.map((b) => `${b.key}#${b.first.r}`);
    };
    const first = await keys(0);
    expect(await keys(0)).toEqual(first);
    const second = await keys(1);
    expect(second).not.toEqual(first);
    // Every run index a shard reports is one of its own: whole blocks of SHARD_BLOCK runs, taken in turn.
    const shardOf = (k: string): number => Math.floor(Number(k.split('#')[1]) / SHARD_BLOCK) % 2;
    for (const k of first) expect(shardOf(k)).toBe(0);
    for (const k of second) expect(shardOf(k)).toBe(1);
  });
});
