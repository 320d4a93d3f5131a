import { parseExpr } from '../expr/index.js';
import type { Severity } from '../../findings/index.js';
import type { ChecksumAlgo, FieldDef, RepeatKind, ValidDef, ValidRule } from '../model.js';
import { code, expr, optCode, optExpr, type BuildContext, type Path, type Raw } from './build-context.js';
import { buildType } from './build-type.js';
import { contentsBytes, intLiteral } from './literals.js';

/** The most a `process` may produce when the schema gives no limit: 16 MiB. */
export const DEFAULT_PROCESS_LIMIT = 16 * 1024 * 1024;

/** One `seq` entry as the model's FieldDef; `b.fail` names the key at fault. */
export function buildField(raw: Raw, path: Path, b: BuildContext): FieldDef {
  const p = (...k: Array<string | number>): Path => [...path, ...k];
  const repeat = buildRepeat(raw, path, b);
  const unique = raw.unique as Raw | undefined;
  const placement = raw.placement as Raw | undefined;
  const checksum = raw.checksum as Raw | undefined;
  const pattern = raw.pattern as Raw | undefined;
  const processRaw = raw.process as Raw | undefined;
  const contents = raw.contents === undefined ? undefined : contentsBytes(raw.contents);
  if (raw.contents !== undefined && !contents) b.fail(p('contents'), 'contents are bytes 0-255 and Latin-1 strings (one character per byte)');
  if (raw.type === undefined && !contents) b.fail(path, 'missing key "type"');
  const isStrz = raw.type === 'strz';
  if (isStrz && raw.terminator !== undefined) b.fail(p('terminator'), 'strz already ends at a zero byte: use type str with a terminator for another one');
  return {
    id: raw.id as string,
    doc: raw.doc as string | undefined,
    type: contents ? { kind: 'bytes' } : buildType(raw, path, b),
    ...repeat,
    cond: optExpr(raw.if, p('if'), b.fail),
    size: contents ? parseExpr(String(contents.length)) : optExpr(raw.size, p('size'), b.fail),
    sizeEos: raw.size_eos === true ? true : undefined,
    terminator: isStrz ? 0 : (raw.terminator as number | undefined),
    include: raw.include as boolean | undefined,
    consume: raw.consume as boolean | undefined,
    contents: contents ? { bytes: contents, code: optCode(raw.contents_code, p('contents_code'), b) ?? 'BAD_MAGIC' } : undefined,
    process: processRaw
      ? {
          algo: processRaw.algo as 'zlib' | 'deflate',
          limit: (processRaw.limit as number | undefined) ?? DEFAULT_PROCESS_LIMIT,
          code: optCode(processRaw.code, p('process', 'code'), b) ?? 'BAD_VALUE',
        }
      : undefined,
    at: optExpr(raw.at, p('at'), b.fail),
    atCode: optCode(raw.at_code, p('at_code'), b) ?? 'BAD_OFFSET',
    view: optExpr(raw.view, p('view'), b.fail),
    inline: raw.inline === true,
    reportAtStruct: raw.report_at === 'struct',
    enumName: raw.enum as string | undefined,
    valid: ((raw.valid as Raw[] | undefined) ?? []).map((v, i) => buildValid(v, p('valid', i), b)),
    unique: unique ? { key: unique.key as string, code: code(unique.code, p('unique', 'code'), b) } : undefined,
    placement: placement
      ? {
          start: expr(placement.start, p('placement', 'start'), b.fail),
          end: expr(placement.end, p('placement', 'end'), b.fail),
          code: code(placement.code, p('placement', 'code'), b),
          gapCode: optCode(placement.gap_code, p('placement', 'gap_code'), b),
        }
      : undefined,
    checksum: checksum
      ? {
          algo: checksum.algo as ChecksumAlgo,
          from: optExpr(checksum.from, p('checksum', 'from'), b.fail),
          to: optExpr(checksum.to, p('checksum', 'to'), b.fail),
          of: optExpr(checksum.of, p('checksum', 'of'), b.fail),
          code: code(checksum.code, p('checksum', 'code'), b),
        }
      : undefined,
    utf8Code: optCode(raw.utf8_code, p('utf8_code'), b),
    pattern: pattern
      ? { syntax: 're2', invalidCode: code(pattern.invalid_code, p('pattern', 'invalid_code'), b), redosCode: optCode(pattern.redos_code, p('pattern', 'redos_code'), b) }
      : undefined,
    derive: optExpr(raw.derive, p('derive'), b.fail),
    pool: raw.pool === true,
  };
}

/** `repeat: EXPR | until | eos` and `repeat_bytes`: arrays not sized by a count still answer len(id) for the encoder. */
function buildRepeat(raw: Raw, path: Path, b: BuildContext): Pick<FieldDef, 'repeat' | 'repeatBytes' | 'repeatKind' | 'repeatUntil'> {
  const p = (k: string): Path => [...path, k];
  const count = () => parseExpr(`len(${String(raw.id)})`);
  if (raw.repeat !== undefined && raw.repeat_bytes !== undefined) b.fail(p('repeat_bytes'), 'give repeat (a count) or repeat_bytes (a size), not both');
  if (raw.repeat_until !== undefined && raw.repeat !== 'until') b.fail(p('repeat_until'), 'repeat_until goes with repeat: until');
  if (raw.repeat === 'until' && raw.repeat_until === undefined) b.fail(p('repeat'), 'repeat: until needs repeat_until, the condition that ends the array');
  let kind: RepeatKind | undefined;
  if (raw.repeat_bytes !== undefined) kind = 'bytes';
  else if (raw.repeat === 'until') kind = 'until';
  else if (raw.repeat === 'eos') kind = 'eos';
  else if (raw.repeat !== undefined) kind = 'count';
  return {
    repeat: kind === undefined ? undefined : kind === 'count' ? expr(raw.repeat, p('repeat'), b.fail) : count(),
    repeatBytes: optExpr(raw.repeat_bytes, p('repeat_bytes'), b.fail),
    repeatKind: kind === 'count' ? undefined : kind,
    repeatUntil: optExpr(raw.repeat_until, p('repeat_until'), b.fail),
  };
}

function buildValid(raw: Raw, path: Path, b: BuildContext): ValidDef {
  const p = (k: string | number, ...more: Array<string | number>): Path => [...path, k, ...more];
  const big = (v: unknown, at: Path): bigint | undefined => {
    if (v === undefined) return undefined;
    const n = intLiteral(v);
    if (n === undefined) b.fail(at, `${String(v)} is not an integer literal`);
    return n;
  };
  let rule: ValidRule;
  const kinds = ['eq', 'in', 'mask', 'enum', 'expr'].filter((k) => raw[k] !== undefined);
  const hasRange = raw.min !== undefined || raw.max !== undefined;
  if (kinds.length + (hasRange ? 1 : 0) !== 1) b.fail(path, 'give exactly one of eq, min/max, in, mask, enum, expr');
  if (raw.eq !== undefined) rule = { kind: 'eq', value: big(raw.eq, p('eq'))! };
  else if (hasRange) rule = { kind: 'range', min: big(raw.min, p('min')), max: big(raw.max, p('max')) };
  else if (raw.in !== undefined) rule = { kind: 'in', values: (raw.in as unknown[]).map((v, i) => big(v, p('in', i))!) };
  else if (raw.mask !== undefined) rule = { kind: 'mask', allowed: big(raw.mask, p('mask'))! };
  else if (raw.enum !== undefined) rule = { kind: 'enum' };
  else rule = { kind: 'expr', expr: expr(raw.expr, p('expr'), b.fail) };
  return { rule, code: code(raw.code, p('code'), b), severity: raw.severity as Severity | undefined, message: raw.message as string | undefined };
}
