/**
 * The compiled fast path: a schema compiled once to a binary-parser parser. It decodes clean
 * files several times faster than the interpreter (src/parse/decode) and bails (null) on
 * anything the interpreter would report, so callers write `fast.decode(b) ?? decode(schema, b)`.
 */
export { compileFastDecoder } from './fast-decoder.js';
export type { FastDecoder, FastDecoded } from './fast-decoder.js';
