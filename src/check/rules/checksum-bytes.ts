import type { FieldPath } from '../../findings/index.js';
import { EvalError, evaluateRef, type ChecksumDef, type Scope, type StreamIo } from '../../schema/index.js';
import { cannotEvaluate, sizesOrSkip, type CheckContext } from '../check-context.js';

/** The bytes a checksum covers, and how its finding names them (absolute offsets in the file where there are some). */
export interface Covered {
  readonly bytes: Uint8Array;
  readonly where: Record<string, unknown>;
  /** The rule as the schema wrote it, for the CONSTRAINT finding of one that cannot be evaluated. */
  readonly rule: string;
}

/** The stream a struct was read from: the file at the root, a window of it, or decompressed bytes. */
function streamOf(ctx: CheckContext, scope: Scope): StreamIo {
  return scope.io ?? { bytes: ctx.bytes, start: 0, end: ctx.bytes.length, pos: ctx.bytes.length };
}

/**
 * `from`/`to`: a range of the field's own stream (absolute in the file at the root; relative to a
 * `size` substream or to the decompressed bytes inside one). A missing `from` is the stream's start,
 * a missing `to` its end. Undefined, after a CONSTRAINT finding, when the range cannot be computed
 * or is not inside its stream: a checksum that covers nothing was never verified.
 */
export function rangeBytes(ctx: CheckContext, rule: ChecksumDef, path: FieldPath, scope: Scope): Covered | undefined {
  const io = streamOf(ctx, scope);
  const size = io.end - io.start;
  const what = `${rule.algo} checksum from ${rule.from?.source ?? 'the stream start'} to ${rule.to?.source ?? 'the stream end'}`;
  const exprs = [rule.from, rule.to].filter((e) => e !== undefined);
  const values = sizesOrSkip(ctx, path, what, scope, ...exprs);
  if (!values) return undefined;
  const from = rule.from ? values[0]! : 0;
  const to = rule.to ? values[values.length - 1]! : size;
  const inFile = io.bytes === ctx.bytes;
  if (from > to) {
    cannotEvaluate(ctx, path, what, `the range ${from}..${to} starts after its end`);
    return undefined;
  }
  if (to > size) {
    const stream = !inFile ? `the decompressed stream (${size} bytes)` : io.start === 0 && io.end === ctx.bytes.length ? `the file (${size} bytes)` : `its ${size}-byte substream`;
    cannotEvaluate(ctx, path, what, `the range ${from}..${to} is not inside ${stream}`);
    return undefined;
  }
  const bytes = io.bytes.subarray(io.start + from, io.start + to);
  // Locations stay absolute in the file; inside decompressed bytes there is none, so say where in them.
  const where = inFile ? { from: io.start + from, to: io.start + to } : { inner_from: from, inner_to: to };
  return { bytes, where, rule: what };
}

/**
 * `of: FIELD`: that field's bytes. A bytes value is used as it is (after `process`, the decoder
 * keeps the decompressed bytes); a struct read from its own stream (a substream, or decompressed
 * bytes) covers that whole stream; any other field covers its bytes in the file.
 */
export function fieldBytes(ctx: CheckContext, rule: ChecksumDef, path: FieldPath, scope: Scope, recall: (o: object) => StreamIo | undefined): Covered | undefined {
  const of = rule.of!;
  const what = `${rule.algo} checksum of ${of.source}`;
  const fail = (reason: string): undefined => {
    cannotEvaluate(ctx, path, what, reason);
    return undefined;
  };
  let ref;
  try {
    ref = evaluateRef(of, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return fail(e.message);
  }
  const v = ref.value;
  const named = { of: of.source };
  if (v instanceof Uint8Array) return { bytes: v, where: named, rule: what };
  if (v === null || v === undefined) return fail(`${of.source} is absent in this file`);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const own = recall(v);
    if (own) return { bytes: own.bytes.subarray(own.start, own.end), where: named, rule: what };
  }
  // Locations are of the file: inside decompressed bytes a field has none of its own.
  if (scope.io && scope.io.bytes !== ctx.bytes) return fail(`${of.source} is inside decompressed data and is not a bytes field`);
  const loc = ref.path ? ctx.locate(ref.path) : undefined;
  if (!loc) return fail(`${of.source} is not a field with a location in the file`);
  if (loc.offset + loc.size > ctx.bytes.length) return fail(`${of.source} ends past the end of the file`);
  return { bytes: ctx.bytes.subarray(loc.offset, loc.offset + loc.size), where: { ...named, from: loc.offset, to: loc.offset + loc.size }, rule: what };
}
