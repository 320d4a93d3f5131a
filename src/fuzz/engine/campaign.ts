import { loadSchema } from '../../schema/index.js';
import { branchTable, loadModel } from '../../model/index.js';
import { KIND_ORDER, parseBucketKey } from './bucket.js';
import { CampaignState, type Bucket } from './campaign-state.js';
import { edgeSlotsFor, Executor } from './executor.js';
import { DEFAULT_BATCH, executorConfig, resolvedShard, resolvedWorkers, type CampaignOptions, type Progress } from './options.js';
import { InProcessPool, type RunPool } from './pool.js';
import { seedInput } from './seeds.js';
import { globalRun, shardRuns, type Shard } from './shard.js';
import type { ShrinkJob, ShrinkResult } from './shrink.js';
import type { CarriedInput } from './wire.js';
import { WorkerPool } from './worker-pool.js';
import { naturalCompare } from './_internals/natural-order.js';
import { closeRunners } from '../../exec/hits.js';

export interface FinalBucket extends Bucket {
  /** The reproducer to save: the shrunk input, or the smallest found when it was not shrunk. */
  readonly reproducer: ShrinkResult;
}

export interface CampaignResult {
  readonly seed: number;
  readonly shard: Shard;
  readonly workers: number;
  /** Runs of this shard (the seed files run before them are not counted). */
  readonly runs: number;
  readonly seedsRun: number;
  readonly fuzzMs: number;
  /** From the start to the first run: loading the schema, running the seed files, starting workers. */
  readonly setupMs: number;
  readonly elapsedMs: number;
  readonly execsPerSec: number;
  /** `edges`: distinct edges of the real binary reached (--exec on a binary built with SanitizerCoverage). */
  readonly coverage: { readonly branches: number; readonly of: number; readonly features: number; readonly edges?: number };
  readonly corpus: readonly CarriedInput[];
  /** Soundness first, then crashes, then robustness; within each by profile, fault, location. */
  readonly buckets: readonly FinalBucket[];
}

/**
 * A fuzzing campaign: epochs of a fixed number of runs; the inputs of an epoch derive from
 * (seed, run index, state at the start of the epoch); workers run them; reports merge in
 * run-index order; the state (working corpus, coverage, buckets) updates between epochs.
 * So a seed and a run count give the same buckets and reproducers with any worker count.
 */
export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const t0 = performance.now();
  const startedAt = performance.timeOrigin + t0;
  const schema = loadSchema(o.schemaFile);
  const config = executorConfig(o);
  const seeds = (o.seeds ?? []).map((s) => seedInput(s, schema));
  if ((config.strategy === 'flip' || config.strategy === 'mutate') && seeds.length === 0) throw new Error(`strategy ${config.strategy} needs seed files`);
  const model = loadModel(o.modelFile, schema);
  const branches = branchTable(model).names.length;
  const executor = new Executor({ schema, model, fleet: o.fleet, ...(config.exec !== undefined ? { exec: config.exec } : {}) }, config, seeds);
  const state = new CampaignState(o.fleet.length, branches, startedAt, config.feedback, edgeSlotsFor(config.exec), config.exec?.coverage !== 'observe');
  const stopped = (): boolean => o.stopWhen?.(state) === true;

  const shard = resolvedShard(o);
  const workers = resolvedWorkers(o);
  const pool: RunPool = workers > 1
    ? await WorkerPool.start(workers, executor, { schemaFile: o.schemaFile, modelFile: o.modelFile }, o.fleet, o.hangMs ?? Math.max(30_000, 40 * config.budgetMs))
    : new InProcessPool(executor);
  let seedsRun = 0;
  try {
    seedsRun = await runSeeds(pool, executor, state, seeds.length, stopped);
    o.onNewBuckets?.(state.takeNew());
  } catch (e) {
    await pool.close();
    throw e;
  }
  const fuzzStart = performance.now();
  const total = o.runs !== undefined ? shardRuns(shard, o.runs) : Number.POSITIVE_INFINITY;
  const deadline = o.timeMs !== undefined ? fuzzStart + o.timeMs : Number.POSITIVE_INFINITY;
  const batch = o.batchSize ?? DEFAULT_BATCH;
  let runs = 0;
  const progress = (inEpoch = 0): Progress => {
    const elapsedMs = performance.now() - fuzzStart;
    const done = runs + inEpoch;
    return {
      runs: done, elapsedMs, execsPerSec: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0, buckets: state.buckets.size,
      branches: state.map.branches, features: state.map.features, corpus: state.corpusSize,
    };
  };
  try {
    while (runs < total && performance.now() < deadline && !stopped()) {
      const n = Math.min(batch, total - runs);
      const rs = Array.from({ length: n }, (_, i) => globalRun(shard, runs + i));
      const onRuns = o.onProgress === undefined ? undefined : (done: number): void => o.onProgress?.(progress(done));
      const done = await pool.runAll(rs, onRuns);
      for (const report of done.reports) state.merge(report);
      for (const [key, n] of done.tally) state.tally(key, n);
      runs += n;
      const sync = state.takeSync();
      executor.apply(sync);
      pool.sync(sync);
      const fresh = state.takeNew();
      if (fresh.length > 0) o.onNewBuckets?.(fresh);
      o.onProgress?.(progress());
      // Let timers and signals (Ctrl-C) in between epochs, even when every run is in-process.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fuzzMs = performance.now() - fuzzStart;
    const ordered = [...state.buckets.values()].sort(bucketOrder);
    const shrinkDeadline = o.shrinkMs !== undefined ? performance.now() + o.shrinkMs : Number.POSITIVE_INFINITY;
    const keepShrinking = (): boolean => performance.now() < shrinkDeadline && o.shrinkWhile?.() !== false;
    const shrunk = o.shrink === false ? [] : await pool.shrinkAll(interleaved(ordered.filter(shrinkable)).map(jobOf), keepShrinking);
    const byKey = new Map(shrunk.filter((s) => s !== undefined).map((s) => [s.key, s]));
    return {
      seed: config.seed, shard, workers: pool.workers, runs, seedsRun, fuzzMs, setupMs: fuzzStart - t0,
      elapsedMs: performance.now() - t0, execsPerSec: fuzzMs > 0 ? (runs * 1000) / fuzzMs : 0,
      coverage: { branches: state.map.branches, of: branches, features: state.map.features, ...(state.map.edges > 0 ? { edges: state.map.edges } : {}) },
      corpus: executor.corpus,
      buckets: ordered.map((b) => ({ ...b, reproducer: byKey.get(b.key) ?? unshrunk(b) })),
    };
  } finally {
    await pool.close();
    closeRunners();
  }
}

/** Chunk of seed files between two looks at the stop request (start-up is interruptible too). */
const SEED_CHUNK = 16;

/**
 * Runs the seed files (runs -1, -2, ...) on the pool, in chunks so that a stop request is seen
 * between them, and merges them in order (the first file first). The executors' state is
 * synchronised once, after all of them, as when they ran one by one before the campaign.
 * Returns how many ran.
 */
async function runSeeds(pool: RunPool, executor: Executor, state: CampaignState, count: number, stopped: () => boolean): Promise<number> {
  let ran = 0;
  while (ran < count && !stopped()) {
    const n = Math.min(SEED_CHUNK, count - ran);
    const rs = Array.from({ length: n }, (_, i) => -(ran + i + 1));
    const done = await pool.runAll(rs);
    for (const report of [...done.reports].sort((a, b) => b.r - a.r)) state.merge(report, report.input);
    for (const [key, hits] of done.tally) state.tally(key, hits);
    ran += n;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const sync = state.takeSync();
  executor.apply(sync);
  pool.sync(sync);
  return ran;
}

function bucketOrder(a: Bucket, b: Bucket): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.profile, b.profile) || cmp(a.fault, b.fault) || cmp(a.location, b.location);
}

const cmp = naturalCompare; // the same order on every machine, criteria[4] before criteria[20]

/** Timing findings (over budget, hangs) cannot be re-checked reliably; everything else shrinks. */
function shrinkable(b: Bucket): boolean {
  const k = parseBucketKey(b.key);
  return k !== undefined && !(k.kind === 'robustness' && (k.fault === 'OVER_BUDGET' || k.fault === 'HANG' || b.location.startsWith('derive')));
}

/** Each (kind, fault) in turn, so that a time-boxed shrink reaches every class, not the first ones only. */
function interleaved(buckets: readonly Bucket[]): Bucket[] {
  const groups = new Map<string, Bucket[]>();
  for (const b of buckets) {
    const k = `${b.kind}|${b.fault}`;
    groups.set(k, [...(groups.get(k) ?? []), b]);
  }
  const out: Bucket[] = [];
  for (let i = 0; out.length < buckets.length; i++) for (const g of groups.values()) if (i < g.length) out.push(g[i]!);
  return out;
}

function jobOf(b: Bucket): ShrinkJob {
  return b.first.r === b.smallest.r ? { key: b.key, smallest: b.smallest.input } : { key: b.key, smallest: b.smallest.input, first: b.first.input };
}

function unshrunk(b: Bucket): ShrinkResult {
  const i = b.smallest.input;
  return { key: b.key, bytes: i.bytes, ...(i.value !== undefined ? { value: i.value } : {}), valueCalls: 0, byteAttempts: 0 };
}
