import { checksum } from '../codec/checksum.js';
import { EvalError, evaluateRef, type ChecksumDef } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { fastSize } from './fast-expr.js';
import { toInt, writeInt } from './int.js';
import { getLoc, type Locations } from './locations.js';
import { resetScopes, type Frame, type Tree, type Visit } from './tree.js';

/** The decompressed bytes of each processed struct value written, by its object (for `checksum: {of}`). */
export const processedBytes = new WeakMap<object, Uint8Array>();

/** Fills absent checksum fields, in declaration order, and patches them into `bytes`. */
export function applyChecksums(tree: Tree, bytes: Uint8Array, locations: Locations): void {
  resetScopes(tree, { ioSize: bytes.length, locations });
  for (const v of tree.checksums) {
    const { f: { def }, frame } = v;
    const { obj } = frame;
    if (obj[def.id] !== undefined) continue;
    const sum = def.checksum!;
    const loc = getLoc(frame.locs, v.pos);
    if (!loc) throw new EncodeError('the checksum field was not written', v.path);
    if (def.repeat) throw new EncodeError('a checksum field must be a single value', v.path);
    // Patched into the file, a checksum inside a compressed stream would corrupt it.
    if (inProcessed(frame)) throw new EncodeError('a checksum inside a processed (compressed) stream cannot be computed by pack: give it', v.path);
    const value = checksum(sum.algo, covered(tree, v, sum, bytes, locations));
    if (value instanceof Uint8Array) {
      if (def.type.kind !== 'bytes' || loc.size !== value.length) throw new EncodeError(`a ${sum.algo} checksum needs a bytes field of ${value.length} bytes`, v.path);
      obj[def.id] = value;
      bytes.set(value, loc.offset);
    } else {
      if (def.type.kind !== 'int') throw new EncodeError(`a ${sum.algo} checksum needs an integer field`, v.path);
      const n = toInt(value, def.type.int, v);
      obj[def.id] = n;
      writeInt(bytes, loc.offset, n, def.type.int, def.type.endian === 'le');
    }
  }
}

/** The bytes a checksum covers: [from, to) of the file, or the bytes of its `of` field (decompressed, when processed). */
function covered(tree: Tree, v: Visit, sum: ChecksumDef, bytes: Uint8Array, locations: Locations): Uint8Array {
  const { frame } = v;
  try {
    if (sum.of) {
      const ref = evaluateRef(sum.of, frame.scope);
      if (ref.value instanceof Uint8Array) return ref.value;
      const inner = typeof ref.value === 'object' && ref.value !== null ? processedBytes.get(ref.value) : undefined;
      if (inner) return inner;
      const at = ref.path && locations.locate(ref.path);
      if (!at) throw new EncodeError(`${sum.of.source} was not written`, v.path);
      return bytes.subarray(at.offset, at.offset + at.size);
    }
    // A range of the field's stream: the file, or the sized struct it is in (as the checks read it).
    const { start, end } = streamOf(frame) ?? { start: 0, end: bytes.length };
    const from = sum.from ? fastSize(sum.from, frame, tree.env) : 0;
    const to = sum.to ? fastSize(sum.to, frame, tree.env) : end - start;
    if (from > to || start + to > end) throw new EncodeError(`checksum range ${from}..${to} is outside its ${end - start}-byte stream`, v.path);
    return bytes.subarray(start + from, start + to);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new EncodeError(`cannot compute the checksum's input: ${e.message}`, v.path);
  }
}

function streamOf(frame: Frame): { start: number; end: number } | undefined {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.ext?.stream) return f.ext.stream;
  return undefined;
}

function inProcessed(frame: Frame): boolean {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.ext?.processed) return true;
  return false;
}
