import { branchTable } from '../../model/index.js';
import { bucketKey, type Hit } from './bucket.js';
import { InputChecker, type CheckSetup } from './checks.js';
import { CoverageMap } from './coverage.js';
import { InputDeriver, type DeriveOptions } from './derive-input.js';
import { throwHit } from './_internals/error-hit.js';
import type { CarriedInput, EpochSync, RunReport, WireHit } from './wire.js';
import type { ExecSetup } from '../../exec/runner.js';
import { COV_SLOTS } from '../../exec/edge-map.js';

/** Room for the binary's edges in the coverage map: with --exec, unless its coverage is off. */
export function edgeSlotsFor(exec: ExecSetup | undefined): number {
  return exec !== undefined && exec.coverage !== 'off' ? COV_SLOTS : 0;
}

export interface ExecutorConfig extends DeriveOptions {
  readonly seed: number;
  /** Keep inputs with new coverage in the working corpus (off for the flip baseline). */
  readonly feedback: boolean;
  /** Per-input time budget for the checks (ms); over it (twice) is a robustness finding. */
  readonly budgetMs: number;
  /** Validate every n-th non-loading run, besides every run with new coverage or a new bucket. */
  readonly validateEvery: number;
  /** Check the round trip of a generated value in every n-th stage (every n-th run without stages). */
  readonly roundTripEvery: number;
  /** --exec: the real consumer (travels to the worker threads with the config). */
  readonly exec?: ExecSetup;
}

/**
 * One replica of the campaign state (working corpus, coverage map, smallest size per
 * bucket) as of the start of the current epoch, and the code that runs inputs against it.
 * The main thread and every worker hold one and apply the same EpochSync in the same order.
 */
export class Executor {
  readonly corpus: CarriedInput[] = [];
  readonly map: CoverageMap;
  readonly sizes = new Map<string, number>();
  readonly deriver: InputDeriver;
  readonly checker: InputChecker;
  /** Whether every profile loaded the input last checked. */
  loadsAll = false;

  /**
   * The seed files (--corpus), run as runs -1, -2, ... before the campaign, through the same
   * pool as every other run: so they are under the same per-input budget and, on worker
   * threads, the same hang watchdog.
   */
  constructor(readonly setup: CheckSetup, readonly config: ExecutorConfig, readonly seeds: readonly CarriedInput[] = []) {
    this.map = new CoverageMap(setup.fleet.length, branchTable(setup.model).names.length, edgeSlotsFor(config.exec));
    this.deriver = new InputDeriver(setup.schema, setup.model, setup.fleet, config);
    this.checker = new InputChecker({ ...setup, budgetMs: config.budgetMs });
  }

  apply(sync: EpochSync): void {
    this.corpus.push(...sync.corpusAdds);
    this.map.addAll(sync.features);
    for (const [key, size] of sync.bucketSizes) this.sizes.set(key, size);
  }

  derive(r: number): CarriedInput | null {
    if (r < 0) return this.seeds[-r - 1] ?? null;
    return this.deriver.derive(this.config.seed, r, this.corpus);
  }

  /** Derives and runs input `r`; null when it yields nothing to run. */
  run(r: number): RunReport | null {
    let input: CarriedInput | null;
    try {
      input = this.derive(r);
    } catch (e) {
      // A generator or mutator bug: reported, with the run index that reproduces it.
      const hit = throwHit('derive', e);
      return { r, size: 0, at: performance.timeOrigin + performance.now(), hits: [wireHit(hit)], input: { bytes: new Uint8Array(0), how: `derive failed for run ${r}` } };
    }
    return input === null ? null : this.execute(input, r);
  }

  /** The whole state, for a worker that starts (or restarts) mid-campaign. */
  snapshot(): EpochSync {
    return { corpusAdds: [...this.corpus], features: this.map.list(), bucketSizes: [...this.sizes] };
  }

  execute(input: CarriedInput, r: number): RunReport {
    const hits: Hit[] = [];
    const novel: number[] = [];
    const ms = this.check(input, r, hits, novel, true);
    const loads = this.loadsAll;
    if (ms > this.config.budgetMs && this.check(input, r, [], [], false) > this.config.budgetMs) {
      // Twice over budget: not a one-off pause (GC, a cold cache), the input is slow.
      hits.push({ kind: 'robustness', profile: '', fault: 'OVER_BUDGET', location: 'budget', path: '(file)', offset: -1, detail: `${Math.round(ms)} ms > ${this.config.budgetMs} ms` });
    }
    const size = input.bytes.length;
    // A seed joins the working corpus whatever it reached (the user gave it), so it always travels back.
    let carry = novel.length > 0 || input.seed === true;
    const wire: WireHit[] = [];
    for (const h of hits) {
      const key = bucketKey(h);
      const known = this.sizes.get(key);
      if (known === undefined || size < known) carry = true;
      wire.push(wireHit(h, key));
    }
    return {
      r, size, at: performance.timeOrigin + performance.now(),
      ...(novel.length > 0 ? { novel } : {}),
      ...(wire.length > 0 ? { hits: wire } : {}),
      ...(carry ? { input: carryable(input, loads) } : {}),
    };
  }

  /** Runs the checks; returns their time (ms). `record` false: a timing re-run, findings dropped. */
  private check(input: CarriedInput, r: number, hits: Hit[], novel: number[], record: boolean): number {
    const t0 = performance.now();
    const execMs0 = this.checker.execMs;
    const loadsAll = this.checker.simulateAll(input.bytes, record ? this.map : undefined, hits, novel);
    if (record) this.loadsAll = loadsAll;
    if (!loadsAll && this.shouldValidate(r, novel, hits)) this.checker.soundness(input.bytes, hits);
    if (input.words !== undefined && input.value !== undefined && Math.floor(r / this.deriver.stageLength) % this.config.roundTripEvery === 0) {
      this.checker.roundTrip(input.value, hits);
    }
    // The real consumer's time (--exec) is its own, bounded by --exec-timeout: not the checks' budget.
    return performance.now() - t0 - (this.checker.execMs - execMs0);
  }

  /**
   * validateBytes costs about a hundred simulations: run it where a soundness bug is most likely
   * new. A new hit count of a known branch is not: it is most of the novelty of a campaign.
   */
  private shouldValidate(r: number, novel: readonly number[], hits: readonly Hit[]): boolean {
    if (r < 0 || r % this.config.validateEvery === 0 || novel.some((f) => !this.map.branchReached(f))) return true;
    return hits.some((h) => !this.sizes.has(bucketKey(h)));
  }
}

function wireHit(h: Hit, key = bucketKey(h)): WireHit {
  return h.detail === undefined ? { key, path: h.path, offset: h.offset } : { key, path: h.path, offset: h.offset, detail: h.detail };
}

/** Only the fields the other side needs (a mutator may hang extra state on an input). */
function carryable(input: CarriedInput, loads: boolean): CarriedInput {
  return {
    bytes: input.bytes, how: input.how,
    ...(loads ? { loads } : {}),
    ...(input.seed === true ? { seed: true } : {}),
    ...(input.value !== undefined ? { value: input.value } : {}),
    ...(input.words !== undefined ? { words: input.words } : {}),
  };
}

