/**
 * The shared-memory handshake between re2-worker-client.ts (which blocks on it) and the worker
 * script. Int32 slots first, then the verdict text as UTF-16 code units.
 */
export const SLOT = {
  /** BUSY while a request (or start-up) is in progress; DONE or LOAD_FAILED afterwards. */
  state: 0,
  /** The request id the worker last picked up: tells a dead worker from a slow compile. */
  started: 1,
  /** The request id the verdict belongs to. */
  answered: 2,
  /** 0: valid; 1: invalid, reason in the text area. */
  verdict: 3,
  textLength: 4,
  /** How many times the worker replaced an RE2 instance whose heap ran out. */
  heapResets: 5,
} as const;

export const STATE = { busy: 0, done: 1, loadFailed: 2 } as const;
export const VERDICT = { valid: 0, invalid: 1 } as const;

const SLOT_COUNT = 8;
export const TEXT_OFFSET_BYTES = SLOT_COUNT * 4;
/** Reasons are one-line summaries; RE2 errors longer than this are cut. */
export const TEXT_CAPACITY = 1024;

export function newSharedBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(TEXT_OFFSET_BYTES + TEXT_CAPACITY * 2);
}

/**
 * Blocks until the worker leaves the busy state or `budgetMs` passes (false then). Both regex
 * workers answer through this one shared-buffer protocol, so both clients wait the same way.
 */
export function waitWhileBusy(header: Int32Array, budgetMs: number): boolean {
  const deadline = performance.now() + budgetMs;
  while (Atomics.load(header, SLOT.state) === STATE.busy) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return false;
    Atomics.wait(header, SLOT.state, STATE.busy, remaining);
  }
  return true;
}

/** The text a worker left in the shared buffer (an error message, a reason), bounded by its capacity. */
export function readSharedText(header: Int32Array, text: Uint16Array): string {
  const length = Math.min(TEXT_CAPACITY, Math.max(0, header[SLOT.textLength] ?? 0));
  return String.fromCharCode(...text.subarray(0, length));
}
