import { deflateRawSync, deflateSync } from 'node:zlib';
import type { InflateAlgo } from './inflate.js';

/** Compresses `bytes` so that inflateBounded(…, algo) gives them back (zlib: with header and Adler-32). */
export function deflateBytes(bytes: Uint8Array, algo: InflateAlgo): Uint8Array {
  const out = (algo === 'zlib' ? deflateSync : deflateRawSync)(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
