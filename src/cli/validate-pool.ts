import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { FileReport } from '../report/model.js';
import type { ValidateOptions } from '../validate/index.js';
import { displayName, STDIN, type InputEntry } from './io.js';
import { validateEntry, validateFiles, type ValidateFilesOptions } from './validate-files.js';

/** What a worker needs to load the same schema and fleet the main thread loaded, and the same options. */
export interface PoolSetup {
  readonly schemaFile: string | undefined;
  readonly profiles: readonly string[];
  readonly fleets: readonly string[];
  readonly validate: Omit<ValidateOptions, 'schema' | 'consumers'>;
  readonly maxFileSize: number;
}

export interface WorkerData {
  readonly entries: readonly InputEntry[];
  readonly counter: SharedArrayBuffer;
  readonly setup: PoolSetup;
}

/** Below this many files one thread is faster: a worker takes ~0.2 s to load the schema and model. */
export const MIN_FILES_FOR_WORKERS = 16;

/**
 * Below this much estimated work one thread is as fast: a worker loads for ~0.22 s and then runs
 * cold (unoptimised) code, and the run waits for the file it took. Measured on the 69 MB set (100
 * files of 689 KB, ~0.6 s of work): two threads took 1.0 s against 0.56-0.66 s for one.
 */
export const MIN_WORK_MS_FOR_WORKERS = 2000;

/** Rough work of a file: ~0.5 ms a file (reading, hashing, reporting) and ~10 ms a MB (measured, 2026-12-03). */
const workMs = (bytes: number): number => 0.5 + bytes / 100_000;

/**
 * Threads for `n` files of `bytes` bytes in all: PREFLIGHT_THREADS when set (1: no workers), else
 * every core when the work is worth it (MIN_FILES_FOR_WORKERS files, MIN_WORK_MS_FOR_WORKERS of
 * estimated work), with at least 8 files a thread.
 */
export function threadCount(n: number, env: string | undefined = process.env['PREFLIGHT_THREADS'], bytes: number | (() => number) = 0): number {
  if (env !== undefined && env !== '') {
    const t = Number(env);
    if (Number.isInteger(t) && t >= 1) return Math.min(t, Math.max(1, n));
  }
  if (n < MIN_FILES_FOR_WORKERS) return 1;
  // The sizes are looked up only when the count alone does not decide (10,000 stats cost ~0.1 s).
  if (n * workMs(0) < MIN_WORK_MS_FOR_WORKERS && n * workMs(0) + workMs(typeof bytes === 'number' ? bytes : bytes()) < MIN_WORK_MS_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(n / 8)));
}

/** The inputs' total size (unreadable ones count as nothing: they are reported, not validated). */
function totalBytes(entries: readonly InputEntry[]): number {
  let sum = 0;
  for (const e of entries) {
    if (e.error !== undefined) continue;
    try {
      sum += statSync(e.file).size;
    } catch {
      // reported when it is read
    }
  }
  return sum;
}

/**
 * validateFiles on every core: the main thread and `threads - 1` worker threads take the next
 * file from one shared counter, so a slow file never holds up the rest. Reports come back in
 * input order, each the same as validateFiles would give (each file is validated on its own). A
 * worker that fails (it cannot start, or dies) costs nothing but time: whatever it took and did
 * not report is validated here afterwards. Reading stdin stays on the main thread (no workers).
 */
export async function validateFilesOnCores(entries: readonly InputEntry[], options: ValidateFilesOptions, setup: PoolSetup): Promise<FileReport[]> {
  const many = entries.length >= MIN_FILES_FOR_WORKERS && !entries.some((e) => e.file === STDIN);
  const threads = many ? threadCount(entries.length, process.env['PREFLIGHT_THREADS'], () => totalBytes(entries)) : 1;
  if (threads <= 1) return validateFiles(entries, options);
  // Loaded only here: a run on one thread (most runs) does not pay for the module.
  const { Worker } = await import('node:worker_threads');
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const reports: Array<FileReport | undefined> = new Array(entries.length);
  const data: WorkerData = { entries, counter, setup };
  const done = Array.from({ length: threads - 1 }, () => runWorker(Worker, data, reports));
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= entries.length) break;
    options.progress?.update(i, displayName(entries[i]!.file));
    reports[i] = validateEntry(entries[i]!, options);
  }
  await Promise.all(done);
  const out = reports.map((r, i) => r ?? validateEntry(entries[i]!, options));
  options.progress?.end();
  return out;
}

function runWorker(Worker: typeof import('node:worker_threads').Worker, data: WorkerData, reports: Array<FileReport | undefined>): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(entry.code, { workerData: data, eval: entry.eval });
    } catch {
      resolve();
      return;
    }
    worker.on('message', (m: { i?: number; report?: FileReport }) => {
      if (typeof m.i === 'number' && m.report) reports[m.i] = m.report;
    });
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
  });
}

/** The worker script: tsc's output beside this module; from the TypeScript sources (tests, tsx), through tsx's loader. */
const entry = ((): { code: string | URL; eval: boolean } => {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { code: new URL('./validate-worker.js', self), eval: false };
  const tsxRoot = dirname(createRequire(self).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = new URL('./validate-worker.ts', self).href;
  return { eval: true, code: `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); });` };
})();
