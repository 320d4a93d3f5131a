export { decode } from './decode/decode.js';
export type { Decoded } from './decode/decode.js';
export { lentOrOwnDecode, type LentDecode } from './decode/lent-decode.js';
