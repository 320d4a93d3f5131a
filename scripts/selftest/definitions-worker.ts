import { parentPort, workerData } from 'node:worker_threads';
import { checkDefinition, drawDefinition } from './definitions-check.js';

/** Runs hostile definitions by index; the main thread watches watch[0] (index in flight) and watch[1] (since when). */
const { seed, watch: shared } = workerData as { seed: number; watch: SharedArrayBuffer };
const watch = new Float64Array(shared);
const port = parentPort!;
watch[0] = -1;
port.on('message', (m: { from: number; to: number }) => {
  for (let index = m.from; index < m.to; index++) {
    let out;
    let kind = '';
    let started = performance.now();
    try {
      const d = drawDefinition(seed, index);
      kind = d.kind;
      // The clock starts once the definition is drawn: only the loaders are timed.
      watch[1] = Date.now();
      watch[0] = index;
      started = performance.now();
      out = checkDefinition(d);
    } catch (e) {
      out = { ok: false as const, reason: 'selftest error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    watch[0] = -1;
    port.postMessage({ type: 'result', index, kind, ms: performance.now() - started, outcome: out });
  }
  port.postMessage({ type: 'done' });
});
port.postMessage({ type: 'ready' });
