import { bucketId } from '../fuzz/engine/bucket.js';
import type { Baseline, BucketBaselineEntry } from './types.js';

/** A bucket the baseline accepts, as the campaign report lists it. */
export interface AcceptedBucket {
  readonly bucket: string;
  readonly id: string;
  readonly reason: string;
  readonly expires?: string;
}

export interface BucketBaselineOutcome {
  /** Whether a bucket key, or a saved reproducer's id, is accepted (and by which entry). */
  readonly accepts: (keyOrId: string) => BucketBaselineEntry | undefined;
  /** Entries past their date: they accept nothing, and the user should renew or drop them. */
  readonly expired: readonly BucketBaselineEntry[];
}

/**
 * The live bucket entries of a baseline. A reproducer's file name is derived from its bucket key
 * (bucketId), so a saved reproducer that still fails is matched through the same entry: a known
 * bucket stays known on every rerun of the campaign. `today` is `YYYY-MM-DD` (UTC).
 */
export function bucketBaseline(baseline: Baseline, today: string): BucketBaselineOutcome {
  const expired = baseline.buckets.filter((e) => e.expires !== undefined && e.expires < today);
  const live = new Map<string, BucketBaselineEntry>();
  for (const entry of baseline.buckets) {
    if (expired.includes(entry)) continue;
    live.set(entry.bucket, entry);
    live.set(bucketId(entry.bucket), entry);
  }
  return { accepts: (keyOrId) => live.get(keyOrId), expired };
}

export function acceptedBucket(entry: BucketBaselineEntry): AcceptedBucket {
  const out = { bucket: entry.bucket, id: bucketId(entry.bucket), reason: entry.reason };
  return entry.expires !== undefined ? { ...out, expires: entry.expires } : out;
}
