import { branchTable, type ConsumerModel, type ModelProfile } from '../../model/index.js';
import { encodeDetailed } from '../../encode/index.js';
import { checkStructure } from '../../check/index.js';
import { formatPath, normalisePath, severityOf, type FieldPath, type Issue } from '../../findings/index.js';
import { decode } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import type { SimulationResult } from '../../consumer/outcome.js';
import { simulateBounded, validateBounded, VALIDATE_BUDGET_FACTOR } from './_internals/bounded.js';
import { faultLocation, inputReadOf, type Hit } from './bucket.js';
import { DEFAULT_BUDGET_MS } from './options.js';
import { CoverageRecorder, type CoverageMap } from './coverage.js';
import { objectAt } from '../mutate/nodes.js';
import { cloneValue, isDerived, stripDerived, visitSlots } from '../mutate/slots.js';
import { firstDifference } from './_internals/deep-diff.js';
import { throwHit } from './_internals/error-hit.js';
import { crashLocation, describeResult, disagreementHit, execCode, execHit, runnerFor } from '../../exec/hits.js';
import type { ExecResult, ExecSetup } from '../../exec/runner.js';

export interface CheckSetup {
  readonly schema: FormatSchema;
  /** The consumer model the profiles are read through; its branch table is the coverage. */
  readonly model: ConsumerModel;
  readonly fleet: readonly ModelProfile[];
  /** Per-input time budget (ms); the checks bound their work by it (default DEFAULT_BUDGET_MS). */
  readonly budgetMs?: number;
  /** --exec: the real consumer, run on every input after the model's profiles (docs/real-consumers.md). */
  readonly exec?: ExecSetup;
}

/**
 * The checks run on every input (issue 3): consumer crashes with coverage, validator
 * soundness, and the encode/decode round trip. Each stage is guarded so that a throw
 * becomes a robustness finding instead of stopping the campaign.
 */
export class InputChecker {
  readonly recorder: CoverageRecorder;
  /** Per profile, the last simulation (null when it threw). */
  readonly sims: (SimulationResult | null)[];
  /** The real consumer's last result (with --exec), and the time spent in it so far (ms; not the checks' budget). */
  execResult: ExecResult | null = null;
  execMs = 0;

  private readonly budgetMs: number;

  constructor(readonly setup: CheckSetup) {
    this.sims = setup.fleet.map(() => null);
    this.recorder = new CoverageRecorder(branchTable(setup.model).names.length);
    this.budgetMs = setup.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** Simulates every profile; appends crash hits and unseen features. Returns whether every profile loads. */
  simulateAll(bytes: Uint8Array, map: CoverageMap | undefined, hits: Hit[], novel: number[]): boolean {
    let loadsAll = true;
    const fleet = this.setup.fleet;
    for (let p = 0; p < fleet.length; p++) {
      const profile = fleet[p]!;
      this.recorder.reset();
      let sim: SimulationResult | null = null;
      try {
        sim = simulateBounded(bytes, this.setup.model, profile, this.recorder, this.budgetMs);
      } catch (e) {
        hits.push(throwHit('simulate', e, profile.name));
      }
      this.sims[p] = sim;
      if (map !== undefined) this.recorder.novelFeatures(p, map, novel);
      if (sim === null || sim.outcome === 'load') continue;
      loadsAll = false;
      const f = sim.fault;
      if (sim.outcome === 'crash' && f !== null) {
        hits.push({ kind: 'crash', profile: profile.name, fault: f.code, location: faultLocation(f.code, f.path, inputReadOf(this.setup.model, f)), path: formatPath(f.path), offset: f.offset });
      }
    }
    const exec = this.setup.exec;
    if (exec !== undefined) {
      const r = runnerFor(exec).run(bytes);
      this.execResult = r;
      this.execMs += r.ms;
      if (map !== undefined && r.edges !== undefined) map.novelEdges(r.edges.counts, novel);
      const hit = execHit(r, exec);
      if (hit !== undefined) hits.push(hit);
      if (exec.differential !== undefined) {
        const k = fleet.findIndex((p) => p.name === exec.differential);
        const disagree = disagreementHit(k >= 0 ? this.sims[k]! : null, r, exec);
        if (disagree !== undefined) hits.push(disagree);
      }
      if (r.outcome !== 'load') loadsAll = false;
    }
    return loadsAll;
  }

  /**
   * After simulateAll found a profile that does not load: the validator must fail the file.
   * A pass or warn verdict is a soundness bug, one per profile that crashes or refuses.
   */
  soundness(bytes: Uint8Array, hits: Hit[]): void {
    let verdict: string;
    try {
      verdict = validateBounded('fuzz-input', bytes, this.setup, VALIDATE_BUDGET_FACTOR * this.budgetMs).verdict;
    } catch (e) {
      hits.push(throwHit('validate', e));
      return;
    }
    if (verdict === 'fail') return;
    this.sims.forEach((sim) => {
      if (sim === null || sim.outcome === 'load' || sim.fault === null) return;
      const f = sim.fault;
      hits.push({
        kind: 'soundness', profile: sim.profile, fault: f.code, location: faultLocation(f.code, f.path, inputReadOf(this.setup.model, f)),
        path: formatPath(f.path), offset: f.offset, detail: `validate verdict ${verdict}, consumer outcome ${sim.outcome}`,
      });
    });
    const r = this.execResult;
    const code = r !== null ? execCode(r) : undefined;
    if (r !== null && code !== undefined && this.setup.exec !== undefined) {
      hits.push({
        kind: 'soundness', profile: this.setup.exec.name, fault: code, location: crashLocation(r), path: '(file)', offset: -1,
        detail: `validate verdict ${verdict}, the real consumer: ${describeResult(r)}`,
      });
    }
  }

  /**
   * decode(encode(value)).value must equal the value with its derived fields filled in. The
   * property holds for well-formed files only: a value that pins a count or an offset to a
   * wrong value (on purpose) decodes differently. So it is checked when the encoded file has
   * no structural error, which every clean generated value should give, and when the value
   * pins no derived field to a value of its own: a string length pinned below its text's length
   * is a well-formed file that decodes to the shorter text, as it should.
   */
  roundTrip(value: Readonly<Record<string, unknown>>, hits: Hit[]): void {
    let filled: Record<string, unknown>;
    let bytes: Uint8Array;
    try {
      ({ value: filled, bytes } = encodeDetailed(this.setup.schema, value));
    } catch {
      return; // values the encoder refuses (EncodeError) are not round-trip material
    }
    if (pinsDerivedWrong(this.setup.schema, value)) return;
    let decoded;
    try {
      decoded = decode(this.setup.schema, bytes);
    } catch (e) {
      hits.push(throwHit('decode', e));
      return;
    }
    try {
      if (!decoded.complete || decoded.issues.some(isError) || checkStructure(this.setup.schema, bytes, decoded).some(isError)) return;
    } catch (e) {
      hits.push(throwHit('validate', e));
      return;
    }
    const diff = firstDifference(decoded.value, filled);
    if (diff === null) return;
    hits.push({
      kind: 'robustness', profile: '', fault: 'ROUND_TRIP', location: `roundtrip: ${normalisePath(diff)}`,
      path: formatPath(diff), offset: -1, detail: `decode(encode(value)) differs from the filled-in value at ${formatPath(diff)}`,
    });
  }
}

const isError = (issue: Issue): boolean => severityOf(issue) === 'error';

/**
 * Whether the value gives a field the encoder derives a value other than the one the encoder
 * derives when it is left out (the generator pins one in some noisy files), or gives a derived
 * field that is not an integer. Only then is it not round-trip material.
 */
function pinsDerivedWrong(schema: FormatSchema, value: Readonly<Record<string, unknown>>): boolean {
  const given: { at: FieldPath; id: string; v: unknown }[] = [];
  visitSlots(schema, value as Record<string, unknown>, (s) => {
    if (isDerived(s.field) && s.holder[s.field.id] !== undefined) given.push({ at: s.at, id: s.field.id, v: s.holder[s.field.id] });
  });
  if (given.length === 0) return false;
  let clean: Record<string, unknown>;
  try {
    clean = encodeDetailed(schema, stripDerived(schema, cloneValue(value) as Record<string, unknown>)).value;
  } catch {
    return true;
  }
  return given.some((g) => {
    const derived = (objectAt(clean, g.at) as Record<string, unknown> | undefined)?.[g.id];
    return !isInt(g.v) || !isInt(derived) || BigInt(g.v) !== BigInt(derived);
  });
}

const isInt = (v: unknown): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
