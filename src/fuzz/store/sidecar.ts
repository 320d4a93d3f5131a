import { parseBucketKey, type FindingKind } from '../engine/bucket.js';

export const SIDECAR_FORMAT = 'preflight-reproducer/1';

/** The `<bucket-id>.json` next to each reproducer: everything needed to understand and replay it. */
export interface Sidecar {
  readonly format: typeof SIDECAR_FORMAT;
  readonly id: string;
  /** The bucket key: kind|profile|fault|location. */
  readonly bucket: string;
  readonly kind: FindingKind;
  readonly profile: string;
  /** The profile file the campaign loaded (replay uses it when it still exists). */
  readonly profile_source?: string;
  /** The schema file the campaign used. */
  readonly schema: string;
  readonly fault: string;
  /** Normalised location (the bucket's). */
  readonly location: string;
  /** Concrete path and byte offset of the fault in this reproducer. */
  readonly path: string;
  readonly offset: number;
  readonly detail?: string;
  /** How the first input of the bucket was made ("generated", "corpus:x.bin", a mutation...). */
  readonly how: string;
  readonly seed: number;
  /** Run index of the bucket's first find (null: a corpus seed file). */
  readonly run: number | null;
  readonly shard: string;
  /** fast-check counterexample path of the value shrinking, when it produced the reproducer's value. */
  readonly counterexample_path?: string;
  readonly size: number;
  readonly first_size: number;
  readonly found_ms: number;
  readonly hits: number;
  readonly shrink: { readonly value_calls: number; readonly byte_attempts: number };
  /** The command that replays it. */
  readonly command: string;
}

/** Parses a sidecar; undefined when it is not one (a stray JSON file in the folder). */
export function parseSidecar(text: string): Sidecar | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Partial<Sidecar>;
  if (s.format !== SIDECAR_FORMAT || typeof s.id !== 'string' || typeof s.bucket !== 'string') return undefined;
  if (parseBucketKey(s.bucket) === undefined || typeof s.size !== 'number') return undefined;
  return s as Sidecar;
}
