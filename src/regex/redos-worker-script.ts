import { SLOT, STATE, TEXT_CAPACITY, TEXT_OFFSET_BYTES } from './re2-worker-protocol.js';

/** Detector verdicts in the shared header's verdict slot. */
export const DETECTOR_VERDICT = { safe: 0, unsafe: 1, inconclusive: 2, failed: 3 } as const;

/**
 * The ReDoS detector's worker, run with `eval: true` (no separate build output). redos-detector
 * keeps about 20 MB per call that is never released, up to 80 MB on deeply nested patterns, so
 * it runs here, with a heap limit, and the client replaces the worker every few calls.
 */
export const REDOS_WORKER_SCRIPT = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const header = new Int32Array(workerData.sharedBuffer, 0, ${TEXT_OFFSET_BYTES / 4});
const text = new Uint16Array(workerData.sharedBuffer, ${TEXT_OFFSET_BYTES}, ${TEXT_CAPACITY});
let detector = null;

function finish(state, id, verdict, message) {
  const m = String(message).slice(0, ${TEXT_CAPACITY});
  for (let i = 0; i < m.length; i++) text[i] = m.charCodeAt(i);
  header[${SLOT.textLength}] = m.length;
  header[${SLOT.verdict}] = verdict;
  header[${SLOT.answered}] = id;
  Atomics.store(header, ${SLOT.state}, state);
  Atomics.notify(header, ${SLOT.state});
}

function judge(request) {
  try {
    const result = detector.isSafePattern(request.pattern, request.options);
    if (result.safe) return [${DETECTOR_VERDICT.safe}, ''];
    return result.error === 'hitMaxScore' ? [${DETECTOR_VERDICT.unsafe}, ''] : [${DETECTOR_VERDICT.inconclusive}, String(result.error)];
  } catch (error) {
    return [${DETECTOR_VERDICT.failed}, String((error && error.message) || error)];
  }
}

try {
  detector = require(workerData.detectorPath);
  finish(${STATE.done}, 0, 0, '');
} catch (error) {
  finish(${STATE.loadFailed}, 0, 0, String((error && error.message) || error));
}
parentPort.on('message', (request) => {
  Atomics.store(header, ${SLOT.started}, request.id);
  const [verdict, message] = judge(request);
  finish(${STATE.done}, request.id, verdict, message);
});
`;
