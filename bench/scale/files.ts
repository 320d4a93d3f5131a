/**
 * The files bench/scale.ts measures, built in a temporary folder (never committed) with the
 * project's own encoder (bench/big-ccf-file.ts): the 69 MB set of issue 12 (copies of one 689 KB
 * file), one file per size of the linear-time series, and a folder of many corpus-sized files.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatSchema } from '../../src/schema/index.js';
import { benchCcfForSize, writeBenchCcf } from '../baselines/ccf-writer.js';
import { bigCcfFile } from '../big-ccf-file.js';

/** Instances in the 689 KB file (689,499 bytes). */
export const SET_FILE_INSTANCES = 2600;

/**
 * `copies` copies of the 689 KB file in `dir`, made by the encoder; also checks that the writer
 * of the series makes the same bytes.
 */
export function buildCopies(schema: FormatSchema, dir: string, copies: number): { files: string[]; fileBytes: number } {
  mkdirSync(dir, { recursive: true });
  const bytes = bigCcfFile(schema, SET_FILE_INSTANCES);
  if (Buffer.compare(Buffer.from(bytes), Buffer.from(writeBenchCcf(SET_FILE_INSTANCES))) !== 0) {
    throw new Error('bench/baselines/ccf-writer.ts no longer writes what the encoder makes of bench/big-ccf-file.ts');
  }
  const files = Array.from({ length: copies }, (_, i) => join(dir, `copy-${String(i + 1).padStart(4, '0')}.bin`));
  writeFileSync(files[0]!, bytes);
  for (const f of files.slice(1)) copyFileSync(files[0]!, f);
  return { files, fileBytes: bytes.length };
}

/**
 * One file per target size in `dir`, the same mix as the 689 KB file (bench/baselines/ccf-writer.ts
 * writes what the encoder would, without its memory), each the largest within its target.
 */
export function buildSeries(dir: string, targets: readonly number[]): SeriesFile[] {
  mkdirSync(dir, { recursive: true });
  return targets.map((target) => {
    const { instances, longer } = benchCcfForSize(target);
    const bytes = writeBenchCcf(instances, longer);
    const file = join(dir, `size-${target}.bin`);
    writeFileSync(file, bytes);
    return { file, target, bytes: bytes.length, instances, longer };
  });
}

export interface SeriesFile {
  readonly file: string;
  readonly target: number;
  readonly bytes: number;
  readonly instances: number;
  /** Characters added to every string to reach the size (0 up to ~17 MB). */
  readonly longer: number;
}

/** `count` files in `dir`, the corpus's CCF files (corpus/ccf/{codes,story}/*.bin) in turn. */
export function buildSmallFiles(root: string, dir: string, count: number): { files: string[]; bytes: number; kinds: number } {
  mkdirSync(dir, { recursive: true });
  const sources = ['corpus/ccf/codes', 'corpus/ccf/story'].flatMap((d) =>
    readdirSync(join(root, d)).filter((f) => f.endsWith('.bin')).sort().map((f) => join(root, d, f)));
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length]!;
    const file = join(dir, `${String(i).padStart(6, '0')}.bin`);
    copyFileSync(src, file);
    bytes += readFileSync(src).length;
    files.push(file);
  }
  return { files, bytes, kinds: sources.length };
}
