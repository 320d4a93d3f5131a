import { INT_WIDTH, type FieldDef, type Scope } from '../../schema/index.js';
import { readBits } from '../../codec/read-bits.js';
import type { DecodeContext } from './decode-context.js';
import { decodeBytes } from './decode-bytes.js';
import type { Slot } from './decode-common.js';
import { decodeTyped } from './decode-typed.js';
import { readInt } from './read-int.js';
import { streamOf, type DecodeStream } from './stream.js';

/** Decodes one element of a field at `offset` into `slot`. `inlineInto` receives an inline switch's fields. */
export function decodeOne(ctx: DecodeContext, field: FieldDef, offset: number, slot: Slot, scope: Scope, index: number | undefined, inlineInto: Record<string, unknown> | undefined): { value: unknown; end: number } {
  ctx.countNode(slot.parentPath, slot.key, offset);
  const io = streamOf(scope);
  io.pos = offset;
  const t = field.type;
  switch (t.kind) {
    case 'int': {
      ctx.bitRun = undefined;
      const width = INT_WIDTH[t.int];
      ctx.need(io, offset, width, slot.parentPath, slot.key, field.id);
      // Elements of an integer array are located from the array's start: no entry per element.
      if (index === undefined || io.origin) ctx.placeIn(io, slot.container, slot.key, offset, width);
      return { value: readInt(io.view, offset, t.int, t.endian === 'le'), end: offset + width };
    }
    case 'bits':
      return decodeBits(ctx, io, field, t.bits, t.bitEndian, offset, slot);
    case 'bytes': case 'str':
      ctx.bitRun = undefined;
      return decodeBytes(ctx, io, field, offset, slot, scope, index);
    case 'struct': case 'switch':
      return decodeTyped(ctx, io, field, offset, slot, scope, index, inlineInto);
  }
}

/**
 * A bit field. Right after another bit field of the same bit order in the same stream it goes on
 * in the byte that one ended in; otherwise it starts at the cursor's byte. It is located at the
 * bytes it touches, and the cursor moves to the byte after its last bit.
 */
function decodeBits(ctx: DecodeContext, io: DecodeStream, field: FieldDef, bits: number, endian: 'be' | 'le', offset: number, slot: Slot): { value: unknown; end: number } {
  const run = ctx.bitRun;
  const startBit = run && run.io === io && run.endian === endian && Math.ceil(run.bit / 8) === offset ? run.bit : offset * 8;
  const first = Math.floor(startBit / 8);
  const endBit = startBit + bits;
  const last = Math.ceil(endBit / 8);
  ctx.need(io, first, last - first, slot.parentPath, slot.key, field.id);
  const value = readBits(io.bytes, startBit, bits, endian);
  ctx.bitRun = endBit % 8 === 0 ? undefined : { io, bit: endBit, endian };
  ctx.placeIn(io, slot.container, slot.key, first, last - first);
  return { value, end: last };
}
