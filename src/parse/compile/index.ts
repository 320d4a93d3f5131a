export { compileFastDecoder } from './fast-decoder.js';
export type { FastDecoder, FastDecoded } from './fast-decoder.js';
