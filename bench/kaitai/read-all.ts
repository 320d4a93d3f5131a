/**
 * Reads everything a Kaitai parse of CCF v1 holds: every record behind the index and every
 * string (both lazy in Kaitai's generated code), and compares the CRC-32 trailer, which Kaitai
 * cannot compute. The counts let the bench check that the Kaitai parser saw what our decoder saw.
 */
import { crc32 } from 'node:zlib';
import type { KaitaiCcf } from './compile.js';

export interface KaitaiCounts {
  readonly instances: number;
  readonly criteria: number;
  readonly strings: number;
  readonly stringBytes: number;
  readonly crcOk: boolean;
}

export function readAll(parsed: KaitaiCcf, bytes: Uint8Array): KaitaiCounts {
  let instances = 0;
  let criteria = 0;
  let strings = 0;
  let stringBytes = 0;
  for (const entry of parsed.index) {
    const record = entry.record;
    instances++;
    for (const c of record.criteria) {
      criteria++;
      const text = c.args?.text;
      if (text !== undefined) {
        strings++;
        stringBytes += text.length;
      }
    }
  }
  const crcOk = crc32(bytes.subarray(0, bytes.length - 4)) === parsed.crc;
  return { instances, criteria, strings, stringBytes, crcOk };
}
