import { stringify } from 'yaml';
import { BASELINE_VERSION, REASON_PLACEHOLDER, type BucketBaselineEntry } from './types.js';

const HEADER = `# preflight baseline: known fuzz buckets that do not fail a campaign (preflight fuzz --baseline FILE).
# Each entry accepts one bucket, kind|profile|fault|location as the campaign report prints it, and
# the saved reproducers in it. Replace every "${REASON_PLACEHOLDER}" with the reason (the
# placeholder is refused), and add "expires: YYYY-MM-DD" to entries that should stop accepting after that day (UTC).
`;

/**
 * A baseline that accepts every bucket of this campaign. Buckets a previous baseline already
 * accepted keep their reason and expiry date; new ones get the placeholder reason.
 */
export function writeBucketBaseline(buckets: readonly string[], previous: readonly BucketBaselineEntry[], format: 'yaml' | 'json'): string {
  const known = new Map(previous.map((e) => [e.bucket, e]));
  const entries = [...new Set(buckets)].sort().map((bucket) => {
    const before = known.get(bucket);
    return { bucket, reason: before?.reason ?? REASON_PLACEHOLDER, ...(before?.expires !== undefined ? { expires: before.expires } : {}) };
  });
  const doc = { version: BASELINE_VERSION, buckets: entries };
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : HEADER + stringify(doc, { lineWidth: 0 });
}
