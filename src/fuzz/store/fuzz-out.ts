import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../cli/io.js';
import type { CampaignResult } from '../engine/campaign.js';
import type { Bucket } from '../engine/campaign-state.js';
import type { CheckSetup } from '../engine/checks.js';
import { reproduce } from '../engine/reproduce.js';
import type { Shard } from '../engine/shard.js';
import type { ShrinkResult } from '../engine/shrink.js';
import type { CarriedInput } from '../engine/wire.js';
import { CrashStore } from './crash-store.js';
import { rerunFailures, type RerunReport } from './failure-db.js';
import { sidecarOf, type Where } from './sidecar-of.js';

export interface SavedBucket {
  readonly path: string;
  readonly size: number;
}

/**
 * A campaign's output folder: `crashes/` (the failure database), `fixed/` (reproducers that
 * stopped failing) and `corpus/` (the working corpus, to seed the next campaign).
 */
export class FuzzOut {
  readonly store: CrashStore;
  /** Sizes of saved reproducers that still fail, by id: a new one replaces them only when smaller. */
  private readonly kept = new Map<string, number>();

  constructor(readonly out: string, private readonly setup: CheckSetup, private readonly ctx: { seed: number; shard: Shard; schemaFile: string }) {
    this.store = new CrashStore(out);
  }

  async rerun(budgetMs: number, shouldStop?: () => boolean, onStart?: (count: number) => void): Promise<RerunReport> {
    const report = await rerunFailures(this.store, this.setup, budgetMs, shouldStop, onStart);
    for (const s of report.stillFailing) this.kept.set(s.id, s.size);
    return report;
  }

  /** Saves a bucket's first find as soon as it is found, so that a campaign that is killed still leaves it. */
  saveFound(buckets: readonly Bucket[]): void {
    for (const b of buckets) this.save(b, b.smallest.input.bytes, undefined);
  }

  /** Saves the final (shrunk) reproducers; returns where each bucket's reproducer is, and its size. */
  saveFinal(result: CampaignResult): Map<string, SavedBucket> {
    const saved = new Map<string, SavedBucket>();
    for (const b of result.buckets) saved.set(b.key, this.save(b, b.reproducer.bytes, b.reproducer));
    return saved;
  }

  private save(b: Bucket, bytes: Uint8Array, shrink: ShrinkResult | undefined): SavedBucket {
    const path = this.store.binPath(b.id);
    const old = this.kept.get(b.id);
    if (old !== undefined && old <= bytes.length) return { path, size: old };
    const hit = reproduce(bytes, b.key, this.setup);
    const where: Where = hit ?? { path: b.smallest.path, offset: b.smallest.offset, ...(b.smallest.detail !== undefined ? { detail: b.smallest.detail } : {}) };
    this.store.save(sidecarOf(b, bytes, where, shrink, { ...this.ctx, fleet: this.setup.fleet, binPath: path }), bytes);
    return { path, size: bytes.length };
  }

  /** Content-addressed, so shards and campaigns fold together without duplicates. */
  saveCorpus(corpus: readonly CarriedInput[]): number {
    const dir = join(this.out, 'corpus');
    mkdirSync(dir, { recursive: true });
    let written = 0;
    for (const input of corpus) {
      const file = join(dir, `${createHash('sha256').update(input.bytes).digest('hex').slice(0, 16)}.bin`);
      if (existsSync(file)) continue;
      writeAtomic(file, input.bytes);
      written++;
    }
    return written;
  }
}
