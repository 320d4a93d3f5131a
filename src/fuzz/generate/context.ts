import type { FieldDef, FormatSchema } from '../../schema/index.js';
import { weighted, type Source } from './choice.js';
import type { EdgeHints, KeyHint } from './hints.js';
import { planFor, type Plan } from './plan.js';

export interface GenerateOptions {
  /** Longest array drawn freely (default 32); lengths that a rule or a consumer hint asks for (21 criteria) are kept. */
  readonly maxArray?: number;
  /** Longest string in bytes (hostile strings are cut to it). Default 300: past a 256-byte pattern buffer. */
  readonly maxString?: number;
}

/** A derived field left out of `obj`, which the generator may pin to a wrong value. */
export interface PinSlot { readonly obj: Record<string, unknown>; readonly field: FieldDef }
/** A field `deriveEarly` set on `obj`, by its key (the field's id as a unique string: see FieldPlan.key). */
export interface ProvisionalSlot { readonly obj: Record<string, unknown>; readonly key: string }

/** The state of one generation. */
export interface Gen {
  readonly src: Source;
  readonly schema: FormatSchema;
  readonly plan: Plan;
  readonly ints: readonly number[];
  readonly keyed: ReadonlyMap<number, KeyHint>;
  readonly keys: readonly number[];
  readonly maxArray: number;
  readonly maxString: number;
  /** Chance that one drawn value leaves what the schema allows (0 for a clean file). */
  readonly noise: number;
  /** Chance that one string is hostile (long, not RE2, backtracking-prone, not UTF-8). */
  readonly hostile: number;
  /** Chance that one derived field is pinned to a wrong value, once per file. */
  readonly pinChance: number;
  readonly pins: PinSlot[];
  /** Derived fields computed early so that rules can read them (`template.field_count`); removed at the end. */
  readonly provisional: ProvisionalSlot[];
}

/** Each file is clean, a little noisy or noisy: clean files reach the consumer's deep paths, noisy ones its shallow faults. */
const LEVELS = [
  { weight: 70, noise: 0, hostile: 0, pinChance: 0 },
  { weight: 18, noise: 0.01, hostile: 0.08, pinChance: 0.25 },
  { weight: 12, noise: 0.05, hostile: 0.3, pinChance: 0.5 },
] as const;

const WEIGHTS = LEVELS.map((l) => l.weight);
const EMPTY_KEYED: ReadonlyMap<number, KeyHint> = new Map();

export function newGen(schema: FormatSchema, hints: EdgeHints, src: Source, options: GenerateOptions = {}): Gen {
  const level = LEVELS[weighted(src, WEIGHTS)]!;
  const keyed = hints.keyed ?? EMPTY_KEYED;
  return {
    src, schema, plan: planFor(schema), ints: hints.ints, keyed, keys: [...keyed.keys()],
    maxArray: options.maxArray ?? 32, maxString: options.maxString ?? 300,
    noise: level.noise, hostile: level.hostile, pinChance: level.pinChance, pins: [], provisional: [],
  };
}
