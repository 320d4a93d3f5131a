export { encode, encodeDetailed } from './encode.js';
export type { Encoded } from './encode.js';
export { EncodeError } from './encode-error.js';
export { parseSource, pack } from './source.js';
export { formatSource } from './format.js';
export type { FormatOptions } from './format.js';
export { unpack } from './unpack.js';
