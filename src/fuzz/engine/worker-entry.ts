import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../../model/index.js';
import { loadSchema } from '../../schema/index.js';
import { Executor } from './executor.js';
import { shrinkReproducer } from './shrink.js';
import { runBatch } from './run-batch.js';
import { watchValue } from './worker-protocol.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';
import { closeRunners } from '../../exec/hits.js';

/** A campaign worker: one executor replica; runs chunks of run indexes and shrink jobs. */
const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (m: FromWorker): void => port.postMessage(m);

try {
  const schema = loadSchema(setup.schemaFile);
  const exec = setup.config.exec;
  const executor = new Executor({ schema, model: loadModel(setup.modelFile, schema), fleet: setup.fleet, ...(exec !== undefined ? { exec } : {}) }, setup.config, setup.seeds);
  // A persistent real consumer (--exec) of this thread ends with it.
  process.on('exit', closeRunners);
  port.on('close', closeRunners);
  executor.apply(setup.state);
  const watch = new Int32Array(setup.watch);
  port.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'sync') executor.apply(m.sync);
      else if (m.type === 'runs') {
        const batch = runBatch(executor, m.rs, (r) => Atomics.store(watch, 0, watchValue(r)));
        Atomics.store(watch, 0, 0);
        send({ type: 'runs', id: m.id, batch });
      } else send({ type: 'shrink', id: m.id, result: shrinkReproducer(m.job, executor) });
    } catch (e) {
      send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
