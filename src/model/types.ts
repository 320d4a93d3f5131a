import type { FindingCode } from '../findings/index.js';
import type { CompiledExpr, FieldDef, FormatSchema } from '../schema/index.js';

/**
 * A loaded consumer model: what one consumer of a format does with a file (issue 9). Every name
 * in it is resolved against `schema` and every expression type-checked at load. Expressions are
 * the schema's own language (src/schema/expr): parsed and interpreted, never run as code.
 */
export interface ConsumerModel {
  readonly consumer: string;
  readonly source: string;
  readonly schema: FormatSchema;
  readonly profile: ProfileDecl;
  readonly refuse: RefuseDecl;
  /** Root fields in the consumer's read order (after the refuse reads); the others are never read. */
  readonly load: readonly FieldDef[];
  /** Root `bytes` fields copied into a buffer of exactly their declared size. */
  readonly copies: ReadonlySet<string>;
  readonly pastEndCode: FindingCode;
  readonly switches: readonly SwitchDispatch[];
  readonly lookups: readonly LookupDispatch[];
  readonly buffers: readonly BufferRule[];
  readonly engines: readonly EngineRule[];
  readonly inputs: InputsDecl | undefined;
  /** The default fleet: the folder `fleet:` names, resolved against the model's own folder. */
  readonly fleetDir: string | undefined;
  /** The format's own finding codes, next to the built-in ones. */
  readonly codes: ReadonlyMap<string, ModelCodeInfo>;
}

/** A finding code a model defines (`codes:`): data, rendered by the report like a built-in code. */
export interface ModelCodeInfo {
  readonly severity: 'error' | 'warning';
  /** consumer: a fault or refusal of one profile; hazard: latent, does not crash today. */
  readonly kind: 'consumer' | 'hazard';
  readonly title: string;
  /** `{detail}` placeholders are replaced by the finding's details when rendered. */
  readonly message: string;
  readonly meaning?: string;
  readonly fix?: string;
}

/** A consumer model with the profiles of its deployed versions. */
export interface ModelFleet {
  readonly model: ConsumerModel;
  readonly profiles: readonly ModelProfile[];
}

/** What a profile of this consumer may say, besides `name` and `population`. */
export interface ProfileDecl {
  readonly inputs: { readonly under: string; readonly item: string; readonly kinds: string; readonly keyMax: number; readonly maxInputs: number } | undefined;
  /** Profile key → enum whose names it lists (the tags the consumer implements). */
  readonly tags: ReadonlyMap<string, string>;
  readonly limits: ReadonlyMap<string, { readonly min: number; readonly max: number }>;
}

export interface RefuseDecl {
  /** Root fields read before the rules; a file too short for one is refused with `truncatedCode`. */
  readonly read: readonly FieldDef[];
  readonly truncatedCode: FindingCode;
  readonly rules: readonly RefuseRule[];
}

export interface RefuseRule {
  readonly when: CompiledExpr;
  readonly code: FindingCode;
  /** A field reference: where the refusal is reported (the file when absent). */
  readonly at: CompiledExpr | undefined;
  readonly details: ReadonlyArray<readonly [string, CompiledExpr]>;
  /** The rule reads a profile limit: the schema cannot see it, so the refusal is also an issue. */
  readonly usesLimits: boolean;
}

/** A switch whose tags the consumer implements per profile: another tag is a crash (its payload unread). */
export interface SwitchDispatch {
  readonly struct: string;
  readonly field: string;
  /** Profile tag-set key. */
  readonly tags: string;
  readonly code: FindingCode;
}

/** A table lookup (a let) that is null after a field is read: a null dereference, a crash. */
export interface LookupDispatch {
  readonly struct: string;
  readonly let: string;
  readonly after: string;
  readonly at: string;
  readonly code: FindingCode;
}

export interface BufferRule {
  readonly struct: string;
  readonly field: string;
  /** Evaluated with the profile's limits only. */
  readonly max: CompiledExpr;
  readonly code: FindingCode;
}

export interface EngineRule {
  readonly struct: string;
  readonly field: string;
  readonly engine: 're2';
  readonly code: FindingCode;
}

/** The input-binding rule (the July 2024 rule, in general form). */
export interface InputsDecl {
  /** The struct whose records select a supplied input array by `key`. */
  readonly record: string;
  readonly key: CompiledExpr;
  /** The record's array field whose elements may each read one input. */
  readonly reads: string;
  readonly element: string;
  readonly index: CompiledExpr;
  readonly when: CompiledExpr;
  readonly kind: CompiledExpr;
  readonly kindEnum: string;
  readonly declares: { readonly table: string; readonly key: string; readonly count: string; readonly kinds: string } | undefined;
  /**
   * A hazard code for an element that names an input the consumer does not supply but does not
   * read it today (`when` is false: a wildcard): the July 2024 pattern before the content changed.
   * For formats whose content declares nothing (no `declares` table); undefined: not reported.
   */
  readonly latent: FindingCode | undefined;
  readonly codes: {
    readonly outOfBounds: FindingCode; readonly kind: FindingCode;
    readonly countHazard: FindingCode; readonly kindHazard: FindingCode; readonly unused: FindingCode;
  };
}

/** A consumer profile read through a model's `profile:` declaration. */
export interface ModelProfile {
  readonly name: string;
  readonly population: number;
  readonly source: string;
  /** Supplied input kinds (enum values) per key, in the profile's listing order. */
  readonly inputs: ReadonlyMap<number, readonly number[]>;
  /** Implemented tags (enum values) per tag-set key, in listing order. */
  readonly tags: ReadonlyMap<string, readonly number[]>;
  readonly limits: ReadonlyMap<string, number>;
}
