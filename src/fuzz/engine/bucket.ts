import type { ConsumerModel } from '../../model/index.js';
import { createHash } from 'node:crypto';
import { normalisePath, type FieldPath } from '../../findings/index.js';

/**
 * What a finding is about. Soundness bugs (the validator passes a file a consumer crashes
 * on or refuses) are the most serious: the validator is the gate that should have stopped
 * July 2024. Robustness findings are preflight's own faults (a throw, an input over budget,
 * a broken encode/decode round trip).
 */
export type FindingKind = 'soundness' | 'crash' | 'robustness';

export const KIND_ORDER: readonly FindingKind[] = ['soundness', 'crash', 'robustness'];

export interface Hit {
  readonly kind: FindingKind;
  /** The consumer profile, '' when the finding is not about one profile. */
  readonly profile: string;
  /** A crash class, a refusal code, or THROW / OVER_BUDGET / ROUND_TRIP / HANG for robustness. */
  readonly fault: string;
  /** Normalised location (faultLocation: indexes starred, the trailing one kept for an indexed fault); for robustness, the stage. */
  readonly location: string;
  /** The concrete path of this occurrence (formatted). */
  readonly path: string;
  readonly offset: number;
  /** Free text: the validator verdict (soundness), the error message (robustness). */
  readonly detail?: string;
}

/**
 * The location part of a bucket: every index starred, so that POOL_OOB at criteria[0] to
 * criteria[18] is one bucket, not nineteen: for most faults the index only says which element
 * happened to carry it. The exception is a read past the inputs a consumer supplies, where
 * which input is read is what went wrong (input 20 of 20 is July 2024; 21 is a type with yet
 * another field): `instances[*].criteria[20]` when the element's position is its input number.
 * When the element stores its input number (a byte, say), every value past the supplied count
 * would be a bucket of its own, hundreds of them: the first missing input is kept apart from the
 * rest (`records[*].body.conds[*]{key 2: input 6}` and `{key 2: input >6}` for 6 supplied).
 */
export function faultLocation(fault: string, path: FieldPath, input?: InputRead): string {
  if (input === undefined) return normalisePath(path, false);
  if (input.positional) return normalisePath(path, true);
  const which = input.index === input.supplied || input.index < 0 ? String(input.index) : `>${input.supplied}`;
  return `${normalisePath(path, false)}{key ${input.key}: input ${which}}`;
}

/** Which input a fault read, when the fault is the model's read past the supplied inputs. */
export interface InputRead {
  readonly index: number;
  /** How many inputs the consumer supplies for `key`. */
  readonly supplied: number;
  readonly key: number;
  /** The element's position is its input number (`index: _index`), so the path already says which. */
  readonly positional: boolean;
}

/** The InputRead of a consumer fault under `model`, or undefined for any other fault. */
export function inputReadOf(model: ConsumerModel, fault: { readonly code: string; readonly details: Readonly<Record<string, unknown>> }): InputRead | undefined {
  const inputs = model.inputs;
  if (inputs === undefined || fault.code !== inputs.codes.outOfBounds) return undefined;
  const { index, supplied, key } = fault.details;
  if (typeof index !== 'number' || typeof supplied !== 'number' || typeof key !== 'number') return undefined;
  const e = inputs.index.ast;
  return { index, supplied, key, positional: e.kind === 'name' && e.name === '_index' };
}

/** The bucket a hit falls in: (kind, profile, fault code, normalised location). */
export function bucketKey(h: Pick<Hit, 'kind' | 'profile' | 'fault' | 'location'>): string {
  return `${h.kind}|${h.profile}|${h.fault}|${h.location}`;
}

export function parseBucketKey(key: string): Pick<Hit, 'kind' | 'profile' | 'fault' | 'location'> | undefined {
  const parts = key.split('|');
  if (parts.length < 4) return undefined;
  const [kind, profile, fault] = parts as [string, string, string];
  if (!(KIND_ORDER as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as FindingKind, profile, fault, location: parts.slice(3).join('|') };
}

/**
 * A file-name-safe, stable id: readable prefix plus a hash of the full key, so that the
 * same bucket gets the same file in every shard and every campaign.
 */
export function bucketId(key: string): string {
  const k = parseBucketKey(key);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
  if (k === undefined) return `bucket-${hash}`;
  const prefix = k.kind === 'crash' ? '' : `${k.kind}-`;
  const profile = k.profile === '' ? '' : `-${slug(k.profile)}`;
  return `${prefix}${slug(k.fault)}${profile}-${hash}`;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
}
