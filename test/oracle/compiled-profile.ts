import { OP_NAMES, OPCODES, type ConsumerProfile, type OpName } from './profile/types.js';

/** Kind codes, as in the file's field_kinds bytes (spec 1.2). */
export const KIND_INT = 1;
export const KIND_STR = 2;
export const KIND_NAMES: readonly string[] = ['?', 'INT', 'STR'];

/** Payload bytes of each defined opcode (spec 1.4); index = opcode. */
export const PAYLOAD: readonly number[] = [0, 8, 16, 6, 6, 6];
/** Input kind each defined opcode reads (0 for ANY, which reads none). */
export const OP_KIND: readonly number[] = [0, KIND_INT, KIND_INT, KIND_STR, KIND_STR, KIND_STR];
export const OP_REGEX = OPCODES.REGEX;
export const OP_FIRST_STR = OPCODES.EQ_STR;

/** A profile flattened into lookup tables for the hot loops. Built once per profile object. */
export interface CompiledProfile {
  readonly name: string;
  /** 1 when the consumer implements the opcode; 256 entries. */
  readonly implemented: Uint8Array;
  /** For UNKNOWN_OP details, in the profile's listing order. */
  readonly implementedNames: readonly OpName[];
  /** Listed template types, in the profile's listing order (a "slot" is an index here). */
  readonly typeIds: readonly number[];
  /** Supplied input kinds (KIND_INT / KIND_STR) per slot. */
  readonly inputs: readonly Uint8Array[];
  /** Where each slot's per-input flags start in a flat array of `totalInputs` flags. */
  readonly inputBase: readonly number[];
  readonly totalInputs: number;
  readonly slotOf: ReadonlyMap<number, number>;
  readonly maxInstances: number;
  readonly maxFileSize: number;
  readonly regexMaxLength: number;
}

const cache = new WeakMap<ConsumerProfile, CompiledProfile>();

export function compileProfile(profile: ConsumerProfile): CompiledProfile {
  const hit = cache.get(profile);
  if (hit !== undefined) return hit;
  const implemented = new Uint8Array(256);
  for (const op of profile.ops) implemented[OPCODES[op]] = 1;
  const typeIds: number[] = [];
  const inputs: Uint8Array[] = [];
  const inputBase: number[] = [];
  const slotOf = new Map<number, number>();
  let total = 0;
  for (const [typeId, t] of profile.templates) {
    slotOf.set(typeId, typeIds.length);
    typeIds.push(typeId);
    inputs.push(Uint8Array.from(t.inputs, (k) => (k === 'INT' ? KIND_INT : KIND_STR)));
    inputBase.push(total);
    total += t.inputs.length;
  }
  const compiled: CompiledProfile = {
    name: profile.name,
    implemented,
    implementedNames: Object.freeze([...profile.ops]),
    typeIds,
    inputs,
    inputBase,
    totalInputs: total,
    slotOf,
    maxInstances: profile.limits.max_instances,
    maxFileSize: profile.limits.max_file_size,
    regexMaxLength: profile.limits.regex_max_length,
  };
  cache.set(profile, compiled);
  return compiled;
}
