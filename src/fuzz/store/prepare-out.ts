import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { errnoWords } from './_internals/file-problem.js';

/** An output folder that cannot be used; the message is one line that names it. */
export class OutFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutFolderError';
  }
}

/** The sub-folders a fuzz output folder holds; each must be a folder when it exists. */
const PARTS = ['crashes', 'fixed', 'corpus'] as const;

/**
 * Checks an output folder before any work starts, and creates it: it must be a folder (or
 * not exist yet, with a creatable parent), its parts must be folders, and a file must be
 * writable in it. Checking by writing catches read-only file systems and permissions alike.
 */
export function prepareOutFolder(out: string, what = 'output folder'): void {
  const st = statOrUndefined(out);
  if (st !== undefined && !st.isDirectory()) throw new OutFolderError(`${out}: the ${what} is a file, not a folder; give a folder`);
  if (st === undefined) {
    const { existing, missing } = missingFolders(out);
    if (existing !== undefined && !existing.isFolder) throw new OutFolderError(`${out}: cannot create the ${what}: ${existing.path} is a file, not a folder`);
    // One level at a time: mkdirSync's `recursive` loops forever below /proc, whose mkdir says ENOENT.
    for (const folder of missing) {
      try {
        mkdirSync(folder);
      } catch (e) {
        // ENOENT for a folder whose parent exists: a file system that takes no new folders (/proc).
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file system there takes no new folders' : errnoWords(e);
        throw new OutFolderError(`${out}: cannot create the ${what}: ${why}`);
      }
    }
  }
  for (const part of PARTS) {
    const p = statOrUndefined(join(out, part));
    if (p !== undefined && !p.isDirectory()) throw new OutFolderError(`${join(out, part)}: is a file; the ${what} needs a folder there`);
  }
  const probe = join(out, `.preflight-probe-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    throw new OutFolderError(`${out}: cannot write in the ${what}: ${errnoWords(e)}`);
  }
}

function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor of `p`, and the folders below it to create (outermost first). */
function missingFolders(p: string): { existing?: { path: string; isFolder: boolean }; missing: string[] } {
  const missing: string[] = [];
  let cur = resolve(p);
  // A path has at most a few thousand components; the bound only guards against a loop.
  for (let i = 0; i < 4096; i++) {
    const st = statOrUndefined(cur);
    if (st !== undefined) return { existing: { path: cur, isFolder: st.isDirectory() }, missing: missing.reverse() };
    missing.push(cur);
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return { missing: missing.reverse() };
}
