import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { generatedOf, loadFormats, type SelftestFormat } from './formats.js';
import { InputSource, MAX_RANDOM_BYTES } from './inputs.js';
import type { ChunkStats, Failure, FromWorker, WorkerSetup } from './protocol.js';
import { saveFailure, signature } from './save.js';
import { COMMANDS, runJob, type SelftestCommand, type Shares } from './targets.js';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { runCliSample, type CliSampleStats } from './cli-sample.js';

export interface SelftestOptions {
  readonly seed: number;
  /** Stop after this many inputs (default: no limit; then --time decides). */
  readonly inputs?: number;
  /** Stop after this many seconds (default: no limit). */
  readonly timeS?: number;
  readonly workers: number;
  /** Reproducers go here (default: a folder in the system's temporary folder, outside the repo). */
  readonly out: string;
  /** Per-file time budget of one command (ms); the documented default is validate's 20 s. */
  readonly budgetMs: number;
  /** Formats by name (default all). */
  readonly formats?: readonly string[];
  /** The commands every input goes through (default all seven). */
  readonly commands?: readonly SelftestCommand[];
  /** Commands that run on 1 input in N only (default: every command on every input). */
  readonly shares?: Shares;
  /** Inputs also run through the real CLI (node dist/cli/main.js), one at a time beside the workers. */
  readonly cliSample: number;
  /** Run only these input indexes (a reproduction). */
  readonly only?: readonly number[];
  readonly progress?: (line: string) => void;
  /** Stop drawing inputs once this says so (SIGINT/SIGTERM in the script): the chunks in flight finish and the summary is complete. */
  readonly stopped?: () => boolean;
}

export interface SelftestSummary {
  readonly seed: number;
  /** Inputs drawn, each run through every command of `byCommand`. */
  readonly inputs: number;
  readonly seconds: number;
  readonly byCommand: Record<string, number>;
  /** Time spent in each command (ms, summed over workers). */
  readonly msByCommand: Record<string, number>;
  readonly byKind: Record<string, number>;
  readonly byFormat: Record<string, number>;
  readonly explained: number;
  readonly failures: number;
  /** Distinct failures (command, reason, where), with how many inputs hit each and the first reproducer. */
  readonly distinct: { signature: string; count: number; saved: string; message: string }[];
  readonly slowest: string;
  readonly slowestMs: number;
  readonly heapCapMb: number;
  readonly peakHeapMb: number;
  readonly workerRestarts: number;
  readonly cli?: CliSampleStats;
}

/** Inputs a worker is handed at a time. */
const CHUNK = 25;
/** The watchdog kills a worker whose input has run this many times its budget. */
const HANG_FACTOR = 3;

/** Runs every command once on each format's first seed (a worker's state after its first inputs). */
function warmUp(formats: readonly SelftestFormat[]): void {
  for (const f of formats) {
    const bytes = f.seeds[0]?.bytes ?? new Uint8Array(64);
    for (const command of COMMANDS) {
      try {
        runJob({ command, bytes, ...(command === 'diff' ? { old: bytes } : {}) }, f, new Rng(1, 1));
      } catch {
        // a failure here is found again by the campaign
      }
    }
  }
}

export function defaultOut(seed: number): string {
  return join(tmpdir(), `preflight-selftest-${seed}`);
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * The campaign: workers on all cores (or --workers) draw inputs by index and run them through
 * every command in process; a watchdog kills a worker stuck on one input past HANG_FACTOR x the
 * budget and reports it; each worker's heap is capped at the memory bound (64 MB + 2 x the
 * largest input over what the loaded formats take), so an input that needs more ends its worker
 * and is reported. Failing inputs are saved as reproducers.
 */
export async function runSelftest(o: SelftestOptions): Promise<SelftestSummary> {
  const started = Date.now();
  const formats = loadFormats(o.formats);
  const source = new InputSource(formats, o.seed);
  // The memory bound over what a worker holds once every command has run on every format (the
  // formats, compiled decoders, caches): 64 MB + 2 x the largest input.
  warmUp(formats);
  const baseMb = getHeapStatistics().used_heap_size / 2 ** 20;
  const largest = Math.max(MAX_RANDOM_BYTES, ...formats.flatMap((f) => f.seeds.map((s) => s.bytes.length)));
  const heapCapMb = Math.ceil(baseMb + 64 + (2 * 2 * largest) / 2 ** 20);
  const deadline = o.timeS !== undefined ? started + o.timeS * 1000 : Infinity;
  const limit = o.only !== undefined ? o.only.length : (o.inputs ?? Infinity);
  const indexAt = (i: number): number => (o.only !== undefined ? o.only[i]! : i);

  const commands = o.commands ?? COMMANDS;
  const total = { byCommand: {} as Record<string, number>, msByCommand: {} as Record<string, number>, byKind: {} as Record<string, number>, byFormat: {} as Record<string, number>, explained: 0, slowestMs: 0, slowest: '', peakHeapMb: 0 };
  const distinct = new Map<string, { signature: string; count: number; saved: string; message: string }>();
  let failures = 0;
  let restarts = 0;
  let next = 0;
  let done = 0;
  const onFailure = (f: Failure): void => {
    failures++;
    const sig = signature(f);
    const seen = distinct.get(sig);
    if (seen) {
      seen.count++;
      return;
    }
    const format = formats.find((x) => x.name === f.format);
    const saved = saveFailure(o.out, f, { seed: o.seed, schemaFile: format?.schemaFile ?? '' });
    distinct.set(sig, { signature: sig, count: 1, saved, message: f.message.split('\n')[0]!.slice(0, 300) });
    o.progress?.(`FAIL ${f.reason} ${f.command} ${f.format} #${f.index}: ${f.message.split('\n')[0]!.slice(0, 200)} -> ${saved}`);
  };
  const merge = (s: ChunkStats): void => {
    for (const [k, n] of Object.entries(s.byCommand)) total.byCommand[k] = (total.byCommand[k] ?? 0) + n;
    for (const [k, n] of Object.entries(s.msByCommand)) total.msByCommand[k] = (total.msByCommand[k] ?? 0) + n;
    for (const [k, n] of Object.entries(s.byKind)) total.byKind[k] = (total.byKind[k] ?? 0) + n;
    for (const [k, n] of Object.entries(s.byFormat)) total.byFormat[k] = (total.byFormat[k] ?? 0) + n;
    total.explained += s.explained;
    done += s.inputs;
    total.peakHeapMb = Math.max(total.peakHeapMb, s.heapMb);
    if (s.slowestMs > total.slowestMs) [total.slowestMs, total.slowest] = [s.slowestMs, s.slowest];
  };
  const claim = (): [number, number] | undefined => {
    if (next >= limit || Date.now() >= deadline || o.stopped?.()) return undefined;
    const from = next;
    next = Math.min(limit, next + CHUNK);
    return [from, next];
  };

  const setupBase = { seed: o.seed, formats: o.formats, commands, shares: o.shares ?? {}, generated: generatedOf(formats), budgetMs: o.budgetMs };
  const runWorker = async (): Promise<void> => {
    let range = claim();
    while (range !== undefined) {
      const [from, to] = range;
      const positions = Array.from({ length: to - from }, (_, i) => indexAt(from + i));
      const result = await runRange(positions, setupBase, heapCapMb, o.budgetMs, onFailure, merge, source, formats);
      restarts += result.restarts;
      range = claim();
    }
  };
  const progressTimer = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    o.progress?.(`${done} inputs, ${(done / s).toFixed(0)}/s, ${failures} failures, ${Math.round(s)} s`);
  }, 15_000);
  progressTimer.unref();
  const cli = o.cliSample > 0 ? runCliSample(o, formats, () => next >= limit || Date.now() >= deadline || o.stopped?.() === true, onFailure) : undefined;
  await Promise.all(Array.from({ length: Math.max(1, o.workers) }, runWorker));
  const cliStats = cli !== undefined ? await cli : undefined;
  clearInterval(progressTimer);
  return {
    seed: o.seed, inputs: done, seconds: (Date.now() - started) / 1000,
    byCommand: total.byCommand, msByCommand: total.msByCommand, byKind: total.byKind, byFormat: total.byFormat, explained: total.explained,
    failures, distinct: [...distinct.values()], slowest: total.slowest, slowestMs: total.slowestMs,
    heapCapMb, peakHeapMb: total.peakHeapMb, workerRestarts: restarts, ...(cliStats ? { cli: cliStats } : {}),
  };
}

/**
 * Runs input indexes `positions` on a fresh worker; one that hangs or dies is reported with the
 * input in flight (drawn again here from its index), and the rest go to a new worker.
 */
async function runRange(positions: number[], base: Omit<WorkerSetup, 'watch'>, heapCapMb: number, budgetMs: number,
  onFailure: (f: Failure) => void, merge: (s: ChunkStats) => void, source: InputSource, formats: readonly SelftestFormat[]): Promise<{ restarts: number }> {
  let restarts = 0;
  let rest = positions;
  while (rest.length > 0) {
    const stopped = await oneWorker(rest, base, heapCapMb, budgetMs, onFailure, merge);
    if (stopped === undefined) break;
    restarts++;
    let message = stopped.message;
    const input = source.draw(stopped.index);
    const job = input.jobFor(stopped.command);
    const recheck = `${stopped.command} ${input.format.name}`;
    if (stopped.reason === 'memory' && !rechecked.has(recheck)) {
      // Once per command and format (a fresh worker costs seconds):
      rechecked.add(recheck);
      // Alone in a fresh worker: is it this input, or what earlier ones left behind?
      const again = await oneWorker([stopped.index], base, heapCapMb, budgetMs, () => {}, () => {}, true);
      message += again === undefined ? '; alone in a fresh worker it stays within the cap (the heap grew over earlier inputs)' : '; alone in a fresh worker too';
    }
    onFailure({
      index: stopped.index, command: job.command, format: input.format.name, kind: input.kind, how: input.how,
      reason: stopped.reason, message, bytes: job.bytes,
      ...(job.old !== undefined ? { old: job.old } : {}), ...(job.at !== undefined ? { at: job.at } : {}), ...(job.path !== undefined ? { path: job.path } : {}),
    });
    void formats;
    rest = rest.slice(rest.indexOf(stopped.index) + 1);
  }
  return { restarts };
}

/** Command and format pairs whose memory failure was already run again alone. */
const rechecked = new Set<string>();

/** Why a worker stopped: the input and the command in flight. */
interface Stopped { index: number; command: SelftestCommand; reason: 'hang' | 'memory' | 'throw'; message: string }

// Workers are reused across ranges: a pool of idle ones, each with its watch array.
interface Idle { worker: Worker; watch: Float64Array }
const idle: Idle[] = [];

async function oneWorker(positions: number[], base: Omit<WorkerSetup, 'watch'>, heapCapMb: number, budgetMs: number,
  onFailure: (f: Failure) => void, merge: (s: ChunkStats) => void, fresh = false): Promise<Stopped | undefined> {
  const w = (fresh ? undefined : idle.pop()) ?? await spawn(base, heapCapMb);
  // Contiguous runs of indexes go as one message each.
  const runs: [number, number][] = [];
  for (const p of positions) {
    const last = runs[runs.length - 1];
    if (last && last[1] === p) last[1] = p + 1;
    else runs.push([p, p + 1]);
  }
  for (const [from, to] of runs) {
    const inFlight = (): SelftestCommand => base.commands[w.watch[2]!] ?? base.commands[0]!;
    const outcome = await new Promise<{ ok: true } | ({ ok: false } & Stopped)>((resolve) => {
      const watchdog = setInterval(() => {
        // One read of each slot: the worker zeroes the start between two reads, and Date.now() - 0 looked like a hang.
        const index = w.watch[0]!;
        const start = w.watch[1]!;
        if (index >= 0 && start > 0 && Date.now() - start > budgetMs * 2 * HANG_FACTOR) {
          cleanup();
          void w.worker.terminate();
          resolve({ ok: false, index, command: inFlight(), reason: 'hang', message: `still running after ${Math.round((Date.now() - start) / 1000)} s: the worker was killed` });
        }
      }, 250);
      const onMessage = (m: FromWorker): void => {
        if (m.type === 'failure') onFailure(m.failure);
        else if (m.type === 'done') {
          cleanup();
          merge(m.stats);
          resolve({ ok: true });
        } else if (m.type === 'error') {
          cleanup();
          void w.worker.terminate();
          resolve({ ok: false, index: Math.max(from, w.watch[0]!), command: inFlight(), reason: 'throw', message: `worker error: ${m.message}` });
        }
      };
      const onExit = (code: number): void => {
        cleanup();
        resolve({ ok: false, index: Math.max(from, w.watch[0]!), command: inFlight(), reason: 'memory', message: `the worker died (exit ${code}, ${lastError ?? 'no error'}): heap cap ${heapCapMb} MB` });
      };
      let lastError: string | undefined;
      const onError = (e: Error): void => {
        lastError = `${(e as { code?: string }).code ?? ''} ${e.message}`.trim();
      };
      const cleanup = (): void => {
        clearInterval(watchdog);
        w.worker.off('message', onMessage);
        w.worker.off('exit', onExit);
        w.worker.off('error', onError);
      };
      w.worker.on('message', onMessage);
      w.worker.on('exit', onExit);
      w.worker.on('error', onError);
      w.worker.postMessage({ type: 'run', from, to });
    });
    if (!outcome.ok) return outcome;
  }
  idle.push(w);
  return undefined;
}

async function spawn(base: Omit<WorkerSetup, 'watch'>, heapCapMb: number): Promise<Idle> {
  const watch = new SharedArrayBuffer(24);
  const data: WorkerSetup = { ...base, watch };
  const worker = new Worker(entry.code, { workerData: data, eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: heapCapMb } });
  await new Promise<void>((resolve, reject) => {
    const ready = (m: FromWorker): void => {
      worker.off('message', ready);
      if (m.type === 'ready') resolve();
      else reject(new Error(`selftest worker failed to start: ${m.type === 'error' ? m.message : m.type}`));
    };
    worker.on('message', ready);
    worker.once('error', reject);
  });
  const w = new Float64Array(watch);
  return { worker, watch: w };
}

/** Terminates the idle workers (the campaign's end). */
export async function stopWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.worker.terminate()));
}

const entry = ((): { code: string | URL; eval: boolean } => {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { code: new URL('./worker.js', self), eval: false };
  const tsxRoot = dirname(createRequire(self).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = new URL('./worker.ts', self).href;
  return {
    eval: true,
    code: `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`
      + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`,
  };
})();
