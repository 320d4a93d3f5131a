import type { ConsumerReport, FileReport } from '../../report/model.js';
import { bucketKey, parseBucketKey, type Hit } from './bucket.js';
import { InputChecker, type CheckSetup } from './checks.js';
import { DEFAULT_BUDGET_MS } from './options.js';
import { bytesReproducible, reproduce } from './reproduce.js';
import { validateBounded, VALIDATE_BUDGET_FACTOR } from './_internals/bounded.js';
import { throwHit } from './_internals/error-hit.js';

/**
 * fails: it still fails (the saved way, or, with no saved bucket, validate fails it or a
 * consumer does not load it); fixed: it was saved as failing and no longer does; passes:
 * no saved bucket, and validate passes it (or warns) and every consumer loads it.
 */
export type ReplayStatus = 'fails' | 'fixed' | 'passes';

/** What the file does now, whatever it was saved for. */
export interface CurrentOutcome {
  /** validate's verdict; 'error' when validate threw. */
  readonly verdict: FileReport['verdict'];
  /** Codes of validate's findings, with their counts. */
  readonly findings: Readonly<Record<string, number>>;
  readonly consumers: readonly ConsumerReport[];
}

export interface ReplayVerdict {
  readonly status: ReplayStatus;
  /** The bucket it was saved for (when known). */
  readonly expected?: string;
  /** It still falls in the expected bucket. */
  readonly same: boolean;
  /** What it does now: every finding of the checks (crashes, soundness, throws). */
  readonly now: readonly Hit[];
  readonly current: CurrentOutcome;
  readonly message: string;
}

/**
 * Re-runs a reproducer. With its bucket key (from the sidecar), it still fails when it still
 * falls in that bucket; a timing bucket fails when the checks are still over `budgetMs`.
 * Without a key there is nothing to compare with: it fails when validate fails the file, a
 * consumer does not load it (crash or reject), or a check throws.
 */
export function replayBytes(bytes: Uint8Array, setup: CheckSetup, expected: string | undefined, budgetMs = DEFAULT_BUDGET_MS): ReplayVerdict {
  const t0 = performance.now();
  const { hits: now, current, undecided } = allFindings(bytes, { ...setup, budgetMs });
  const ms = performance.now() - t0;
  if (expected === undefined) return withoutBucket(now, current);
  const k = parseBucketKey(expected);
  if (k !== undefined && !bytesReproducible(expected) && (k.fault === 'OVER_BUDGET' || k.fault === 'HANG')) {
    const slow = ms > budgetMs;
    return { status: slow ? 'fails' : 'fixed', same: slow, expected, now, current, message: `checks took ${Math.round(ms)} ms (budget ${budgetMs} ms)` };
  }
  const hit = reproduce(bytes, expected, { ...setup, budgetMs });
  if (hit !== undefined) return { status: 'fails', same: true, expected, now, current, message: `still fails the same way: ${describe(hit)}` };
  // A consumer whose run the budget cut short said nothing: the reproducer is kept, never "fixed".
  if (k !== undefined && undecided.includes(k.profile)) {
    return { status: 'fails', same: true, expected, now, current, message: `not decided: the ${k.profile} run was cut short by the ${budgetMs} ms budget (kept as failing)` };
  }
  const other = now.filter((h) => bucketKey(h) !== expected);
  const message = other.length > 0 ? `no longer fails that way; now: ${other.map(describe).join('; ')}` : 'fixed: no longer fails';
  return { status: other.length > 0 ? 'fails' : 'fixed', same: false, expected, now, current, message };
}

function withoutBucket(now: readonly Hit[], current: CurrentOutcome): ReplayVerdict {
  const refused = current.consumers.filter((c) => c.outcome !== 'load');
  const fails = current.verdict === 'fail' || current.verdict === 'error' || refused.length > 0 || now.length > 0;
  const parts = [
    `validate verdict ${current.verdict}`,
    ...current.consumers.map((c) => `${c.profile}: ${c.outcome}${c.fault !== null ? ` (${c.fault.code} at ${c.fault.path} @ ${c.fault.offset})` : ''}`),
  ];
  const extra = now.filter((h) => h.kind !== 'crash').map(describe);
  return { status: fails ? 'fails' : 'passes', same: false, now, current, message: [...parts, ...extra].join('; ') };
}

/** Crash of every profile, plus the soundness and throw checks, and the file's current verdict. */
function allFindings(bytes: Uint8Array, setup: CheckSetup): { hits: Hit[]; current: CurrentOutcome; undecided: string[] } {
  const checker = new InputChecker(setup);
  const hits: Hit[] = [];
  const loadsAll = checker.simulateAll(bytes, undefined, hits, []);
  if (!loadsAll) checker.soundness(bytes, hits);
  let report: FileReport | undefined;
  try {
    report = validateBounded('replay', bytes, setup, VALIDATE_BUDGET_FACTOR * (setup.budgetMs ?? DEFAULT_BUDGET_MS));
  } catch (e) {
    if (loadsAll) hits.push(throwHit('validate', e));
  }
  const current: CurrentOutcome = report === undefined
    ? { verdict: 'error', findings: {}, consumers: [] }
    : { verdict: report.verdict, findings: report.totals, consumers: report.consumers };
  // Runs a budget cut short decided nothing (see Outcome).
  const undecided = checker.sims.flatMap((s) => (s?.outcome === 'undecided' ? [s.profile] : []));
  return { hits, current, undecided };
}

export function describe(h: Hit): string {
  const where = h.path === '(file)' ? h.location : `${h.path} @ ${h.offset}`;
  const who = h.profile === '' ? '' : ` on ${h.profile}`;
  return `${h.kind === 'crash' ? '' : `${h.kind} `}${h.fault}${who} at ${where}`;
}
