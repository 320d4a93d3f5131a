/** A pass that would try more positions than this is skipped until the input is smaller (big inputs stay affordable). */
const MAX_PER_PASS = 2048;

export interface Minimised {
  readonly bytes: Uint8Array;
  /** Predicate calls spent. */
  readonly attempts: number;
}

/**
 * ddmin-style byte minimisation: remove chunks (halving their size down to one byte,
 * scanning from the end so that offsets earlier in the file stay valid as long as
 * possible), then zero bytes, and repeat while either helps. Passes too fine for the
 * current size wait for a later round, when removals have made the input smaller. Only candidates for which
 * `still` holds are kept, so the result still fails the same way and is never larger.
 * Deterministic, and bounded by `maxAttempts` predicate calls.
 */
export function minimiseBytes(bytes: Uint8Array, still: (candidate: Uint8Array) => boolean, maxAttempts: number): Minimised {
  let cur = bytes;
  let attempts = 0;
  const tryit = (candidate: Uint8Array): boolean => {
    attempts++;
    if (!still(candidate)) return false;
    cur = candidate;
    return true;
  };
  for (let round = 0; round < 8 && attempts < maxAttempts; round++) {
    const before = cur;
    removeChunks();
    zeroBytes();
    if (before === cur) break;
  }
  return { bytes: cur, attempts };

  function removeChunks(): void {
    for (let size = highestPowerOfTwo(Math.max(1, cur.length >> 1)); size >= 1; size >>= 1) {
      if (cur.length / size > MAX_PER_PASS) break;
      let progress = true;
      while (progress && attempts < maxAttempts) {
        progress = false;
        for (let start = cur.length - size; start >= 0 && attempts < maxAttempts; start -= size) {
          if (start + size > cur.length) continue;
          if (tryit(without(cur, start, size))) progress = true;
        }
        // A cut at the very front, for lengths that are not a multiple of size.
        if (cur.length % size !== 0 && cur.length > size && attempts < maxAttempts && tryit(cur.slice(size))) progress = true;
      }
    }
  }

  function zeroBytes(): void {
    if (cur.length > MAX_PER_PASS) return;
    for (let i = 0; i < cur.length && attempts < maxAttempts; i++) {
      if (cur[i] === 0) continue;
      const candidate = cur.slice();
      candidate[i] = 0;
      tryit(candidate);
    }
  }
}

function without(bytes: Uint8Array, start: number, size: number): Uint8Array {
  const out = new Uint8Array(bytes.length - size);
  out.set(bytes.subarray(0, start), 0);
  out.set(bytes.subarray(start + size), start);
  return out;
}

function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}
