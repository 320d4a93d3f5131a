import { INT_WIDTH, type EnumDef, type IntType } from '../schema/index.js';
import { clip } from './clip.js';
import { EncodeError } from './encode-error.js';
import { pathOf, type LazyPath } from './locations.js';

const RANGES: Record<IntType, readonly [bigint, bigint]> = {
  u1: [0n, 0xffn], u2: [0n, 0xffffn], u4: [0n, 0xffffffffn], u8: [0n, 0xffffffffffffffffn],
  s1: [-0x80n, 0x7fn], s2: [-0x8000n, 0x7fffn], s4: [-0x80000000n, 0x7fffffffn], s8: [-(2n ** 63n), 2n ** 63n - 1n],
};

/**
 * Turns a value into the decoder's convention for `type` (number up to 4 bytes, bigint for 8),
 * accepting numbers, bigints, digit strings and enum names; out-of-range values are an error.
 */
export function toInt(raw: unknown, type: IntType, lazyPath: LazyPath, en?: EnumDef): number | bigint {
  let n: bigint;
  if (typeof raw === 'bigint') n = raw;
  else if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) throw new EncodeError(`${clip(String(raw))} is not an integer`, pathOf(lazyPath));
    // A double above 2^53 has already lost digits: only a bigint (a YAML integer) is exact there.
    if (!Number.isSafeInteger(raw)) throw new EncodeError(`${clip(String(raw))} is not an exact integer (above 2^53 as a floating-point number)`, pathOf(lazyPath));
    n = BigInt(raw);
  } else if (typeof raw === 'string') {
    const byName = en?.byName.get(raw);
    if (byName !== undefined) n = BigInt(byName);
    else if (/^-?(0x[0-9a-f]+|[0-9]+)$/i.test(raw.trim())) {
      const t = raw.trim();
      n = t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
    }
    else if (en) throw new EncodeError(`${clip(JSON.stringify(raw))} is not a name of enum ${en.name} (${enumNames(en)})`, pathOf(lazyPath));
    else throw new EncodeError(`${clip(JSON.stringify(raw))} is not an integer`, pathOf(lazyPath));
  } else throw new EncodeError(`expected an integer (${type}), got ${describe(raw)}`, pathOf(lazyPath));
  const [lo, hi] = RANGES[type];
  if (n < lo || n > hi) throw new EncodeError(`${clip(String(n))} is out of range for ${type} (${lo}..${hi})`, pathOf(lazyPath));
  return INT_WIDTH[type] === 8 ? n : Number(n);
}

/** Writes an integer (already range-checked) at `offset`. */
export function writeInt(out: Uint8Array, offset: number, value: number | bigint, type: IntType, le: boolean): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  switch (type) {
    case 'u1': view.setUint8(offset, Number(value)); return;
    case 's1': view.setInt8(offset, Number(value)); return;
    case 'u2': view.setUint16(offset, Number(value), le); return;
    case 's2': view.setInt16(offset, Number(value), le); return;
    case 'u4': view.setUint32(offset, Number(value), le); return;
    case 's4': view.setInt32(offset, Number(value), le); return;
    case 'u8': view.setBigUint64(offset, BigInt(value), le); return;
    case 's8': view.setBigInt64(offset, BigInt(value), le); return;
  }
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${clip(JSON.stringify(typeof v === 'bigint' ? String(v) : v) ?? String(v))}`;
}

function enumNames(en: EnumDef): string {
  const names: string[] = [];
  for (const name of en.byName.keys()) {
    if (names.length === 12) return `${names.join(', ')} and ${en.byName.size - 12} more`;
    names.push(name);
  }
  return names.join(', ');
}

/** A bit field's value in the decoder's convention: a number up to 32 bits, a bigint beyond. */
export function toBits(raw: unknown, bits: number, lazyPath: LazyPath, en?: EnumDef): number | bigint {
  const n = BigInt(toInt(raw, 'u8', lazyPath, en));
  const max = (1n << BigInt(bits)) - 1n;
  if (n > max) throw new EncodeError(`${clip(String(n))} does not fit in ${bits} bits (0..${max})`, pathOf(lazyPath));
  return bits <= 32 ? Number(n) : n;
}
