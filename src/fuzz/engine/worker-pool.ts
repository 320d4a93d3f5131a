import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ModelProfile } from '../../model/index.js';
import type { Executor } from './executor.js';
import type { RunPool } from './pool.js';
import { SHARD_BLOCK } from './shard.js';
import type { ShrinkJob, ShrinkResult } from './shrink.js';
import type { RunBatch } from './run-batch.js';
import type { EpochSync, RunReport } from './wire.js';
import { watchedRun, type FromWorker, type ToWorker, type WorkerSetup } from './worker-protocol.js';

interface Slot {
  worker: Worker;
  watch: Int32Array;
  /** The task in flight, to re-send after a restart. */
  task: { msg: ToWorker; resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null;
  seen: number;
  since: number;
}

/**
 * Runs chunks of an epoch on worker threads. Work is handed out a chunk at a time to
 * whichever worker is free (results are merged by run index, so the split never matters).
 * A watchdog terminates a worker stuck on one input past `hangMs`, reports that input as a
 * HANG, and restarts the worker from the main executor's state.
 */
export class WorkerPool implements RunPool {
  private readonly slots: Slot[] = [];
  private readonly timer: NodeJS.Timeout;
  private nextId = 1;
  private hung: RunReport[] = [];

  private constructor(readonly workers: number, private readonly executor: Executor, private readonly files: { schemaFile: string; modelFile: string },
    private readonly fleet: readonly ModelProfile[], private readonly hangMs: number) {
    this.timer = setInterval(() => this.watchdog(), Math.min(500, hangMs / 4));
    this.timer.unref();
  }

  static async start(workers: number, executor: Executor, files: { schemaFile: string; modelFile: string }, fleet: readonly ModelProfile[], hangMs: number): Promise<WorkerPool> {
    const pool = new WorkerPool(workers, executor, files, fleet, hangMs);
    await Promise.all(Array.from({ length: workers }, () => pool.spawn().then((s) => pool.slots.push(s))));
    return pool;
  }

  private spawn(): Promise<Slot> {
    const watch = new SharedArrayBuffer(4);
    const data: WorkerSetup = { ...this.files, fleet: this.fleet, config: this.executor.config, seeds: this.executor.seeds, state: this.executor.snapshot(), watch };
    const worker = new Worker(entry.code, { workerData: data, eval: entry.eval });
    const slot: Slot = { worker, watch: new Int32Array(watch), task: null, seen: 0, since: 0 };
    worker.on('message', (m: FromWorker) => {
      const task = slot.task;
      if (task === null || m.type === 'ready') return;
      slot.task = null;
      if (m.type === 'error') task.reject(new Error(`fuzz worker: ${m.message}`));
      else task.resolve(m);
    });
    worker.on('error', (e) => slot.task?.reject(e));
    // A worker that dies on its own (out of memory, say) fails the task it held; terminate() clears the task first.
    worker.on('exit', (code) => slot.task?.reject(new Error(`fuzz worker exited with code ${code}`)));
    return new Promise((resolve, reject) => {
      const ready = (m: FromWorker): void => {
        if (m.type === 'ready') resolve(slot);
        else if (m.type === 'error') reject(new Error(`fuzz worker failed to start: ${m.message}`));
        if (m.type === 'ready' || m.type === 'error') worker.off('message', ready);
      };
      worker.on('message', ready);
      worker.once('error', reject);
    });
  }

  private send(slot: Slot, msg: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      slot.task = { msg, resolve, reject };
      slot.seen = 0;
      slot.worker.postMessage(msg);
    });
  }

  /** Hands out `items` to free workers, one at a time, until all are done (or none is started once `keepGoing()` fails). */
  private async dispatch<T>(
    items: readonly T[], toMsg: (item: T, id: number) => ToWorker, keepGoing: () => boolean = () => true, onDone?: (index: number) => void,
  ): Promise<(FromWorker | undefined)[]> {
    const out = new Array<FromWorker | undefined>(items.length);
    let next = 0;
    // By slot index, not slot: a restarted worker replaces its slot mid-loop.
    const loop = async (k: number): Promise<void> => {
      while (next < items.length && keepGoing()) {
        const i = next++;
        out[i] = await this.send(this.slots[k]!, toMsg(items[i]!, this.nextId++));
        onDone?.(i);
      }
    };
    await Promise.all(this.slots.map((_, k) => loop(k)));
    return out;
  }

  async runAll(rs: readonly number[], onRuns?: (done: number) => void): Promise<RunBatch> {
    // Whole shard blocks, so that a havoc stage's runs land on one worker and its base is derived once.
    const size = SHARD_BLOCK * Math.max(1, Math.ceil(rs.length / (this.workers * 4 * SHARD_BLOCK)));
    const chunks: number[][] = [];
    for (let i = 0; i < rs.length; i += size) chunks.push(rs.slice(i, i + size));
    let done = 0;
    const answers = await this.dispatch(chunks, (rs2, id) => ({ type: 'runs', id, rs: rs2 }), undefined, (i) => onRuns?.((done += chunks[i]!.length)));
    const batches = answers.flatMap((a) => (a?.type === 'runs' ? [a.batch] : []));
    const reports = [...batches.flatMap((b) => b.reports), ...this.hung].sort((a, b) => a.r - b.r);
    this.hung = [];
    return { reports, tally: batches.flatMap((b) => b.tally) };
  }

  sync(sync: EpochSync): void {
    for (const s of this.slots) s.worker.postMessage({ type: 'sync', sync } satisfies ToWorker);
  }

  async shrinkAll(jobs: readonly ShrinkJob[], keepGoing?: () => boolean): Promise<(ShrinkResult | undefined)[]> {
    const answers = await this.dispatch(jobs, (job, id) => ({ type: 'shrink', id, job }), keepGoing);
    return answers.map((a) => (a?.type === 'shrink' ? a.result : undefined));
  }

  private watchdog(): void {
    const now = performance.now();
    for (let k = 0; k < this.slots.length; k++) {
      const slot = this.slots[k]!;
      const v = Atomics.load(slot.watch, 0);
      if (v !== slot.seen) {
        slot.seen = v;
        slot.since = now;
      } else if (v !== 0 && now - slot.since > this.hangMs) void this.restart(k, watchedRun(v));
    }
  }

  /** The worker is stuck on run r: record r as a hang, replace the worker, re-send its task without r. */
  private async restart(k: number, r: number): Promise<void> {
    const slot = this.slots[k]!;
    const task = slot.task;
    if (task === null) return; // it answered just now
    slot.task = null;
    slot.seen = 0;
    Atomics.store(slot.watch, 0, 0);
    await slot.worker.terminate();
    const input = this.executor.derive(r);
    if (input !== null) {
      this.hung.push({
        r, size: input.bytes.length, at: performance.timeOrigin + performance.now(), input,
        hits: [{ key: 'robustness||HANG|hang', path: '(file)', offset: -1, detail: `no answer after ${this.hangMs} ms` }],
      });
    }
    let fresh: Slot;
    try {
      fresh = await this.spawn();
    } catch (e) {
      // The task fails with the reason instead of waiting for a worker that never comes.
      task.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.slots[k] = fresh;
    const msg = task.msg.type === 'runs' ? { ...task.msg, rs: task.msg.rs.filter((x) => x !== r) } : task.msg;
    this.send(fresh, msg).then(task.resolve, task.reject);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * The worker script: compiled JS next to this module; or, when running from the TypeScript
 * sources (tests, tsx), a small bootstrap that registers tsx's loader in the worker first
 * (execArgv --import does not reach module hooks in Node 20 workers).
 */
const entry = ((): { code: string | URL; eval: boolean } => {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { code: new URL('./worker-entry.js', self), eval: false };
  const tsxRoot = dirname(createRequire(self).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = new URL('./worker-entry.ts', self).href;
  return {
    eval: true,
    code: `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`
      + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`,
  };
})();
