import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { counters } from './regex-caches.js';
import { readSharedText, SLOT, startSharedWorker, STATE, VERDICT, waitWhileBusy } from './re2-worker-protocol.js';
import { RE2_WORKER_SCRIPT } from './re2-worker-script.js';

export type Re2Outcome =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly reason: string }
  /** RE2 was still compiling when the budget ran out. */
  | { readonly kind: 'timeout' }
  /** No verdict could be obtained (the worker could not start, or died). */
  | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * RE2 runs in a worker so that a compile can be abandoned. Compile time in this WASM build is
 * super-linear in counted repetitions: [a-z]{1,1000} takes 0.3 s, twelve of them 47 s, and a
 * synchronous WASM call cannot be interrupted. Ordinary patterns compile in well under 1 ms.
 * A timeout costs a worker restart besides the budget, so each file also has a total regex
 * budget (REGEX_FILE_BUDGET_MS in src/budget/work-budget.ts).
 */
export const RE2_COMPILE_BUDGET_MS = 1000;
/** Starting the worker loads and compiles the 1 MB WASM module; allow for a slow CI runner. */
const STARTUP_BUDGET_MS = 15_000;
/** After the worker fails to start, answer "unavailable" for this long before trying again. */
const RETRY_AFTER_MS = 5000;

interface LiveWorker {
  readonly worker: Worker;
  readonly header: Int32Array;
  readonly text: Uint16Array;
  heapResetsSeen: number;
}

let live: LiveWorker | null = null;
let unavailable: { reason: string; until: number } | null = null;
let lastRequestId = 0;

/** Compiles `pattern` with RE2, blocking the calling thread for at most the budget. */
export function compileWithRe2(pattern: string, budgetMs = RE2_COMPILE_BUDGET_MS): Re2Outcome {
  const current = live ?? startWorker();
  if (!('worker' in current)) return current;
  lastRequestId = (lastRequestId % 0x7fffffff) + 1;
  const id = lastRequestId;
  Atomics.store(current.header, SLOT.state, STATE.busy);
  current.worker.postMessage({ id, pattern });
  const finished = waitWhileBusy(current.header, Math.min(budgetMs, RE2_COMPILE_BUDGET_MS));
  const heapResets = Atomics.load(current.header, SLOT.heapResets);
  counters.re2HeapResets += heapResets - current.heapResetsSeen;
  current.heapResetsSeen = heapResets;
  if (!finished || current.header[SLOT.answered] !== id) {
    const wasCompiling = current.header[SLOT.started] === id;
    stopWorker(current);
    return wasCompiling ? { kind: 'timeout' } : { kind: 'unavailable', reason: 'the RE2 worker stopped answering' };
  }
  if (current.header[SLOT.verdict] === VERDICT.valid) return { kind: 'valid' };
  return { kind: 'invalid', reason: readText(current) };
}

function startWorker(): LiveWorker | Re2Outcome {
  if (unavailable !== null && performance.now() < unavailable.until) return { kind: 'unavailable', reason: unavailable.reason };
  let me: LiveWorker | undefined;
  const started = startSharedWorker(
    RE2_WORKER_SCRIPT,
    () => ({ gluePath: createRequire(import.meta.url).resolve('re2-wasm/build/wasm/re2.js') }),
    { budgetMs: STARTUP_BUDGET_MS },
    () => { if (me !== undefined) stopWorker(me); },
  );
  if ('failure' in started) {
    return markUnavailable(started.failure === 'start' ? `cannot start the RE2 worker: ${started.detail}`
      : started.failure === 'load' ? `cannot load RE2: ${started.detail}` : 'the RE2 worker did not start in time');
  }
  const worker: LiveWorker = { ...started, heapResetsSeen: 0 };
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

function markUnavailable(reason: string): Re2Outcome {
  unavailable = { reason, until: performance.now() + RETRY_AFTER_MS };
  return { kind: 'unavailable', reason };
}
