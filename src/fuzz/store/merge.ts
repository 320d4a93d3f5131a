import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeAtomic } from '../../cli/io.js';
import { CrashStore, type SavedReproducer } from './crash-store.js';
import type { Sidecar } from './sidecar.js';

export interface MergeReport {
  readonly buckets: number;
  /** Reproducers dropped because another output had the same bucket with a smaller (or equal, earlier) one. */
  readonly duplicates: number;
  readonly corpusFiles: number;
}

/**
 * Folds the outputs of several campaigns (the shards of one, or successive ones) into `out`:
 * one reproducer per bucket, the smallest (ties: the first output given), with the hits summed
 * and the earliest find time; the corpora united (their files are content-addressed).
 */
export function mergeOutputs(inputs: readonly string[], out: string): MergeReport {
  const best = new Map<string, { saved: SavedReproducer; hits: number; foundMs: number }>();
  let seen = 0;
  for (const dir of inputs) {
    for (const saved of new CrashStore(dir).list()) {
      seen++;
      const { bucket, hits, found_ms: foundMs } = saved.sidecar;
      const cur = best.get(bucket);
      if (cur === undefined) best.set(bucket, { saved, hits, foundMs });
      else {
        if (saved.bytes.length < cur.saved.bytes.length) cur.saved = saved;
        cur.hits += hits;
        cur.foundMs = Math.min(cur.foundMs, foundMs);
      }
    }
  }
  // Everything is read before anything is written: `out` may be one of the inputs.
  const target = new CrashStore(out);
  for (const [, { saved, hits, foundMs }] of [...best].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const binPath = target.binPath(saved.sidecar.id);
    const sidecar: Sidecar = { ...saved.sidecar, hits, found_ms: foundMs, command: `preflight replay ${binPath}` };
    target.save(sidecar, saved.bytes);
  }
  return { buckets: best.size, duplicates: seen - best.size, corpusFiles: mergeCorpora(inputs, out) };
}

function mergeCorpora(inputs: readonly string[], out: string): number {
  const dest = join(out, 'corpus');
  let copied = 0;
  for (const dir of inputs) {
    const src = join(dir, 'corpus');
    if (!existsSync(src) || resolve(src) === resolve(dest)) continue;
    for (const name of readdirSync(src).filter((n) => n.endsWith('.bin')).sort()) {
      mkdirSync(dest, { recursive: true });
      if (existsSync(join(dest, name))) continue;
      writeAtomic(join(dest, name), readFileSync(join(src, name)));
      copied++;
    }
  }
  return copied;
}
