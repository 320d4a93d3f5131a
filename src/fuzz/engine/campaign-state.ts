import { bucketId, parseBucketKey, type FindingKind } from './bucket.js';
import { CoverageMap } from './coverage.js';
import type { CarriedInput, EpochSync, RunReport, WireHit } from './wire.js';

/** One input that fell in a bucket, with where it was found. */
export interface Reproducer {
  /** Global run index (negative: a seed file). */
  readonly r: number;
  readonly input: CarriedInput;
  readonly path: string;
  readonly offset: number;
  readonly detail?: string;
  /** ms since the campaign started (timing only). */
  readonly foundMs: number;
}

export interface Bucket {
  readonly key: string;
  readonly id: string;
  readonly kind: FindingKind;
  readonly profile: string;
  readonly fault: string;
  readonly location: string;
  hits: number;
  readonly first: Reproducer;
  /** Smallest by (size, run index): the run index breaks ties because runs merge in index order. */
  smallest: Reproducer;
}

/**
 * The campaign state on the main thread. Run reports merge strictly in run-index order, so
 * the working corpus, the coverage map and every bucket's first and smallest reproducer are
 * the same whatever the number of workers and whichever finished first.
 */
export class CampaignState {
  readonly map: CoverageMap;
  readonly buckets = new Map<string, Bucket>();
  /** Buckets opened since the last takeNew(), in discovery order. */
  private fresh: Bucket[] = [];
  private corpusAdds: CarriedInput[] = [];
  private features: number[] = [];
  private sizes = new Map<string, number>();
  corpusSize = 0;

  /**
   * `steerByEdges`: once the real binary reports edges, an input is kept for a new edge (or hit
   * count) of the binary, not for a new branch of the model (which is still counted); without
   * edges the model steers.
   */
  constructor(profiles: number, branches: number, readonly startedAt: number, readonly feedback: boolean, edgeSlots = 0, readonly steerByEdges = false) {
    this.map = new CoverageMap(profiles, branches, edgeSlots);
  }

  private steers(fresh: readonly number[]): boolean {
    const byEdges = this.steerByEdges && this.map.edges > 0;
    return fresh.some((f) => this.map.isEdge(f) === byEdges);
  }

  /** `seed`: a corpus file, which joins the working corpus whatever its coverage (the user gave it). */
  merge(report: RunReport, seed?: CarriedInput): void {
    if (report.novel !== undefined) {
      const fresh = report.novel.filter((f) => !this.map.has(f));
      if (fresh.length > 0) {
        this.map.addAll(fresh);
        this.features.push(...fresh);
        if (this.feedback && seed === undefined && report.input !== undefined && this.steers(fresh)) this.keep(report.input);
      }
    }
    if (seed !== undefined) this.keep(seed);
    for (const hit of report.hits ?? []) this.mergeHit(report, hit);
  }

  /** Hits of runs not reported one by one: their buckets exist (they were known when the epoch began). */
  tally(key: string, n: number): void {
    const b = this.buckets.get(key);
    if (b === undefined) throw new Error(`fuzz: hits counted for unknown bucket ${key}`);
    b.hits += n;
  }

  private keep(input: CarriedInput): void {
    this.corpusAdds.push(input);
    this.corpusSize++;
  }

  private mergeHit(report: RunReport, hit: WireHit): void {
    const b = this.buckets.get(hit.key);
    if (b !== undefined) {
      b.hits++;
      if (report.size < b.smallest.input.bytes.length && report.input !== undefined) {
        b.smallest = this.reproducer(report, hit, report.input);
        this.sizes.set(hit.key, report.size);
      }
      return;
    }
    const k = parseBucketKey(hit.key);
    if (k === undefined || report.input === undefined) throw new Error(`fuzz: run ${report.r} opened bucket ${hit.key} without its input`);
    const rep = this.reproducer(report, hit, report.input);
    const bucket: Bucket = { key: hit.key, id: bucketId(hit.key), ...k, hits: 1, first: rep, smallest: rep };
    this.buckets.set(hit.key, bucket);
    this.fresh.push(bucket);
    this.sizes.set(hit.key, report.size);
  }

  private reproducer(report: RunReport, hit: WireHit, input: CarriedInput): Reproducer {
    return {
      r: report.r, input, path: hit.path, offset: hit.offset, foundMs: Math.max(0, report.at - this.startedAt),
      ...(hit.detail !== undefined ? { detail: hit.detail } : {}),
    };
  }

  /** What changed since the last call: applied by every executor before the next epoch. */
  takeSync(): EpochSync {
    const sync: EpochSync = { corpusAdds: this.corpusAdds, features: this.features, bucketSizes: [...this.sizes] };
    this.corpusAdds = [];
    this.features = [];
    this.sizes = new Map();
    return sync;
  }

  takeNew(): Bucket[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}
