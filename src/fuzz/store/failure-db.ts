import { parseBucketKey } from '../engine/bucket.js';
import type { CheckSetup } from '../engine/checks.js';
import { replayBytes } from '../engine/replay.js';
import type { CrashStore, StoreProblem } from './crash-store.js';

export interface RerunReport {
  readonly stillFailing: readonly { readonly id: string; readonly bucket: string; readonly size: number }[];
  readonly fixed: readonly { readonly id: string; readonly bucket: string; readonly movedTo: string }[];
  /** Saved for a profile that this campaign does not load: left alone. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** Sidecars (or their .bin) that could not be read or are not valid: left alone, reported. */
  readonly invalid: readonly StoreProblem[];
  /** Saved reproducers not rerun because the campaign was interrupted during start-up (left alone). */
  readonly notRun: number;
}

/**
 * The failure database: before a campaign, every saved reproducer runs again. Those that
 * still fail stay (a campaign keeps the smaller of a saved and a new reproducer); those that
 * no longer fail the same way are reported and moved to OUT/fixed/. Between reproducers it
 * lets signals in, and stops (leaving the rest untouched) once `shouldStop` says so.
 */
export async function rerunFailures(
  store: CrashStore, setup: CheckSetup, budgetMs: number, shouldStop: () => boolean = () => false, onStart?: (count: number) => void,
): Promise<RerunReport> {
  const stillFailing: { id: string; bucket: string; size: number }[] = [];
  const fixed: { id: string; bucket: string; movedTo: string }[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const names = new Set(setup.fleet.map((p) => p.name));
  const { reproducers, problems } = store.list();
  if (reproducers.length > 0) onStart?.(reproducers.length);
  let done = 0;
  for (const saved of reproducers) {
    await new Promise((resolve) => setImmediate(resolve));
    if (shouldStop()) break;
    done++;
    const { id, bucket } = saved.sidecar;
    const k = parseBucketKey(bucket);
    if (k !== undefined && k.profile !== '' && !names.has(k.profile)) {
      skipped.push({ id, reason: `profile ${k.profile} is not in this campaign's fleet` });
      continue;
    }
    const verdict = replayBytes(saved.bytes, setup, bucket, budgetMs);
    if (verdict.same) stillFailing.push({ id, bucket, size: saved.bytes.length });
    else fixed.push({ id, bucket, movedTo: store.retire(saved) });
  }
  return { stillFailing, fixed, skipped, invalid: problems, notRun: reproducers.length - done };
}
