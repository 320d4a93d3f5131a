/** Largest file a mutation returns: inputs must not grow without bound. */
export const MAX_BYTES = 64 * 1024;

/** Integers that often cross a boundary: zero, one, sign and width edges. */
export const WORD_EDGES: readonly number[] = [
  0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
];

/** Byte values worth writing: zero, ones, sign edges, small tags (0..7: every opcode and one past). */
export const BYTE_EDGES: readonly number[] = [0, 0xff, 0x7f, 0x80, 1, 2, 3, 4, 5, 6, 7, 0x20, 0x40];

export const hex = (n: number): string => `0x${n.toString(16)}`;
