import { constants as bufferConstants } from 'node:buffer';
import { inflateRawSync, inflateSync } from 'node:zlib';

export type InflateAlgo = 'zlib' | 'deflate';

/** Decompressed bytes, or why there are none: `tooLarge` (past the limit) is a budget, not corrupt data. */
export type Inflated =
  | { readonly bytes: Uint8Array; readonly error?: undefined; readonly tooLarge?: undefined }
  | { readonly bytes?: undefined; readonly error: string; readonly tooLarge: boolean };

/**
 * Decompresses `bytes` (zlib: RFC 1950 with its header and Adler-32; deflate: raw RFC 1951)
 * producing at most `limit` bytes. zlib's maxOutputLength stops the inflater as soon as the
 * output would pass the limit, so a bomb never allocates more than that; node reports it as
 * ERR_BUFFER_TOO_LARGE, which is told apart here from data that is not a valid stream.
 * Bytes after the end of the compressed stream are ignored, as zlib itself does.
 */
export function inflateBounded(bytes: Uint8Array, algo: InflateAlgo, limit: number): Inflated {
  // maxOutputLength must be 1..buffer.constants.MAX_LENGTH; a limit of 0 is checked on the result.
  const max = Math.max(1, Math.min(Math.floor(limit), bufferConstants.MAX_LENGTH));
  try {
    const out = (algo === 'zlib' ? inflateSync : inflateRawSync)(bytes, { maxOutputLength: max });
    if (out.length > limit) return { error: `more than ${limit} bytes once decompressed`, tooLarge: true };
    return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { error: `more than ${limit} bytes once decompressed`, tooLarge: true };
    const message = e instanceof Error ? e.message : String(e);
    return { error: `not a valid ${algo} stream: ${message}`, tooLarge: false };
  }
}
