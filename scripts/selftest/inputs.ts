import { Rng } from '../../src/fuzz/_internals/rng.js';
import { mutate, type MutationContext } from '../../src/fuzz/mutate/index.js';
import { absurdHeaders, layoutSlots, type LayoutSlot } from './absurd.js';
import type { SelftestFormat } from './formats.js';
import { drawOptions, type Job, type SelftestCommand } from './targets.js';

/** Where an input came from. */
export type InputKind = 'bytes' | 'mutant' | 'absurd';
export const KINDS: readonly InputKind[] = ['bytes', 'mutant', 'absurd'];

export interface DrawnInput {
  readonly format: SelftestFormat;
  readonly kind: InputKind;
  readonly how: string;
  /** The input as each command gets it: diff with an old version, report sometimes, inspect with --at/--path sometimes. */
  jobFor(command: SelftestCommand): Job;
}

/** Largest arbitrary-bytes input; most are far smaller. */
export const MAX_RANDOM_BYTES = 256 * 1024;

/**
 * Draws input `index` of a campaign with `seed`: the same pair always gives the same input, on
 * any worker, so a failure is reproduced with --seed S --only INDEX. Every corpus file is used in
 * turn as the base of mutants and absurd headers.
 */
export class InputSource {
  private readonly contexts = new Map<string, MutationContext>();
  private readonly slots = new Map<string, LayoutSlot[]>();

  constructor(private readonly formats: readonly SelftestFormat[], private readonly seed: number) {}

  draw(index: number): DrawnInput {
    const rng = new Rng(this.seed, index);
    const format = this.formats[index % this.formats.length]!;
    const kind = KINDS[rng.below(KINDS.length)]!;
    const seeds = format.seeds;
    const base = seeds.length > 0 ? seeds[rng.below(seeds.length)]! : undefined;
    let bytes: Uint8Array;
    let how: string;
    if (kind === 'bytes' || base === undefined) {
      bytes = randomBytes(rng, base?.bytes);
      how = `bytes (${bytes.length})`;
    } else if (kind === 'mutant') {
      let input = { bytes: base.bytes, how: `corpus:${base.name}` };
      const rounds = rng.int(1, 8);
      const hows: string[] = [];
      for (let i = 0; i < rounds; i++) {
        input = mutate(input, rng, this.context(format));
        hows.push(input.how);
      }
      bytes = input.bytes;
      how = `mutant of ${base.name}: ${hows.join(' ')}`.slice(0, 400);
    } else {
      const a = absurdHeaders(format.schema, base.bytes, rng, (b) => this.slotsOf(format, base.name, b));
      bytes = a?.bytes ?? randomBytes(rng, base.bytes);
      how = a !== undefined ? `${a.how} in ${base.name}` : `bytes (no layout field in ${base.name})`;
    }
    // Every command gets the same input: diff against an old version (mostly its corpus file), report
    // with that old version 3 times in 10, inspect with a drawn --at or --path half of the time.
    const old = base !== undefined && rng.chance(0.8) ? base.bytes : randomBytes(rng, undefined);
    const reportOld = rng.chance(0.3);
    const options = drawOptions(rng, 'inspect', bytes.length);
    const jobFor = (command: SelftestCommand): Job => {
      if (command === 'diff' || (command === 'report' && reportOld)) return { command, bytes, old };
      return command === 'inspect' ? { command, bytes, ...options } : { command, bytes };
    };
    return { format, kind, how, jobFor };
  }

  private context(f: SelftestFormat): MutationContext {
    let c = this.contexts.get(f.name);
    if (!c) this.contexts.set(f.name, (c = { schema: f.schema, hints: f.hints, donors: f.seeds.map((s) => ({ bytes: s.bytes, how: `corpus:${s.name}` })) }));
    return c;
  }

  private slotsOf(f: SelftestFormat, name: string, bytes: Uint8Array): LayoutSlot[] {
    const key = `${f.name}\u0000${name}`;
    let s = this.slots.get(key);
    if (!s) this.slots.set(key, (s = layoutSlots(f.schema, bytes)));
    return s;
  }
}

/** Arbitrary bytes: mostly small, sometimes a corpus file's prefix with noise, rarely large. */
function randomBytes(rng: Rng, like: Uint8Array | undefined): Uint8Array {
  const r = rng.below(100);
  // Mostly small (throughput), rarely up to MAX_RANDOM_BYTES (size-driven work).
  const size = r < 80 ? rng.below(512) : r < 99 ? rng.below(8192) : rng.below(MAX_RANDOM_BYTES);
  const out = new Uint8Array(size);
  const fill = rng.below(4);
  for (let i = 0; i < size; i++) out[i] = fill === 0 ? 0 : fill === 1 ? 0xff : rng.below(256);
  if (fill >= 2 && like !== undefined && rng.chance(0.5)) out.set(like.subarray(0, Math.min(size, rng.below(like.length + 1))));
  return out;
}
