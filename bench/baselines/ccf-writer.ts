/**
 * Writes the file that bench/big-ccf-file.ts encodes (the same bytes: a test and the bench check
 * it against the project's encoder), straight into one buffer: for the large files of the
 * linear-time series, which the encoder, building the whole source as objects first, makes
 * slowly and in gigabytes. Also its exact size without writing it, to size files to a target.
 */
import { crc32 } from 'node:zlib';

/** The July 2024 type's 21 field kinds (1 INT, 2 STR), as in bench/big-ccf-file.ts. */
const KINDS = [2, 2, 2, 2, 1, 1, 2, 2, 1, 2, 2, 1, 2, 2, 2, 1, 1, 2, 2, 2, 2];
const HEADER = 40;
const TABLE = 4 + KINDS.length;

const real = (i: number, f: number): boolean => f !== 20 && (f + i) % 3 === 0;
const text = (i: number, f: number, longer: number): string => `\\\\.\\pipe\\agent-${i}-field-${f}-${'x'.repeat(4 + ((i * f) % 20) + longer)}`;
/** Length of `text(i, f, 0)` without making it. */
const textLength = (i: number, f: number): number => 27 + String(i).length + String(f).length + ((i * f) % 20);

export interface BenchCcfSize {
  readonly bytes: number;
  readonly strings: number;
}

/** Size of the file of `instances` instances with `longer` more characters per string; and its number of strings. */
export function benchCcfSize(instances: number, longer = 0): BenchCcfSize {
  let records = 0;
  let pool = 0;
  let strings = 0;
  for (let i = 0; i < instances; i++) {
    records += 8;
    for (let f = 0; f < KINDS.length; f++) {
      if (!real(i, f)) records += 1;
      else if (KINDS[f] === 1) records += 9;
      else {
        records += 7;
        pool += textLength(i, f) + longer;
        strings++;
      }
    }
  }
  return { bytes: HEADER + TABLE + 4 * instances + records + pool + 4, strings };
}

export function writeBenchCcf(instances: number, longer = 0): Uint8Array {
  const size = benchCcfSize(instances, longer).bytes;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  const indexAt = HEADER + TABLE;
  let r = indexAt + 4 * instances;
  // The pool's offset is where the records end: one pass to find it, as the encoder lays it out.
  let poolAt = r;
  for (let i = 0; i < instances; i++) {
    poolAt += 8;
    for (let f = 0; f < KINDS.length; f++) poolAt += !real(i, f) ? 1 : KINDS[f] === 1 ? 9 : 7;
  }
  const poolSize = size - 4 - poolAt;
  dv.setUint32(0, 0xaaaaaaaa, true);
  dv.setUint16(4, 1, true);
  dv.setUint16(6, HEADER, true);
  dv.setUint16(8, 291, true);
  dv.setUint16(20, 1, true);
  dv.setUint32(24, instances, true);
  dv.setUint32(28, poolAt, true);
  dv.setUint32(32, poolSize, true);
  dv.setUint32(36, size, true);
  dv.setUint16(HEADER, 1, true);
  out[HEADER + 2] = KINDS.length;
  out.set(KINDS, HEADER + 4);
  let s = poolAt;
  for (let i = 0; i < instances; i++) {
    dv.setUint32(indexAt + 4 * i, r, true);
    dv.setUint32(r, i + 1, true);
    dv.setUint16(r + 4, 1, true);
    out[r + 6] = KINDS.length;
    out[r + 7] = 1; // block
    r += 8;
    for (let f = 0; f < KINDS.length; f++) {
      if (!real(i, f)) {
        out[r++] = 0;
      } else if (KINDS[f] === 1) {
        out[r] = 1;
        dv.setBigUint64(r + 1, BigInt(i * 31 + f), true);
        r += 9;
      } else {
        const t = text(i, f, longer);
        out[r] = 4;
        dv.setUint32(r + 1, s - poolAt, true);
        dv.setUint16(r + 5, t.length, true);
        for (let k = 0; k < t.length; k++) out[s + k] = t.charCodeAt(k);
        s += t.length;
        r += 7;
      }
    }
  }
  dv.setUint32(size - 4, crc32(out.subarray(0, size - 4)), true);
  return out;
}

/**
 * The largest file of this mix within `target` bytes: as many instances as fit (the format allows
 * 65,535, about 17 MB of them), then strings made longer to fill up to the target.
 */
export function benchCcfForSize(target: number): { instances: number; longer: number; bytes: number } {
  let lo = 1;
  let hi = 65535;
  if (benchCcfSize(hi).bytes <= target) lo = hi;
  else {
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (benchCcfSize(mid).bytes <= target) lo = mid;
      else hi = mid - 1;
    }
  }
  const base = benchCcfSize(lo);
  const longer = lo < 65535 ? 0 : Math.max(0, Math.floor((target - base.bytes) / base.strings));
  return { instances: lo, longer, bytes: base.bytes + longer * base.strings };
}
