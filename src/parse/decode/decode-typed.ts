import { formatPath } from '../../findings/index.js';
import { elementScope, type CompiledExpr, type FieldDef, type Scope, type ScopeExtra } from '../../schema/index.js';
import { Stop, type DecodeContext } from './decode-context.js';
import { SkipTo, evalSize, fileOffset, type Slot } from './decode-common.js';
import { bindParams } from './bind-params.js';
import { chooseCase } from './choose-case.js';
import { decodeFieldsInto, decodeStruct, nested } from './decode-struct.js';
import { inflateField } from './inflate-field.js';
import { DecodeStream } from './stream.js';

/**
 * A struct or switch field. With `size`/`size_eos` it is read inside a substream of that many
 * bytes (what it leaves unread is skipped; a read past it is TRUNCATED inside, naming the
 * substream); with `process` from the decompressed bytes, in a stream of their own.
 */
export function decodeTyped(ctx: DecodeContext, io: DecodeStream, field: FieldDef, offset: number, slot: Slot, scope: Scope, index: number | undefined, inlineInto: Record<string, unknown> | undefined): { value: unknown; end: number } {
  if (!field.size && !field.sizeEos && !field.process) return decodeIn(ctx, io, field, offset, slot, scope, index, inlineInto);
  const path = [...slot.parentPath, slot.key];
  const size = field.sizeEos ? Math.max(0, io.end - offset)
    : evalSize(ctx, io, field.size!, index === undefined ? scope : elementScope(scope, index), () => path, offset, 'size');
  ctx.need(io, offset, size, slot.parentPath, slot.key, field.id);
  // Taking `size` bytes is a byte-aligned read (Kaitai's read_bytes): it ends any bit run.
  ctx.bitRun = undefined;
  const end = offset + size;
  const label = formatPath(path);
  let inner: DecodeStream;
  if (field.process) {
    const bytes = inflateField(ctx, io, field, io.bytes.subarray(offset, end), offset, path);
    if (!bytes) {
      ctx.placeIn(io, slot.container, slot.key, offset, size);
      throw new SkipTo(end);
    }
    inner = new DecodeStream(bytes, 0, bytes.length, io.origin ?? { offset, size }, label);
  } else {
    inner = io.sub(offset, end, label);
  }
  try {
    const r = decodeIn(ctx, inner, field, inner.start, slot, scope, index, inlineInto);
    if (!(field.type.kind === 'switch' && field.inline)) ctx.placeIn(io, slot.container, slot.key, offset, size);
    return { value: r.value, end };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    ctx.placeIn(io, slot.container, slot.key, offset, size);
    throw new SkipTo(end);
  }
}

/** Reads the struct (or the switch's case) at `offset` of stream `io`, which is the scope's own or a new one. */
function decodeIn(ctx: DecodeContext, io: DecodeStream, field: FieldDef, offset: number, slot: Slot, scope: Scope, index: number | undefined, inlineInto: Record<string, unknown> | undefined): { value: unknown; end: number } {
  const t = field.type;
  let name: string;
  let args: readonly CompiledExpr[] | undefined;
  if (t.kind === 'struct') {
    name = t.struct;
    args = t.args;
  } else if (t.kind === 'switch') {
    ({ name, args } = chooseCase(ctx, field, t, slot, scope, offset, io));
  } else {
    throw new Error(`decodeIn: ${t.kind} is not a struct or switch`);
  }
  const def = ctx.schema.types.get(name)!;
  const ownStream = io !== scope.io;
  if (t.kind === 'switch' && field.inline && inlineInto) {
    // An inline case fills the enclosing object, in its scope: it can take neither arguments nor a stream of its own.
    if (ownStream || def.params?.length) return ctx.cannotEvaluate([...slot.parentPath, slot.key], fileOffset(io, offset), 'inline', name, 'an inline case cannot have parameters, a size or a process');
    return { value: undefined, end: nested(ctx, scope.path, offset, () => decodeFieldsInto(ctx, def, inlineInto, offset, scope.path, scope)) };
  }
  const params = def.params?.length
    ? bindParams(ctx, io, def, args, index === undefined ? scope : elementScope(scope, index), [...slot.parentPath, slot.key], offset)
    : undefined;
  const extra: ScopeExtra | undefined = ownStream || params ? { io: ownStream ? io : undefined, params } : undefined;
  const r = decodeStruct(ctx, def, offset, slot, scope, index, extra);
  return { value: r.obj, end: r.end };
}
