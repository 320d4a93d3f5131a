import type { Hit } from '../fuzz/engine/bucket.js';
import type { Outcome } from '../consumer/outcome.js';
import { ExecRunner, type ExecResult, type ExecSetup } from './runner.js';
import { topFrames } from './sanitizer.js';

/**
 * The real consumer's results as campaign findings (buckets), and the runner each thread keeps
 * for one ExecSetup (a campaign's worker threads each get their own copy of the setup, so their
 * own process).
 */
const runners = new WeakMap<ExecSetup, ExecRunner>();
const open = new Set<ExecRunner>();

export function runnerFor(exec: ExecSetup): ExecRunner {
  let r = runners.get(exec);
  if (r === undefined) {
    r = new ExecRunner(exec);
    runners.set(exec, r);
    open.add(r);
  }
  return r;
}

/** Stops every persistent consumer this thread started and removes its temporary files. */
export function closeRunners(): void {
  for (const r of open) {
    r.close();
    runners.delete(r.setup); // a later run of the same setup gets a new runner, closed in turn
  }
  open.clear();
}

// A command that ran a reproducer outside a campaign (fuzz's rerun of saved reproducers) still
// leaves no process, temporary folder or coverage map behind.
process.once('exit', closeRunners);

/** The finding code of a result that is not load or reject. */
export function execCode(r: ExecResult): 'EXEC_CRASH' | 'EXEC_HANG' | 'EXEC_NO_ANSWER' | undefined {
  if (r.outcome === 'crash') return 'EXEC_CRASH';
  if (r.outcome === 'hang') return 'EXEC_HANG';
  if (r.outcome === 'no-answer') return 'EXEC_NO_ANSWER';
  return undefined;
}

/**
 * Where a crash is, for its bucket: the sanitizer's fault kind, READ or WRITE, and the top two
 * frames of the consumer's own code (`heap-buffer-overflow READ in evaluate_instance < consume`;
 * two, so that the harness below them, one-shot or persistent, does not split a bucket); without
 * a report, the signal or the exit code. The access size is left out (a memcpy past the end
 * reads as many bytes as the input asked for): it is in the details.
 */
export function crashLocation(r: ExecResult): string {
  const s = r.sanitizer;
  if (s !== undefined) {
    const frames = topFrames(s);
    return `${s.kind}${s.access ? ` ${s.access}` : ''}${frames.length > 0 ? ` in ${frames.join(' < ')}` : ''}`;
  }
  if (r.outcome === 'hang') return 'timeout';
  if (r.signal !== null) return r.signal;
  return r.exitCode !== null ? `exit code ${r.exitCode}` : 'died without an answer';
}

/** One line about a result: the sanitizer's SUMMARY line (and the access), or the signal / exit code. */
export function describeResult(r: ExecResult): string {
  const s = r.sanitizer;
  if (s !== undefined) return `${s.summary}${s.access ? ` (${s.access} of size ${s.size})` : ''}`;
  if (r.outcome === 'hang') return `no answer within the time limit (killed after ${Math.round(r.ms)} ms)`;
  if (r.signal !== null) return `killed by ${r.signal}`;
  if (r.outcome === 'no-answer') return `exited with code ${r.exitCode ?? '?'} without saying load or reject`;
  if (r.outcome === 'crash') return r.exitCode !== null ? `exited with code ${r.exitCode} without an answer` : 'died without an answer';
  return r.outcome;
}

/** The crash / hang / no-answer hit of a result (none for load and reject). */
export function execHit(r: ExecResult, exec: ExecSetup): Hit | undefined {
  const code = execCode(r);
  if (code === undefined) return undefined;
  return { kind: 'crash', profile: exec.name, fault: code, location: crashLocation(r), path: '(file)', offset: -1, detail: describeResult(r) };
}

/** The outcome the model's outcome is compared with: hang and no-answer count as crashes (not a load). */
export function realOutcome(r: ExecResult): 'load' | 'reject' | 'crash' {
  return r.outcome === 'load' || r.outcome === 'reject' ? r.outcome : 'crash';
}

/** --differential: a hit when the model's outcome for the profile differs from the real consumer's. */
export function disagreementHit(model: { readonly outcome: Outcome; readonly fault: { readonly code: string } | null } | null, r: ExecResult, exec: ExecSetup): Hit | undefined {
  if (exec.differential === undefined || model === null || model.outcome === 'undecided') return undefined;
  const real = realOutcome(r);
  if (model.outcome === real) return undefined;
  const said = `${model.outcome}${model.fault !== null ? ` (${model.fault.code})` : ''}`;
  return {
    kind: 'soundness', profile: exec.name, fault: 'EXEC_DISAGREE', location: `model ${model.outcome}, real ${real}`, path: '(file)', offset: -1,
    detail: `the model of ${exec.differential} says ${said}, the real consumer: ${real === 'crash' ? describeResult(r) : real}`,
  };
}
