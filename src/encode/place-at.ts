import { EvalError, elementScope, evaluateSize } from '../schema/index.js';
import { fastOf } from './fast-expr.js';
import type { FieldPlan } from './plan.js';
import type { Frame } from './tree.js';
import type { Job, Writer } from './write.js';

/** The most zeros one encoding adds for pinned offsets and sizes (1 MiB), and for one of them (64 KiB). */
export const MAX_PAD = 1 << 20;
export const MAX_GAP = 1 << 16;

/**
 * Fields placed with `at`, in schemas with the new constructs: those whose offset is known
 * (pinned by the source, or derived from values) go at it, in offset order, with zeros up to
 * it when it lies past what is written (one already written over is appended instead); the
 * others (offsets derived from the layout, or found by a search such as rfind, never
 * inverted) are appended after them, in declaration order. A ZIP is so written as its offsets
 * say: local files, central directory, end record. Plain schemas keep appending in
 * declaration order, the canonical layout their corpus was built with.
 */
export function drainAt(w: Writer, deferred: readonly Job[]): void {
  const known: Array<{ job: Job; at: number }> = [];
  const rest: Job[] = [];
  for (const job of deferred) {
    const at = job.target?.();
    if (at === undefined) rest.push(job);
    else known.push({ job, at });
  }
  known.sort((a, b) => a.at - b.at);
  for (const { job, at } of known) {
    padTo(w, w.base + at);
    w.placement(job);
  }
  w.drain(rest);
}

/**
 * Zeros up to `offset`, when it lies past what is written. A pinned offset or size may be a
 * hostile, generated or mutated value (0xFFFFFFF0): a gap of more than MAX_GAP bytes, or past
 * MAX_PAD bytes of zeros in all, is not filled (the field that pins it is still written as
 * given, which is what such a file says), so a fuzzer's values stay small files.
 */
export function padTo(w: Writer, offset: number): void {
  if (offset <= w.len) return;
  const n = offset - w.len;
  if (n > MAX_GAP || n > w.padLeft) return;
  w.padLeft -= n;
  const at = w.reserve(n);
  w.buf.fill(0, at, at + n);
}

/** A placed field's `at` (or its first element's), when it can be evaluated before the layout. */
export function targetOf(frame: Frame, f: FieldPlan, index: number | undefined): number | undefined {
  const at = f.def.at!;
  const fast = fastOf(at)?.(frame, index ?? frame.index, frame.env);
  if (typeof fast === 'number' && Number.isInteger(fast) && fast >= 0) return fast;
  try {
    return evaluateSize(at, index === undefined ? frame.scope : elementScope(frame.scope, index));
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

/** The job of a placed field, with its target offset. */
export function placedAt(w: Writer, frame: Frame, f: FieldPlan, pos: number): Job {
  const job: Job = (d) => w.placed(frame, pos, d);
  job.target = () => targetOf(frame, f, f.repeat ? 0 : undefined);
  return job;
}
