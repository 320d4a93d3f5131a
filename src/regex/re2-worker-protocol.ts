import { Worker, type ResourceLimits } from 'node:worker_threads';
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

/** A worker on this protocol, loaded and answering. */
export interface SharedWorker {
  readonly worker: Worker;
  readonly header: Int32Array;
  readonly text: Uint16Array;
}

/** Why a worker could not be had: it did not start, its engine did not load (`detail`: the worker's text), or time ran out. */
export interface SharedWorkerFailure {
  readonly failure: 'start' | 'load' | 'timeout';
  readonly detail: string;
}

/**
 * Starts a worker on the shared-buffer protocol, unreferenced, and blocks until it has loaded (at
 * most `budgetMs`). `workerData` is called inside the start (resolving a module path may throw);
 * `onGone` runs when the worker errors or exits later. A worker that fails to load is ended.
 */
export function startSharedWorker(
  script: string,
  workerData: () => Record<string, unknown>,
  options: { readonly budgetMs: number; readonly resourceLimits?: ResourceLimits },
  onGone: () => void,
): SharedWorker | SharedWorkerFailure {
  let started: SharedWorker;
  try {
    const sharedBuffer = newSharedBuffer();
    const worker = new Worker(script, {
      eval: true, workerData: { ...workerData(), sharedBuffer },
      ...(options.resourceLimits !== undefined ? { resourceLimits: options.resourceLimits } : {}),
    });
    // Unreferenced, so an idle worker never keeps the process (a CLI run, a test) alive.
    worker.unref();
    started = { worker, header: new Int32Array(sharedBuffer, 0, TEXT_OFFSET_BYTES / 4), text: new Uint16Array(sharedBuffer, TEXT_OFFSET_BYTES, TEXT_CAPACITY) };
    worker.on('error', onGone);
    worker.on('exit', onGone);
  } catch (error) {
    return { failure: 'start', detail: error instanceof Error ? error.message : String(error) };
  }
  const ready = waitWhileBusy(started.header, options.budgetMs);
  if (ready && Atomics.load(started.header, SLOT.state) === STATE.done) return started;
  const detail = ready ? readSharedText(started.header, started.text) : '';
  started.worker.terminate().catch(() => undefined);
  return { failure: ready ? 'load' : 'timeout', detail };
}
