import type { CampaignResult, FinalBucket } from './campaign.js';
import { formatShard } from './shard.js';

export interface BucketEntry {
  readonly id: string;
  readonly profile: string;
  readonly fault: string;
  readonly location: string;
  readonly hits: number;
  readonly first_found_ms: number;
  /** Path of the saved reproducer (.bin; its .json sidecar sits next to it). */
  readonly reproducer: string;
  readonly size: number;
  readonly first_size: number;
  readonly how: string;
  readonly detail?: string;
}

/** The previous reproducers of OUT/crashes, run again before the campaign. */
export interface PreviousEntry {
  readonly still_failing: readonly string[];
  readonly fixed: readonly string[];
  readonly skipped: readonly string[];
  /** Sidecars (or their .bin) that could not be read or are not valid: left alone. */
  readonly invalid?: readonly { readonly file: string; readonly problem: string }[];
  /** Saved reproducers not rerun: the campaign was interrupted during start-up. */
  readonly not_run?: number;
}

/** What the CLI adds: the --seed as given when it was hashed to 32 bits; whether Ctrl-C stopped it. */
export interface CampaignExtras {
  readonly seed_given?: string;
  readonly interrupted?: boolean;
}

/** `preflight fuzz --format json`: one document, at the end. */
export interface CampaignDocument {
  readonly seed: number;
  /** The --seed given, when it was outside 0..2^32-1 and `seed` is its 32-bit hash. */
  readonly seed_given?: string;
  /** Stopped by Ctrl-C (or SIGTERM): fewer runs than asked, maybe some buckets unshrunk. */
  readonly interrupted: boolean;
  readonly runs: number;
  readonly elapsed_ms: number;
  /** Of elapsed_ms, the runs themselves (what --time bounds); the rest is set-up, the seed files and shrinking. */
  readonly fuzz_ms?: number;
  readonly execs_per_sec: number;
  /** `edges`: distinct edges of the real binary reached, when it is built with SanitizerCoverage. */
  readonly coverage: { readonly branches: number; readonly of: number; readonly features: number; readonly edges?: number };
  readonly buckets: readonly BucketEntry[];
  readonly soundness: readonly BucketEntry[];
  readonly robustness: readonly BucketEntry[];
  readonly shard: string;
  readonly workers: number;
  readonly seeds_run: number;
  readonly corpus: number;
  readonly previous: PreviousEntry;
  /** Buckets a `--baseline` accepts (taken out of the lists above): known, and not failing the run. */
  readonly baselined?: readonly { readonly bucket: string; readonly id: string; readonly reason: string; readonly expires?: string }[];
}

export function campaignDocument(
  result: CampaignResult,
  saved: ReadonlyMap<string, { readonly path: string; readonly size: number }>,
  previous: PreviousEntry,
  extras: CampaignExtras = {},
): CampaignDocument {
  const entry = (b: FinalBucket): BucketEntry => {
    const s = saved.get(b.key);
    return {
      id: b.id, profile: b.profile, fault: b.fault, location: b.location, hits: b.hits,
      first_found_ms: Math.round(b.first.foundMs), reproducer: s?.path ?? '', size: s?.size ?? b.reproducer.bytes.length,
      first_size: b.first.input.bytes.length, how: b.first.input.how,
      ...(b.first.detail !== undefined ? { detail: b.first.detail } : {}),
    };
  };
  const of = (kind: FinalBucket['kind']): BucketEntry[] => result.buckets.filter((b) => b.kind === kind).map(entry);
  return {
    seed: result.seed, ...(extras.seed_given !== undefined ? { seed_given: extras.seed_given } : {}), interrupted: extras.interrupted === true,
    runs: result.runs, elapsed_ms: Math.round(result.elapsedMs), fuzz_ms: Math.round(result.fuzzMs), execs_per_sec: Math.round(result.execsPerSec),
    coverage: result.coverage, buckets: of('crash'), soundness: of('soundness'), robustness: of('robustness'),
    shard: formatShard(result.shard), workers: result.workers, seeds_run: result.seedsRun, corpus: result.corpus.length, previous,
  };
}

/** Exit 1 when the campaign found anything, or a saved reproducer still fails. */
export function hasFindings(doc: CampaignDocument): boolean {
  return doc.buckets.length + doc.soundness.length + doc.robustness.length + doc.previous.still_failing.length > 0;
}
