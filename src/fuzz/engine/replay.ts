import { validateBytes } from '../../validate/index.js';
import { bucketKey, parseBucketKey, type Hit } from './bucket.js';
import { InputChecker, type CheckSetup } from './checks.js';
import { bytesReproducible, reproduce } from './reproduce.js';
import { throwHit } from './_internals/error-hit.js';

export type ReplayStatus = 'fails' | 'fixed';

export interface ReplayVerdict {
  readonly status: ReplayStatus;
  /** The bucket it was saved for (when known). */
  readonly expected?: string;
  /** It still falls in the expected bucket. */
  readonly same: boolean;
  /** What it does now: every finding of the checks (crashes, soundness, throws). */
  readonly now: readonly Hit[];
  readonly message: string;
}

/**
 * Re-runs a reproducer. With its bucket key (from the sidecar), it still fails when it still
 * falls in that bucket; a timing bucket fails when the checks are still over `budgetMs`.
 * Without a key, it fails when any profile crashes, or any soundness or robustness finding.
 */
export function replayBytes(bytes: Uint8Array, setup: CheckSetup, expected: string | undefined, budgetMs = 250): ReplayVerdict {
  const t0 = performance.now();
  const now = allFindings(bytes, setup);
  const ms = performance.now() - t0;
  if (expected === undefined) {
    const status: ReplayStatus = now.length > 0 ? 'fails' : 'fixed';
    return { status, same: false, now, message: status === 'fails' ? `fails: ${now.map(describe).join('; ')}` : 'no consumer crashes and no finding: passes' };
  }
  const k = parseBucketKey(expected);
  if (k !== undefined && !bytesReproducible(expected) && (k.fault === 'OVER_BUDGET' || k.fault === 'HANG')) {
    const slow = ms > budgetMs;
    return { status: slow ? 'fails' : 'fixed', same: slow, expected, now, message: `checks took ${Math.round(ms)} ms (budget ${budgetMs} ms)` };
  }
  const hit = reproduce(bytes, expected, setup);
  if (hit !== undefined) return { status: 'fails', same: true, expected, now, message: `still fails the same way: ${describe(hit)}` };
  const other = now.filter((h) => bucketKey(h) !== expected);
  const message = other.length > 0 ? `no longer fails that way; now: ${other.map(describe).join('; ')}` : 'fixed: no longer fails';
  return { status: other.length > 0 ? 'fails' : 'fixed', same: false, expected, now, message };
}

/** Crash of every profile, plus the soundness and throw checks. */
function allFindings(bytes: Uint8Array, setup: CheckSetup): Hit[] {
  const checker = new InputChecker(setup);
  const hits: Hit[] = [];
  const loadsAll = checker.simulateAll(bytes, undefined, hits, []);
  if (!loadsAll) checker.soundness(bytes, hits);
  else {
    try {
      validateBytes('replay', bytes, setup);
    } catch (e) {
      hits.push(throwHit('validate', e));
    }
  }
  return hits;
}

export function describe(h: Hit): string {
  const where = h.path === '(file)' ? h.location : `${h.path} @ ${h.offset}`;
  const who = h.profile === '' ? '' : ` on ${h.profile}`;
  return `${h.kind === 'crash' ? '' : `${h.kind} `}${h.fault}${who} at ${where}`;
}
