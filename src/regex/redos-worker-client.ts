import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { readSharedText, SLOT, startSharedWorker, STATE, waitWhileBusy } from './re2-worker-protocol.js';
import { DETECTOR_VERDICT, REDOS_WORKER_SCRIPT } from './redos-worker-script.js';

export type DetectorAnswer =
  | { readonly kind: 'safe' }
  | { readonly kind: 'unsafe' }
  /** It ran out of steps or time, or its worker did (then it is replaced). */
  | { readonly kind: 'inconclusive' }
  /** It threw (unsupported syntax), or no worker could be started. */
  | { readonly kind: 'failed'; readonly message: string };

/** Calls per worker before it is replaced: the detector's leaked memory goes with it. */
const CALLS_PER_WORKER = 8;
/** The worker's own heap limit: a call that needs more ends the worker, and the answer is inconclusive. */
const WORKER_HEAP_MB = 256;
const STARTUP_BUDGET_MS = 10_000;

interface LiveWorker {
  readonly worker: Worker;
  readonly header: Int32Array;
  readonly text: Uint16Array;
  calls: number;
}

let live: LiveWorker | null = null;
let lastRequestId = 0;

/**
 * Runs redos-detector's isSafePattern in a worker, blocking for at most `waitMs`: bounded in
 * time (the worker is abandoned) and in memory (its heap limit, and replacement every few calls).
 */
export function detectInWorker(pattern: string, options: Record<string, unknown>, waitMs: number): DetectorAnswer {
  const current = live ?? startWorker();
  if (!('worker' in current)) return current;
  lastRequestId = (lastRequestId % 0x7fffffff) + 1;
  const id = lastRequestId;
  Atomics.store(current.header, SLOT.state, STATE.busy);
  current.worker.postMessage({ id, pattern, options });
  const finished = waitWhileBusy(current.header, waitMs);
  current.calls += 1;
  if (!finished || current.header[SLOT.answered] !== id) {
    stopWorker(current);
    return { kind: 'inconclusive' };
  }
  if (current.calls >= CALLS_PER_WORKER) stopWorker(current);
  switch (current.header[SLOT.verdict]) {
    case DETECTOR_VERDICT.safe: return { kind: 'safe' };
    case DETECTOR_VERDICT.unsafe: return { kind: 'unsafe' };
    case DETECTOR_VERDICT.inconclusive: return { kind: 'inconclusive' };
    default: return { kind: 'failed', message: readText(current) };
  }
}

function startWorker(): LiveWorker | DetectorAnswer {
  let me: LiveWorker | undefined;
  const started = startSharedWorker(
    REDOS_WORKER_SCRIPT,
    () => ({ detectorPath: createRequire(import.meta.url).resolve('redos-detector') }),
    { budgetMs: STARTUP_BUDGET_MS, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } },
    () => { if (me !== undefined) stopWorker(me); },
  );
  if ('failure' in started) {
    const message = started.failure === 'start' ? `cannot start the ReDoS detector: ${started.detail}`
      : started.failure === 'load' ? `cannot load the ReDoS detector: ${started.detail}` : 'the ReDoS detector did not start in time';
    return { kind: 'failed', message };
  }
  const worker: LiveWorker = { ...started, calls: 0 };
  me = worker;
  live = worker;
  return worker;
}

function readText(worker: LiveWorker): string {
  return readSharedText(worker.header, worker.text);
}

function stopWorker(worker: LiveWorker): void {
  if (live === worker) live = null;
  worker.worker.terminate().catch(() => undefined);
}
