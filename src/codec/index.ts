/**
 * Pure codecs shared by the decoder, the encoder, the checks and the fuzzer: text encodings,
 * bounded decompression, and bit fields. They know no format and no schema.
 */
export { decodeText, type DecodedText } from './decode-text.js';
export { encodeText } from './encode-text.js';
export { inflateBounded, type InflateAlgo, type Inflated } from './inflate.js';
export { deflateBytes, deflateBytes as deflate } from './deflate.js';
export { readBits, readBitsIntBe, readBitsIntLe, type BitEndian } from './read-bits.js';
export { writeBits } from './write-bits.js';
export { CP437 } from './cp437.js';
export { checksum, CHECKSUM_ALGOS } from './checksum.js';
