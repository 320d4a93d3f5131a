import { describe, expect, it } from 'vitest';
import { CoverageMap, CoverageRecorder, featureId, InputChecker, type Hit } from '../../../src/fuzz/index.js';
import { branchTable } from '../../../src/model/index.js';
import { bytesOf, JULY, model, setup711, SPRING } from '../helpers.js';

const table = branchTable(model);
const N = table.names.length;

describe('coverage feedback', () => {
  it('counts hits in AFL buckets: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+', () => {
    const rec = new CoverageRecorder(N);
    const map = new CoverageMap(1, N);
    const bucketFor = (n: number): number => {
      rec.reset();
      for (let i = 0; i < n; i++) rec.hit(table.inputSkip);
      const out: number[] = [];
      rec.novelFeatures(0, map, out);
      return out[0]! - featureId(0, table.inputSkip, 0, N);
    };
    expect([1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 127, 128, 5000].map(bucketFor)).toEqual([0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
  });

  it('reports only features the map has not seen, per profile', () => {
    const checker = new InputChecker(setup711);
    const map = new CoverageMap(1, N);
    const novel: number[] = [];
    checker.simulateAll(bytesOf(SPRING), map, [] as Hit[], novel);
    expect(novel.length).toBeGreaterThan(5);
    expect(map.addAll(novel)).toBe(true);
    const again: number[] = [];
    checker.simulateAll(bytesOf(SPRING), map, [], again);
    expect(again).toEqual([]);
    const july: number[] = [];
    checker.simulateAll(bytesOf(JULY), map, [], july);
    expect(july).toContain(featureId(0, table.inputOob, 0, N));
    map.addAll(july);
    expect(map.branches).toBeLessThanOrEqual(N);
    expect(map.list()).toHaveLength(map.features);
  });
});
