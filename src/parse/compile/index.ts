/**
 * The compiled fast path: a schema compiled once to a binary-parser parser. It decodes clean
 * files several times faster than the interpreter (src/parse/decode) and bails (null) on
 * anything the interpreter would report, so callers write `fast.decode(b) ?? decode(schema, b)`.
 * A schema using a construct it does not compile (substreams, if, repeat until/eos, terminators,
 * bits, process, parameters, …: refuse.ts) is refused once, when compiled: `unsupported` says why
 * and every decode returns null, so the interpreter reads every file (src/parse/README.md).
 */
export { compileFastDecoder } from './fast-decoder.js';
export type { FastDecoder, FastDecoded } from './fast-decoder.js';
