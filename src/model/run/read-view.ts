import type { FieldPath } from '../../findings/index.js';
import { re2Check } from '../../regex/index.js';
import { EvalError, evaluateSize, type FieldDef } from '../../schema/index.js';
import type { ModelRun } from './state.js';
import type { StructCtx } from './walker.js';

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/**
 * A view into a buffer the consumer copied (a string in the pool): a reference past the buffer's
 * declared size is a crash with the field's at_code. Then the fixed buffers it is copied into
 * (too long: a crash, and an issue wherever it happens) and the engines that compile it (rejected:
 * a crash). Engines run only while no fault has happened: after it, the outcome is settled.
 */
export function readView(run: ModelRun, ctx: StructCtx, field: FieldDef, key: string): void {
  const v = field.view!.ast;
  const buf = v.kind === 'member' ? run.copies.get(v.name) : undefined;
  if (!buf) return; // the buffer was never copied: the load stopped before it
  let at: number;
  let size: number;
  try {
    at = evaluateSize(field.at!, ctx.scope);
    size = evaluateSize(field.size!, ctx.scope);
  } catch (e) {
    if (e instanceof EvalError) return;
    throw e;
  }
  const path = field.reportAtStruct ? ctx.path : [...ctx.path, field.id];
  const offset = ctx.start;
  const outside = at + size > buf.size;
  if (outside) run.cov.hit(run.branches.viewOutside.get(field)!);
  if (outside) run.crash(field.atCode, path, offset, { end: at + size, size: buf.size, at });
  const start = buf.offset + at;
  const inFile = !outside && start + size <= run.len;
  const raw = inFile ? run.bytes.subarray(start, start + size) : undefined;
  const text = raw ? UTF8.decode(raw) : undefined;
  if (raw) ctx.obj[field.id] = field.type.kind === 'bytes' ? raw : text;
  checkContent(run, key, path, offset, size, text, !outside);
}

/**
 * The fixed buffers a sized field is copied into (longer than `max`: a crash when it is the first
 * fault and the read was in bounds, and an issue wherever it happens) and the engines that compile
 * its text (rejected: a crash; run only while no fault has happened).
 */
export function checkContent(run: ModelRun, key: string, path: FieldPath, offset: number, size: number, text: string | undefined, inBounds: boolean): void {
  let overflow = false;
  for (const b of run.bound.buffers.get(key) ?? []) {
    if (size <= b.max) continue;
    overflow = true;
    run.cov.hit(run.branches.overflow.get(b.rule)!);
    run.loadIssues.push({ code: b.rule.code, path, offset, details: { length: size, max: b.max } });
    if (inBounds) run.crash(b.rule.code, path, offset, { length: size, max: b.max });
  }
  if (overflow || !inBounds || text === undefined || run.fault !== null) return;
  for (const e of run.bound.engines.get(key) ?? []) {
    let reason: string | null;
    try {
      const check = run.budget.timedRegex((ms) => re2Check(text, ms));
      if (check.kind === 'unchecked') {
        run.unjudged ??= { path, offset, reason: check.reason };
        return;
      }
      reason = check.kind === 'valid' ? null : check.reason;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    run.cov.hit((reason === null ? run.branches.engineOk : run.branches.engineReject).get(e)!);
    if (reason !== null) run.crash(e.code, path, offset, { pattern: text, reason });
  }
}
