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
 * Faults whose element index is part of what went wrong: which input an OOB_INPUT_READ reads
 * (index 20 of 20 inputs is July 2024; 21 is a type with yet another field). For every other
 * fault the index only says which criterion happened to carry it: a TYPE_CONFUSION is an opcode
 * of the wrong kind wherever it sits, and twenty buckets of it would bury the other findings.
 */
const INDEXED_FAULTS: ReadonlySet<string> = new Set(['OOB_INPUT_READ']);

/**
 * The location part of a bucket: `instances[*].criteria[20]` for an OOB_INPUT_READ, all indexes
 * starred otherwise, so that POOL_OOB at criteria[0] to criteria[18] is one bucket, not nineteen.
 */
export function faultLocation(fault: string, path: FieldPath): string {
  return normalisePath(path, INDEXED_FAULTS.has(fault));
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
