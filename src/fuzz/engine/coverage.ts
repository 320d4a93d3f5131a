import type { CoverageSink } from '../../model/index.js';

/** AFL's hit-count buckets: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+ (index 0..7). */
export const HIT_BUCKETS = 8;

function bucketOf(count: number): number {
  if (count <= 3) return count - 1;
  if (count < 8) return 3;
  if (count < 16) return 4;
  if (count < 32) return 5;
  if (count < 128) return 6;
  return 7;
}

/**
 * A feature is one (profile, branch, hit-count bucket): an input that reaches a feature
 * no earlier input reached is worth mutating further (AFL-style feedback). `branches` is the
 * size of the consumer model's branch table (src/model/coverage.ts).
 */
export function featureId(profile: number, branch: number, bucket: number, branches: number): number {
  return (profile * branches + branch) * HIT_BUCKETS + bucket;
}

export function branchOfFeature(feature: number, branches: number): number {
  return Math.floor(feature / HIT_BUCKETS) % branches;
}

/** The sink handed to the model-driven consumer: counts hits per branch; reset before every run. */
export class CoverageRecorder implements CoverageSink {
  readonly counts: Uint32Array;
  private readonly order: number[] = [];

  constructor(readonly branches: number) {
    this.counts = new Uint32Array(Math.max(1, branches));
  }

  hit(branch: number): void {
    if (this.counts[branch]!++ === 0) this.order.push(branch);
  }

  reset(): void {
    for (const b of this.order) this.counts[b] = 0;
    this.order.length = 0;
  }

  /** Appends to `out` the features of the last run that `map` has not seen. */
  novelFeatures(profile: number, map: CoverageMap, out: number[]): void {
    for (const b of this.order) {
      const f = featureId(profile, b, bucketOf(this.counts[b]!), this.branches);
      if (!map.has(f)) out.push(f);
    }
  }
}

/** Every feature seen so far in a campaign (or at the start of an epoch, on a worker). */
export class CoverageMap {
  private readonly seen: Uint8Array;
  private readonly branchSeen: Uint8Array;
  features = 0;
  branches = 0;

  constructor(readonly profiles: number, readonly branchCount: number) {
    this.seen = new Uint8Array(Math.max(1, profiles) * Math.max(1, branchCount) * HIT_BUCKETS);
    this.branchSeen = new Uint8Array(Math.max(1, branchCount));
  }

  has(feature: number): boolean {
    return this.seen[feature] === 1;
  }

  /** Whether the (profile, branch) of `feature` was reached before, at any hit count. */
  branchReached(feature: number): boolean {
    const first = feature - (feature % HIT_BUCKETS);
    for (let f = first; f < first + HIT_BUCKETS; f++) if (this.seen[f] === 1) return true;
    return false;
  }

  /** Every feature seen, ascending (to bring a new worker up to date). */
  list(): number[] {
    const out: number[] = [];
    for (let f = 0; f < this.seen.length; f++) if (this.seen[f] === 1) out.push(f);
    return out;
  }

  /** Adds the features; returns whether any was new. */
  addAll(features: readonly number[]): boolean {
    let fresh = false;
    for (const f of features) {
      if (this.seen[f] === 1) continue;
      this.seen[f] = 1;
      this.features++;
      fresh = true;
      const b = branchOfFeature(f, this.branchCount);
      if (this.branchSeen[b] === 0) {
        this.branchSeen[b] = 1;
        this.branches++;
      }
    }
    return fresh;
  }
}
