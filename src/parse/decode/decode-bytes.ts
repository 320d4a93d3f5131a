import { elementScope, type FieldDef, type Scope } from '../../schema/index.js';
import { STOP, type DecodeContext } from './decode-context.js';
import { SkipTo, evalSize, fileOffset, type Slot } from './decode-common.js';
import { decodeText } from './decode-text.js';
import { inflateField } from './inflate-field.js';
import type { DecodeStream } from './stream.js';

/**
 * A bytes or str field: `size` bytes, the rest of the stream (`size_eos`), up to a terminator
 * (`strz`, `terminator`), the magic's length (`contents`), or bytes decompressed by `process`.
 * With both a size and a terminator, the size is read and the value ends at the terminator if
 * there is one (Kaitai's rule); a terminator alone must be found before the stream's end.
 */
export function decodeBytes(ctx: DecodeContext, io: DecodeStream, field: FieldDef, offset: number, slot: Slot, scope: Scope, index: number | undefined): { value: unknown; end: number } {
  // Paths are built only when something is reported (an inline arrow: a named closure costs more per field).
  const size = field.sizeEos ? Math.max(0, io.end - offset)
    : field.size ? evalSize(ctx, io, field.size, index === undefined ? scope : elementScope(scope, index), () => [...slot.parentPath, slot.key], offset, 'size')
    : field.contents ? field.contents.bytes.length
    : undefined;
  let raw: Uint8Array;
  let end: number;
  if (size !== undefined) {
    ctx.need(io, offset, size, slot.parentPath, slot.key, field.id);
    ctx.placeIn(io, slot.container, slot.key, offset, size);
    raw = io.bytes.subarray(offset, offset + size);
    end = offset + size;
    if (field.process) {
      const inflated = inflateField(ctx, io, field, raw, offset, [...slot.parentPath, slot.key]);
      if (!inflated) throw new SkipTo(end);
      raw = inflated;
    }
    if (field.terminator !== undefined) {
      const t = raw.indexOf(field.terminator);
      if (t >= 0) raw = raw.subarray(0, field.include ? t + 1 : t);
    }
  } else if (field.terminator !== undefined) {
    const t = io.bytes.subarray(offset, io.end).indexOf(field.terminator);
    if (t < 0) {
      ctx.complete = false;
      const details: Record<string, unknown> = {
        needed: io.end - offset + 1, at: offset, available: Math.max(0, io.end - offset),
        what: `${field.id} (no terminator 0x${field.terminator.toString(16).padStart(2, '0')} before the end)`,
      };
      if (io.label !== undefined) details.substream = io.label;
      ctx.reportAt(io, 'TRUNCATED', [...slot.parentPath, slot.key], Math.max(offset, io.start), details);
      throw STOP;
    }
    raw = io.bytes.subarray(offset, offset + t + (field.include ? 1 : 0));
    end = offset + t + (field.consume === false ? 0 : 1);
    ctx.placeIn(io, slot.container, slot.key, offset, end - offset);
  } else {
    return ctx.cannotEvaluate([...slot.parentPath, slot.key], fileOffset(io, offset), 'size', field.id, 'the field has no size, size_eos or terminator');
  }
  if (field.type.kind === 'bytes') return { value: raw, end };
  const reportPath = field.reportAtStruct ? scope.path : [...slot.parentPath, slot.key];
  return { value: decodeText(ctx, field, raw, reportPath, offset, io), end };
}

