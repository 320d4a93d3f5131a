import { SLOT, STATE, TEXT_CAPACITY, TEXT_OFFSET_BYTES, VERDICT } from './re2-worker-protocol.js';

/**
 * The worker's source, run with `eval: true` so that it needs no separate build output. It
 * drives re2-wasm's raw RE2 binding rather than its `RE2` class because that class first
 * rewrites JavaScript syntax into RE2 syntax (\u0041, \cA and (?<n> would then be accepted,
 * though RE2 rejects them) and never frees the WASM objects it creates (its fixed 16 MiB heap
 * then runs out after a few thousand compiles and every later compile fails).
 */
export const RE2_WORKER_SCRIPT = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const header = new Int32Array(workerData.sharedBuffer, 0, ${TEXT_OFFSET_BYTES / 4});
const text = new Uint16Array(workerData.sharedBuffer, ${TEXT_OFFSET_BYTES}, ${TEXT_CAPACITY});
// Emscripten reports each heap-exhaustion abort on stderr; the verdict carries it instead.
console.warn = () => {};
console.error = () => {};
let glue = null;
let compilesOnGlue = 0;

function loadGlue() {
  if (glue !== null) Atomics.add(header, ${SLOT.heapResets}, 1);
  delete require.cache[workerData.gluePath];
  glue = require(workerData.gluePath);
  compilesOnGlue = 0;
}

function duplicateGroupName(handle) {
  const names = handle.capturingGroupNames();
  const numbers = names.keys();
  try {
    const seen = new Set();
    for (let i = 0; i < numbers.size(); i++) {
      const name = names.get(numbers.get(i));
      if (seen.has(name)) return 'duplicate capture group name: ' + name;
      seen.add(name);
    }
    return null;
  } finally {
    numbers.delete();
    names.delete();
  }
}

function compile(pattern) {
  let handle = null;
  try {
    handle = new glue.WrappedRE2(pattern, false, false, false);
    compilesOnGlue += 1;
    if (!handle.ok()) return handle.error();
    return pattern.includes('<') ? duplicateGroupName(handle) : null;
  } finally {
    if (handle !== null) try { handle.delete(); } catch {}
  }
}

function verdictFor(pattern) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return compile(pattern);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) return 'RE2 raised ' + String((error && error.message) || error);
      // An abort: RE2 needed more than the fixed heap, and the instance is now unusable. Retry
      // once on a fresh instance unless this one was fresh already (fragmentation is no excuse).
      const heapWasFresh = compilesOnGlue === 0;
      loadGlue();
      if (heapWasFresh || attempt > 0) return 'pattern too large: RE2 ran out of memory compiling it';
    }
  }
}

function finish(state, id, reason) {
  const message = reason === null ? '' : String(reason).slice(0, ${TEXT_CAPACITY});
  for (let i = 0; i < message.length; i++) text[i] = message.charCodeAt(i);
  header[${SLOT.textLength}] = message.length;
  header[${SLOT.verdict}] = reason === null ? ${VERDICT.valid} : ${VERDICT.invalid};
  header[${SLOT.answered}] = id;
  Atomics.store(header, ${SLOT.state}, state);
  Atomics.notify(header, ${SLOT.state});
}

try {
  loadGlue();
  finish(${STATE.done}, 0, null);
} catch (error) {
  finish(${STATE.loadFailed}, 0, String((error && error.message) || error));
}
parentPort.on('message', (request) => {
  Atomics.store(header, ${SLOT.started}, request.id);
  finish(${STATE.done}, request.id, verdictFor(request.pattern));
});
`;
