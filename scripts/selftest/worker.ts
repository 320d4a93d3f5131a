import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { loadFormats } from './formats.js';
import { InputSource } from './inputs.js';
import type { ChunkStats, Failure, FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { Explained, runJob, runsOn } from './targets.js';

/** A selftest worker: draws inputs by index and runs each through every command; the main thread watches the clock. */
const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const mb = (): number => getHeapStatistics().used_heap_size / 2 ** 20;

try {
  const source = new InputSource(loadFormats(setup.formats as string[] | undefined, setup.generated), setup.seed);
  const watch = new Float64Array(setup.watch);
  watch[0] = -1;
  port.on('message', (m: ToWorker) => {
    try {
      send({ type: 'done', stats: runChunk(source, watch, m.from, m.to) });
    } catch (e) {
      send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  send({ type: 'ready', heapMb: mb() });
} catch (e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}

function runChunk(source: InputSource, watch: Float64Array, from: number, to: number): ChunkStats {
  const stats = { inputs: 0, byCommand: {} as Record<string, number>, msByCommand: {} as Record<string, number>, byKind: {} as Record<string, number>, byFormat: {} as Record<string, number>, explained: 0, slowestMs: 0, slowest: '', heapMb: 0 };
  for (let index = from; index < to; index++) {
    watch[0] = index;
    const input = source.draw(index);
    setup.commands.forEach((command, c) => {
      if (!runsOn(index, setup.shares[command])) return;
      const job = input.jobFor(command);
      watch[2] = c;
      watch[1] = Date.now();
      const started = performance.now();
      let thrown: unknown;
      try {
        // The options drawn for a job and the renderers' choices use a stream of their own.
        runJob(job, input.format, new Rng(setup.seed ^ 0x5eed, index));
      } catch (e) {
        thrown = e;
      }
      const ms = performance.now() - started;
      watch[1] = 0;
      if (thrown instanceof Explained) stats.explained++;
      const files = job.old !== undefined ? 2 : 1;
      const over = ms > setup.budgetMs * files;
      if ((thrown !== undefined && !(thrown instanceof Explained)) || over) {
        const failure: Failure = {
          index, command, format: input.format.name, kind: input.kind, how: input.how, ms,
          reason: over && (thrown === undefined || thrown instanceof Explained) ? 'over time budget' : 'throw',
          message: thrown !== undefined && !(thrown instanceof Explained)
            ? (thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown))
            : `took ${Math.round(ms)} ms, over the budget of ${setup.budgetMs * files} ms`,
          bytes: job.bytes.slice(), ...(job.old !== undefined ? { old: job.old.slice() } : {}),
          ...(job.at !== undefined ? { at: job.at } : {}), ...(job.path !== undefined ? { path: job.path } : {}),
        };
        send({ type: 'failure', failure });
      }
      stats.byCommand[command] = (stats.byCommand[command] ?? 0) + 1;
      stats.msByCommand[command] = (stats.msByCommand[command] ?? 0) + ms;
      if (ms > stats.slowestMs) {
        stats.slowestMs = ms;
        stats.slowest = `#${index} ${command} ${input.format.name} ${input.kind} (${job.bytes.length} bytes)`;
      }
    });
    watch[0] = -1;
    stats.inputs++;
    stats.byKind[input.kind] = (stats.byKind[input.kind] ?? 0) + 1;
    stats.byFormat[input.format.name] = (stats.byFormat[input.format.name] ?? 0) + 1;
  }
  stats.heapMb = mb();
  return stats;
}
