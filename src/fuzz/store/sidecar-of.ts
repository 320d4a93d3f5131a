import type { ModelProfile } from '../../model/index.js';
import type { Bucket } from '../engine/campaign-state.js';
import { formatShard, type Shard } from '../engine/shard.js';
import type { ShrinkResult } from '../engine/shrink.js';
import { replayCommand } from './shell-quote.js';
import { SIDECAR_FORMAT, type Sidecar } from './sidecar.js';

export interface RecordContext {
  readonly seed: number;
  readonly shard: Shard;
  readonly schemaFile: string;
  readonly fleet: readonly ModelProfile[];
  /** Path of the .bin, as the user will type it (relative to where the campaign ran). */
  readonly binPath: string;
}

/** Where the fault is in the saved bytes (shrinking keeps the bucket, not the concrete index or offset). */
export interface Where {
  readonly path: string;
  readonly offset: number;
  readonly detail?: string;
}

/** The sidecar of a bucket's reproducer: its own bytes (shrunk or not) and the bucket's history. */
export function sidecarOf(b: Bucket, bytes: Uint8Array, where: Where, shrink: ShrinkResult | undefined, ctx: RecordContext): Sidecar {
  const source = ctx.fleet.find((p) => p.name === b.profile)?.source;
  return {
    format: SIDECAR_FORMAT,
    id: b.id,
    bucket: b.key,
    kind: b.kind,
    profile: b.profile,
    ...(source !== undefined ? { profile_source: source } : {}),
    schema: ctx.schemaFile,
    fault: b.fault,
    location: b.location,
    path: where.path,
    offset: where.offset,
    ...(where.detail !== undefined ? { detail: where.detail } : {}),
    how: b.first.input.how,
    seed: ctx.seed,
    run: b.first.r < 0 ? null : b.first.r,
    shard: formatShard(ctx.shard),
    ...(shrink?.counterexamplePath !== undefined ? { counterexample_path: shrink.counterexamplePath } : {}),
    size: bytes.length,
    first_size: b.first.input.bytes.length,
    found_ms: Math.round(b.first.foundMs),
    hits: b.hits,
    shrink: { value_calls: shrink?.valueCalls ?? 0, byte_attempts: shrink?.byteAttempts ?? 0 },
    command: replayCommand(ctx.binPath),
  };
}
