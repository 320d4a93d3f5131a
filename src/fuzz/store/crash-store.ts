import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../cli/io.js';
import { parseSidecar, type Sidecar } from './sidecar.js';

export interface SavedReproducer {
  readonly sidecar: Sidecar;
  readonly bytes: Uint8Array;
  readonly binFile: string;
}

/**
 * `OUT/crashes/`: one `<bucket-id>.bin` and `<bucket-id>.json` per bucket, each written
 * atomically (temporary file, then rename), the .bin first, so a sidecar never names
 * bytes that are not there. Fixed reproducers move to `OUT/fixed/`.
 */
export class CrashStore {
  readonly dir: string;

  constructor(readonly out: string) {
    this.dir = join(out, 'crashes');
  }

  binPath(id: string): string {
    return join(this.dir, `${id}.bin`);
  }

  save(sidecar: Sidecar, bytes: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true });
    writeAtomic(this.binPath(sidecar.id), bytes);
    writeAtomic(join(this.dir, `${sidecar.id}.json`), `${JSON.stringify(sidecar, null, 2)}\n`);
  }

  /** Every reproducer with a readable sidecar and its .bin, sorted by id. */
  list(): SavedReproducer[] {
    if (!existsSync(this.dir)) return [];
    const out: SavedReproducer[] = [];
    for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.json')).sort()) {
      const sidecar = parseSidecar(readFileSync(join(this.dir, name), 'utf8'));
      const binFile = join(this.dir, name.replace(/\.json$/, '.bin'));
      if (sidecar === undefined || !existsSync(binFile)) continue;
      out.push({ sidecar, bytes: new Uint8Array(readFileSync(binFile)), binFile });
    }
    return out;
  }

  /** Moves a reproducer that no longer fails out of the failure database, keeping it for the record. */
  retire(id: string): string {
    const fixed = join(this.out, 'fixed');
    mkdirSync(fixed, { recursive: true });
    for (const ext of ['.bin', '.json']) {
      const from = join(this.dir, `${id}${ext}`);
      if (existsSync(from)) renameSync(from, join(fixed, `${id}${ext}`));
    }
    return join(fixed, `${id}.bin`);
  }
}
