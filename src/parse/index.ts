export { decode } from './decode/decode.js';
export type { Decoded } from './decode/decode.js';
