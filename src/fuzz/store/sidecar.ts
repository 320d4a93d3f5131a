import { bucketId, parseBucketKey, type FindingKind } from '../engine/bucket.js';
import { parseShard } from '../engine/shard.js';
import { fieldReader, render, type SidecarProblem } from './sidecar-fields.js';

export const SIDECAR_FORMAT = 'preflight-reproducer/1';

/** The `<bucket-id>.json` next to each reproducer: everything needed to understand and replay it. */
export interface Sidecar {
  readonly format: typeof SIDECAR_FORMAT;
  /** Derived from `bucket` (bucketId), never taken from the file: file names come from it. */
  readonly id: string;
  /** The bucket key: kind|profile|fault|location. */
  readonly bucket: string;
  readonly kind: FindingKind;
  readonly profile: string;
  /** The profile file the campaign loaded (replay loads it only with --trust-sidecar-paths). */
  readonly profile_source?: string;
  /** The schema file the campaign used (replay loads it only with --trust-sidecar-paths). */
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
  /** The command that replays it (shell-quoted). */
  readonly command: string;
}

export type { SidecarProblem } from './sidecar-fields.js';

export type SidecarParse =
  | { readonly ok: true; readonly sidecar: Sidecar }
  | { readonly ok: false; readonly problems: readonly SidecarProblem[] };

/** Sidecars are small; a bigger file is not one (and is not read whole). */
export const MAX_SIDECAR_BYTES = 64 * 1024;

/**
 * Parses a sidecar against its schema. A sidecar is input (shards come from CI artifacts):
 * every field is type-checked, unknown fields are dropped, and the id (which names files) is
 * derived from the bucket key, whatever the file says.
 */
export function parseSidecar(text: string): SidecarParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ field: '', expected: 'a JSON object', got: 'text that is not JSON' }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ field: '', expected: 'a JSON object', got: render(raw) }] };
  const r = fieldReader(raw as Record<string, unknown>);
  const format = r.literal('format', SIDECAR_FORMAT);
  const bucket = r.text('bucket');
  const key = bucket === undefined ? undefined : parseBucketKey(bucket);
  if (bucket !== undefined && key === undefined) r.problem('bucket', 'a bucket key kind|profile|fault|location (kind soundness, crash or robustness)', bucket);
  const sidecar = {
    format, id: key !== undefined && bucket !== undefined ? bucketId(bucket) : '', bucket,
    kind: r.oneOf('kind', ['soundness', 'crash', 'robustness'] as const), profile: r.text('profile', true),
    profile_source: r.optionalText('profile_source'), schema: r.text('schema'), fault: r.text('fault'), location: r.text('location'),
    path: r.text('path'), offset: r.integer('offset', -1), detail: r.optionalText('detail'), how: r.text('how'),
    seed: r.integer('seed', 0, 0xffffffff), run: r.nullable('run', () => r.integer('run', 0)), shard: r.text('shard'),
    counterexample_path: r.optionalText('counterexample_path'),
    size: r.integer('size', 0), first_size: r.integer('first_size', 0), found_ms: r.integer('found_ms', 0), hits: r.integer('hits', 0),
    shrink: r.object('shrink', (s) => ({ value_calls: s.integer('shrink.value_calls', 0), byte_attempts: s.integer('shrink.byte_attempts', 0) })),
    command: r.text('command'),
  };
  if (sidecar.shard !== undefined && parseShard(sidecar.shard) === undefined) r.problem('shard', 'K/N with 1 <= K <= N', sidecar.shard);
  // The bucket key is what replay and merge act on; the separate fields must say the same.
  if (key !== undefined) {
    for (const f of ['kind', 'profile', 'fault', 'location'] as const) {
      if (sidecar[f] !== undefined && sidecar[f] !== key[f]) r.problem(f, `${JSON.stringify(key[f])} (as in bucket)`, sidecar[f]);
    }
  }
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return { ok: true, sidecar: withoutUndefined(sidecar) as unknown as Sidecar };
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** One line: `field "hits" must be a whole number >= 0, got "abc"`. */
export function sidecarProblemText(p: SidecarProblem): string {
  return p.field === '' ? `not a preflight reproducer sidecar: expected ${p.expected}, got ${p.got}` : `field "${p.field}" must be ${p.expected}, got ${p.got}`;
}
