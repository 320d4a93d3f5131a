import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../cli/io.js';
import { errnoWords } from './_internals/file-problem.js';
import { isInside } from './_internals/inside.js';
import { CrashStore, MAX_REPRODUCER_BYTES, readBounded, StorePathError, type SavedReproducer, type StoreProblem } from './crash-store.js';
import { replayCommand } from './shell-quote.js';
import type { Sidecar } from './sidecar.js';

export interface MergeReport {
  readonly buckets: number;
  /** Reproducers dropped because another output had the same bucket with a smaller (or equal, earlier) one. */
  readonly duplicates: number;
  readonly corpusFiles: number;
  /** Files left out, and why: invalid or unreadable sidecars, missing reproducers, unreadable corpus files. */
  readonly problems: readonly StoreProblem[];
}

/**
 * Folds the outputs of several campaigns (the shards of one, or successive ones) into `out`:
 * one reproducer per bucket, the smallest (ties: the first output given), with the hits summed
 * and the earliest find time; the corpora united. The inputs are untrusted (CI artifacts):
 * every written name is derived here (bucket id; corpus files by content hash), every
 * sidecar field is type-checked, and what cannot be used is reported, never silently dropped.
 */
export function mergeOutputs(inputs: readonly string[], out: string): MergeReport {
  const best = new Map<string, { saved: SavedReproducer; hits: number; foundMs: number }>();
  const problems: StoreProblem[] = [];
  let seen = 0;
  for (const dir of inputs) {
    const listing = new CrashStore(dir).list();
    problems.push(...listing.problems);
    for (const saved of listing.reproducers) {
      seen++;
      const { bucket, hits, found_ms: foundMs } = saved.sidecar;
      const cur = best.get(bucket);
      if (cur === undefined) best.set(bucket, { saved, hits, foundMs });
      else {
        if (saved.bytes.length < cur.saved.bytes.length) cur.saved = saved;
        // Hits saturate instead of losing precision: they are counts for a person to read.
        cur.hits = Math.min(Number.MAX_SAFE_INTEGER, cur.hits + hits);
        cur.foundMs = Math.min(cur.foundMs, foundMs);
      }
    }
  }
  // Everything is read before anything is written: `out` may be one of the inputs.
  const target = new CrashStore(out);
  for (const [, { saved, hits, foundMs }] of [...best].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const binPath = target.binPath(saved.sidecar.id);
    const sidecar: Sidecar = { ...saved.sidecar, hits, found_ms: foundMs, command: replayCommand(binPath) };
    target.save(sidecar, saved.bytes);
  }
  const corpusFiles = mergeCorpora(inputs, out, problems);
  return { buckets: best.size, duplicates: seen - best.size, corpusFiles, problems };
}

/** Corpus files are content-addressed: each is written under the hash of its bytes, whatever it was called. */
function mergeCorpora(inputs: readonly string[], out: string, problems: StoreProblem[]): number {
  const dest = join(out, 'corpus');
  let copied = 0;
  for (const dir of inputs) {
    const src = join(dir, 'corpus');
    if (!existsSync(src)) continue;
    let names: string[];
    try {
      names = readdirSync(src).filter((n) => n.endsWith('.bin')).sort();
    } catch (e) {
      problems.push({ file: src, problem: `cannot list the folder: ${errnoWords(e)}` });
      continue;
    }
    for (const name of names) {
      const got = readBounded(join(src, name), MAX_REPRODUCER_BYTES);
      if (typeof got !== 'object') {
        problems.push({ file: join(src, name), problem: got });
        continue;
      }
      mkdirSync(dest, { recursive: true });
      const file = join(dest, `${createHash('sha256').update(got.bytes).digest('hex').slice(0, 16)}.bin`);
      if (!isInside(realpathSync(out), realpathSync(dest))) throw new StorePathError(dest, out);
      if (existsSync(file)) continue;
      writeAtomic(file, got.bytes);
      copied++;
    }
  }
  return copied;
}
