import type { CoverageSink } from '../../model/index.js';

/** AFL's hit-count buckets: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+ (index 0..7). */
export const HIT_BUCKETS = 8;

export function bucketOf(count: number): number {
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

/**
 * Every feature seen so far in a campaign (or at the start of an epoch, on a worker). With
 * `edgeSlots` (--exec on a binary built with SanitizerCoverage, src/exec/edge-map.ts), the
 * binary's edges are features too, after the model's: (edge slot, hit-count bucket).
 */
export class CoverageMap {
  private readonly seen: Uint8Array;
  private readonly branchSeen: Uint8Array;
  private readonly edgeSeen: Uint8Array;
  /** The first edge feature: every id below it is a model branch's. */
  readonly edgeBase: number;
  features = 0;
  branches = 0;
  /** Distinct edges of the binary reached (0 without an instrumented binary). */
  edges = 0;

  constructor(readonly profiles: number, readonly branchCount: number, readonly edgeSlots = 0) {
    this.edgeBase = Math.max(1, profiles) * Math.max(1, branchCount) * HIT_BUCKETS;
    this.seen = new Uint8Array(this.edgeBase + edgeSlots * HIT_BUCKETS);
    this.branchSeen = new Uint8Array(Math.max(1, branchCount));
    this.edgeSeen = new Uint8Array(edgeSlots);
  }

  isEdge(feature: number): boolean {
    return feature >= this.edgeBase;
  }

  /** Appends to `out` the edge features of one input's counts (slot 0 unused) that this map has not seen. */
  novelEdges(counts: Uint8Array, out: number[]): void {
    const n = Math.min(counts.length, this.edgeSlots);
    for (let slot = 1; slot < n; slot++) {
      const c = counts[slot]!;
      if (c === 0) continue;
      const f = this.edgeBase + slot * HIT_BUCKETS + bucketOf(c);
      if (this.seen[f] !== 1) out.push(f);
    }
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
      if (this.isEdge(f)) {
        const slot = Math.floor((f - this.edgeBase) / HIT_BUCKETS);
        if (this.edgeSeen[slot] === 0) {
          this.edgeSeen[slot] = 1;
          this.edges++;
        }
        continue;
      }
      const b = branchOfFeature(f, this.branchCount);
      if (this.branchSeen[b] === 0) {
        this.branchSeen[b] = 1;
        this.branches++;
      }
    }
    return fresh;
  }
}
