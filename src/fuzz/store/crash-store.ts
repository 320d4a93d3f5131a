import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../cli/io.js';
import { bucketId } from '../engine/bucket.js';
import { errnoWords } from './_internals/file-problem.js';
import { isInside } from './_internals/inside.js';
import { MAX_SIDECAR_BYTES, parseSidecar, sidecarProblemText, type Sidecar } from './sidecar.js';

export interface SavedReproducer {
  readonly sidecar: Sidecar;
  readonly bytes: Uint8Array;
  readonly binFile: string;
  readonly jsonFile: string;
}

/** A file of the store that was left out of a listing, and why (one line, in words). */
export interface StoreProblem {
  readonly file: string;
  readonly problem: string;
}

export interface StoreListing {
  readonly reproducers: SavedReproducer[];
  readonly problems: StoreProblem[];
}

/** A reproducer may be a seed file the user gave; anything bigger is not one (and is not read). */
export const MAX_REPRODUCER_BYTES = 256 * 1024 * 1024;

/** A store path that would fall outside its folder (a bug, or a symbolic link planted in the folder). */
export class StorePathError extends Error {
  constructor(readonly file: string, readonly folder: string) {
    super(`${file}: refusing to write outside ${folder}`);
    this.name = 'StorePathError';
  }
}

/**
 * `OUT/crashes/`: one `<bucket-id>.bin` and `<bucket-id>.json` per bucket, each written
 * atomically (temporary file, then rename), the .bin first, so a sidecar never names
 * bytes that are not there. File names derive from the bucket key (bucketId), never from
 * what a sidecar says. Fixed reproducers move to `OUT/fixed/`.
 */
export class CrashStore {
  readonly dir: string;

  constructor(readonly out: string) {
    this.dir = join(out, 'crashes');
  }

  binPath(id: string): string {
    return join(this.dir, `${id}.bin`);
  }

  save(sidecar: Sidecar, bytes: Uint8Array): Sidecar {
    const id = bucketId(sidecar.bucket);
    const bin = this.binPath(id);
    const json = join(this.dir, `${id}.json`);
    mkdirSync(this.dir, { recursive: true });
    checkedInside(this.out, this.dir, bin, json);
    const saved: Sidecar = { ...sidecar, id };
    writeAtomic(bin, bytes);
    writeAtomic(json, `${JSON.stringify(saved, null, 2)}\n`);
    return saved;
  }

  /** Every reproducer with a valid sidecar and its .bin, sorted by file name; every other sidecar is a problem. */
  list(): StoreListing {
    const reproducers: SavedReproducer[] = [];
    const problems: StoreProblem[] = [];
    if (!existsSync(this.dir)) return { reproducers, problems };
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json')).sort();
    } catch (e) {
      return { reproducers, problems: [{ file: this.dir, problem: `cannot list the folder: ${errnoWords(e)}` }] };
    }
    for (const name of names) {
      const jsonFile = join(this.dir, name);
      const binFile = jsonFile.replace(/\.json$/, '.bin');
      const text = readBounded(jsonFile, MAX_SIDECAR_BYTES);
      if (typeof text !== 'object') {
        problems.push({ file: jsonFile, problem: text });
        continue;
      }
      const parsed = parseSidecar(Buffer.from(text.bytes).toString('utf8'));
      if (!parsed.ok) {
        problems.push({ file: jsonFile, problem: parsed.problems.map(sidecarProblemText).join('; ') });
        continue;
      }
      const bin = readBounded(binFile, MAX_REPRODUCER_BYTES);
      if (typeof bin !== 'object') {
        problems.push({ file: binFile, problem: `the reproducer of ${name}: ${bin}` });
        continue;
      }
      // The bytes are the truth about the size; a sidecar that says otherwise is corrected, not believed.
      reproducers.push({ sidecar: { ...parsed.sidecar, size: bin.bytes.length }, bytes: bin.bytes, binFile, jsonFile });
    }
    return { reproducers, problems };
  }

  /** Moves a reproducer that no longer fails out of the failure database, keeping it for the record. */
  retire(saved: SavedReproducer): string {
    const fixed = join(this.out, 'fixed');
    mkdirSync(fixed, { recursive: true });
    const to = (ext: string): string => join(fixed, `${saved.sidecar.id}${ext}`);
    checkedInside(this.out, fixed, to('.bin'), to('.json'));
    renameSync(saved.binFile, to('.bin'));
    if (existsSync(saved.jsonFile)) renameSync(saved.jsonFile, to('.json'));
    return to('.bin');
  }
}

/** The folder must really be inside `out` (not a symbolic link out of it), and each file inside the folder. */
function checkedInside(out: string, folder: string, ...files: string[]): void {
  if (!isInside(realpathSync(out), realpathSync(folder))) throw new StorePathError(folder, out);
  for (const f of files) if (!isInside(folder, f)) throw new StorePathError(f, folder);
}

/** A regular file's bytes, up to `max`; otherwise why not, in words. */
export function readBounded(file: string, max: number): { bytes: Uint8Array } | string {
  try {
    const st = lstatSync(file);
    if (!st.isFile()) return st.isSymbolicLink() ? 'it is a symbolic link, not a regular file' : 'it is not a regular file';
    if (st.size > max) return `it is ${st.size} bytes, over the ${max}-byte limit`;
    return { bytes: new Uint8Array(readFileSync(file)) };
  } catch (e) {
    return `cannot read it: ${errnoWords(e)}`;
  }
}
