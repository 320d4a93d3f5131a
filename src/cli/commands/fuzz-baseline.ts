import { acceptedBucket, BaselineError, bucketBaseline, writeBucketBaseline, todayUtc, type AcceptedBucket, type Baseline } from '../../baseline/index.js';
import { bucketKey, type FindingKind } from '../../fuzz/engine/bucket.js';
import type { BucketEntry, CampaignDocument } from '../../fuzz/engine/document.js';
import { CliError } from '../cli-error.js';
import { boundValue } from '../bound-text.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { loadBaseline } from '../validate-baseline.js';

/** `fuzz --baseline FILE`, read before the campaign starts: a bad baseline is one line and exit 2. */
export function loadBucketBaseline(file: string): Baseline {
  try {
    return loadBaseline(file);
  } catch (e) {
    if (e instanceof BaselineError) throw new CliError(e.message);
    throw e;
  }
}

/** `fuzz --write-baseline FILE`: the path is checked before the campaign, like every output. */
export function checkBucketBaselineOutput(file: string): void {
  checkOutputPath(file);
}

/**
 * Takes the buckets (and still-failing saved reproducers) that the baseline accepts out of the
 * document, into `baselined`, so only new buckets fail the run. Says on stderr what it accepted
 * and which entries expired.
 */
export function gateBuckets(doc: CampaignDocument, baseline: Baseline, note: (line: string) => void, today = todayUtc()): CampaignDocument {
  const { accepts, expired } = bucketBaseline(baseline, today);
  const accepted = new Map<string, AcceptedBucket>();
  const keep = (kind: FindingKind) => (b: BucketEntry): boolean => {
    const entry = accepts(bucketKey({ kind, profile: b.profile, fault: b.fault, location: b.location }));
    if (entry !== undefined) accepted.set(entry.bucket, acceptedBucket(entry));
    return entry === undefined;
  };
  const stillFailing = doc.previous.still_failing.filter((id) => {
    const entry = accepts(id);
    if (entry !== undefined) accepted.set(entry.bucket, acceptedBucket(entry));
    return entry === undefined;
  });
  for (const e of expired) {
    note(`${boundValue(baseline.source)}:${e.line}: the entry for bucket ${boundValue(e.bucket)} expired on ${e.expires}; it no longer accepts that bucket`);
  }
  if (accepted.size > 0) note(`${boundValue(baseline.source)}: ${accepted.size} known bucket(s) accepted by the baseline (listed as baselined; they do not fail the run)`);
  return {
    ...doc,
    soundness: doc.soundness.filter(keep('soundness')),
    buckets: doc.buckets.filter(keep('crash')),
    robustness: doc.robustness.filter(keep('robustness')),
    previous: { ...doc.previous, still_failing: stillFailing },
    baselined: [...accepted.values()].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0)),
  };
}

/** Every bucket of the campaign, new and accepted, with the reasons the old baseline gave. */
export function saveBucketBaseline(file: string, doc: CampaignDocument, previous: Baseline | undefined, note: (line: string) => void): void {
  const keys = [
    ...doc.soundness.map((b) => bucketKey({ kind: 'soundness', ...b })),
    ...doc.buckets.map((b) => bucketKey({ kind: 'crash', ...b })),
    ...doc.robustness.map((b) => bucketKey({ kind: 'robustness', ...b })),
    ...(doc.baselined ?? []).map((b) => b.bucket),
  ];
  writeOutput(file, writeBucketBaseline(keys, previous?.buckets ?? [], /\.json$/i.test(file) ? 'json' : 'yaml'));
  if (file !== '-') note(`${boundValue(file)}: wrote ${keys.length} bucket entr${keys.length === 1 ? 'y' : 'ies'}; replace each placeholder reason before using it with --baseline`);
}
