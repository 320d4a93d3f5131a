import type { ConsumerModel, ModelProfile } from '../../model/index.js';
import { encode } from '../../encode/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { edgeHintsFromFleet, generateFrom, recordedSource, type EdgeHints } from '../generate/index.js';
import { edgeMutant, edgePass, flipBytes, mutate, rawMutation, type EdgeStep, type MutationContext } from '../mutate/index.js';
import { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';
import type { CarriedInput } from './wire.js';
import { CountGuard } from './_internals/count-guard.js';

/**
 * mixed: generation from the schema plus coverage-guided mutation of the working corpus;
 * generate: generation only; mutate: coverage-guided mutation of the seeds only;
 * flip: the byte-flipping baseline over the seeds, no feedback.
 */
export type Strategy = 'mixed' | 'generate' | 'mutate' | 'flip';

export interface DeriveOptions {
  readonly strategy: Strategy;
  /** Share of generated inputs once the working corpus is not empty (mixed). */
  readonly generateShare: number;
  /** Share of mutations tried at field level (they re-encode: 0.1-0.7 ms, against ~2 µs for a raw one). */
  readonly fieldShare?: number;
  readonly maxArray?: number;
  readonly maxString?: number;
  /** Generate and mutate with the fleet's edge values (input counts, limits); default true. Off: a schema-only generator, for comparison. */
  readonly fleetHints?: boolean;
  /**
   * Runs per havoc stage (mixed and mutate): the first run of a stage derives a structured input
   * (generated, or a field-level mutant), the others stack byte-level mutations on it. The
   * structured input costs 100–700 µs, a byte-level mutant 2 µs, so stages keep the checks, not
   * the making of inputs, the cost of a run. 1: no stages.
   */
  readonly havoc?: number;
}

export const DEFAULT_HAVOC = 32;
/** Share of structured inputs that mutate a corpus input with a value (see pickParent). */
const STRUCTURED_PARENT = 0.75;

/**
 * Input `r` of a campaign is a pure function of (seed, r, working corpus): every worker
 * derives the same bytes for the same index, which is what makes a campaign reproducible
 * with any number of workers.
 */
export class InputDeriver {
  readonly hints: EdgeHints;
  private readonly sizes: { maxArray?: number; maxString?: number };
  private readonly countGuard: CountGuard;
  private pass: { of: readonly CarriedInput[]; size: number; seeds: readonly CarriedInput[]; steps: readonly EdgeStep[] } | undefined;
  /** Indexes of the working-corpus inputs that carry a value and load (the corpus only grows). */
  private valued: { of: readonly CarriedInput[]; scanned: number; at: number[] } = { of: [], scanned: 0, at: [] };
  private ctx: MutationContext | undefined;
  private lastStage: { seed: number; first: number; corpus: readonly CarriedInput[]; size: number; input: CarriedInput | null } | undefined;

  constructor(readonly schema: FormatSchema, model: ConsumerModel, fleet: readonly ModelProfile[], readonly options: DeriveOptions) {
    this.hints = edgeHintsFromFleet(model, options.fleetHints === false ? [] : fleet);
    this.countGuard = new CountGuard(schema);
    this.sizes = {
      ...(options.maxArray !== undefined ? { maxArray: options.maxArray } : {}),
      ...(options.maxString !== undefined ? { maxString: options.maxString } : {}),
    };
  }

  /** Runs per havoc stage; 1 when every run derives its own structured input (generation alone). */
  get stageLength(): number {
    return this.options.strategy === 'generate' || this.options.strategy === 'flip' ? 1 : Math.max(1, Math.floor(this.options.havoc ?? DEFAULT_HAVOC));
  }

  /** null when nothing can be derived for `r` (a value that does not encode, no seed to mutate). */
  derive(seed: number, r: number, corpus: readonly CarriedInput[]): CarriedInput | null {
    const { strategy } = this.options;
    if (strategy === 'flip') {
      const rng = new Rng(seed, r);
      return corpus.length === 0 ? null : flipBytes(rng.pick(corpus), rng);
    }
    const pass = this.edgePassOf(corpus);
    if (r >= 0 && r < pass.steps.length) return this.edgeRun(seed, r, pass);
    const k = this.stageLength;
    if (k <= 1 || r < 0) return this.structured(seed, r, corpus);
    const at = r - pass.steps.length;
    const first = r - (at % k);
    const base = this.stageBase(seed, first, corpus);
    if (r === first) return base;
    const rng = new Rng(seed, r);
    const parent = base ?? (corpus.length > 0 ? rng.pick(corpus) : null);
    if (parent === null) return null;
    const input = stacked(rawMutation, parent, rng, this.context(corpus));
    return { bytes: input.bytes, how: `${parent.how} | ${input.how}` };
  }

  /** The edge pass over the seeds that lead the working corpus (none without fleet hints). */
  private edgePassOf(corpus: readonly CarriedInput[]): { steps: readonly EdgeStep[]; seeds: readonly CarriedInput[] } {
    const p = this.pass;
    // The corpus only grows, and seeds only lead it: once something follows them, they are settled.
    if (p !== undefined && p.of === corpus && (p.seeds.length < p.size || p.size === corpus.length)) return p;
    let seeds = 0;
    while (seeds < corpus.length && corpus[seeds]!.seed === true) seeds++;
    if (p === undefined || p.of !== corpus || p.seeds.length !== seeds) {
      const leading = corpus.slice(0, seeds);
      this.pass = { of: corpus, size: corpus.length, seeds: leading, steps: this.options.strategy === 'generate' ? [] : edgePass(leading, this.context(corpus)) };
    } else {
      this.pass = { ...p, of: corpus, size: corpus.length };
    }
    return this.pass;
  }

  private edgeRun(seed: number, r: number, pass: { steps: readonly EdgeStep[]; seeds: readonly CarriedInput[] }): CarriedInput | null {
    const step = pass.steps[r]!;
    const input = edgeMutant(pass.seeds[step.seed]!, step, new Rng(seed, r), this.context(pass.seeds));
    return input === undefined ? null : { bytes: input.bytes, how: input.how, ...(input.value !== undefined ? { value: input.value } : {}) };
  }

  /** The structured input of the stage starting at run `first`; a stage's runs are consecutive, so one is remembered. */
  private stageBase(seed: number, first: number, corpus: readonly CarriedInput[]): CarriedInput | null {
    const m = this.lastStage;
    if (m !== undefined && m.seed === seed && m.first === first && m.corpus === corpus && m.size === corpus.length) return m.input;
    const input = this.structured(seed, first, corpus);
    this.lastStage = { seed, first, corpus, size: corpus.length, input };
    return input;
  }

  /** A generated value, or a (mostly field-level) mutant of a working-corpus input. */
  private structured(seed: number, r: number, corpus: readonly CarriedInput[]): CarriedInput | null {
    const rng = new Rng(seed, r);
    const { strategy } = this.options;
    if (strategy === 'mutate' && corpus.length === 0) return null;
    if (strategy === 'generate' || corpus.length === 0 || (strategy === 'mixed' && rng.chance(this.options.generateShare))) return this.generate(rng);
    const input = stacked(mutate, this.pickParent(rng, corpus), rng, this.context(corpus));
    // Never the parent's decision words: they describe the parent, not this input.
    return { bytes: input.bytes, how: input.how, ...(input.value !== undefined ? { value: input.value } : {}) };
  }

  /**
   * Mostly an input with a value (a parsed seed, a generated or field-mutated input) that every
   * profile loads: only those take a field-level mutation, raw mutants that broke the structure
   * soon outnumber them, and a mutant of a file that crashes mostly crashes at the same fault.
   */
  private pickParent(rng: Rng, corpus: readonly CarriedInput[]): CarriedInput {
    const valued = this.valued;
    if (corpus !== valued.of || corpus.length < valued.scanned) this.valued = { of: corpus, scanned: 0, at: [] };
    for (; this.valued.scanned < corpus.length; this.valued.scanned++) {
      const c = corpus[this.valued.scanned]!;
      if (c.value !== undefined && c.loads === true) this.valued.at.push(this.valued.scanned);
    }
    const at = this.valued.at;
    return at.length > 0 && rng.chance(STRUCTURED_PARENT) ? corpus[rng.pick(at)]! : rng.pick(corpus);
  }

  /** The mutation context over `corpus` (its donors): one per corpus, which only grows in place. */
  private context(corpus: readonly CarriedInput[]): MutationContext {
    if (this.ctx?.donors !== corpus) {
      this.ctx = {
        schema: this.schema, hints: this.hints, donors: corpus,
        ...(this.options.fieldShare !== undefined ? { fieldShare: this.options.fieldShare } : {}),
      };
    }
    return this.ctx;
  }

  /**
   * The value the generator makes from a list of decision words (the same function fast-check
   * shrinks through valueArbitrary): generation records its words so that shrinking can
   * start from exactly the value that was run.
   */
  valueFrom(words: ArrayLike<number>): Record<string, unknown> {
    return generateFrom(this.schema, this.hints, recordedSource(Array.from(words)), this.sizes);
  }

  encode(value: Record<string, unknown>): Uint8Array | undefined {
    if (this.countGuard.hostile(value)) return undefined;
    try {
      return encode(this.schema, value);
    } catch {
      return undefined;
    }
  }

  private generate(rng: Rng): CarriedInput | null {
    const words: number[] = [];
    const src = { u32: (): number => { const w = rng.u32(); words.push(w); return w; } };
    const value = generateFrom(this.schema, this.hints, src, this.sizes);
    const bytes = this.encode(value);
    return bytes === undefined ? null : { bytes, value, how: 'generated', words: Uint32Array.from(words) };
  }
}

/** One mutation, then up to three more on top (AFL's stacked havoc): several small changes reach what one cannot. */
function stacked(mutation: (input: FuzzInput, rng: Rng, ctx: MutationContext) => FuzzInput, parent: FuzzInput, rng: Rng, ctx: MutationContext): FuzzInput {
  let input = mutation(parent, rng, ctx);
  for (let k = 0; k < 3 && rng.chance(0.4); k++) input = mutation(input, rng, ctx);
  return input;
}
