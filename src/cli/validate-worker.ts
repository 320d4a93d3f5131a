/** A worker thread of validate-pool.ts: loads the schema and fleet, then validates files from the shared counter until none are left. */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveConsumers, resolveSchema } from './load-options.js';
import { validateEntry } from './validate-files.js';
import type { WorkerData } from './validate-pool.js';

const { entries, counter, setup } = workerData as WorkerData;
const schema = resolveSchema(setup.schemaFile);
const consumers = resolveConsumers(setup.schemaFile, schema, setup.profiles, setup.fleets);
const options = { validate: { schema, ...(consumers ? { consumers } : {}), ...setup.validate }, maxFileSize: setup.maxFileSize };
const next = new Int32Array(counter);
for (;;) {
  const i = Atomics.add(next, 0, 1);
  if (i >= entries.length) break;
  parentPort!.postMessage({ i, report: validateEntry(entries[i]!, options) });
}
