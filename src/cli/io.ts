import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { boundValue } from './bound-text.js';
import { CliError } from './cli-error.js';
import { fsProblem } from './fs-words.js';
import { DEFAULT_MAX_FILE_SIZE, kindOf, readBounded, STDIN, STDIN_NAME } from './read-bounded.js';
import { compareNames } from './compare-names.js';

export { writeAtomic } from './output.js';
export { DEFAULT_MAX_FILE_SIZE, STDIN, STDIN_NAME } from './read-bounded.js';

/** One input named on the command line, after folders were expanded: a file, or why there is none. */
export interface InputEntry {
  readonly file: string;
  /** Set when the name leads to nothing to validate (missing, empty folder): one line. */
  readonly error?: string;
}

/**
 * Files exactly as named; a folder expands to the files in it with `extension`, recursively,
 * sorted; `-` is stdin. Never throws: a name that leads nowhere becomes an entry with an error,
 * so that one bad name does not stop the others from being validated.
 */
export function listInputs(inputs: readonly string[], extension: string): InputEntry[] {
  const out: InputEntry[] = [];
  for (const input of inputs) {
    if (input === STDIN) {
      out.push({ file: STDIN });
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(input).isDirectory();
    } catch (e) {
      out.push({ file: input, error: fsProblem(e, 'read', input) });
      continue;
    }
    if (!isFolder) {
      out.push({ file: input });
      continue;
    }
    try {
      const found = walk(input, extension);
      if (found.length === 0) out.push({ file: input, error: `${boundValue(input)}: the folder holds no *${extension} files` });
      out.push(...found);
    } catch (e) {
      out.push({ file: input, error: fsProblem(e, 'list', input) });
    }
  }
  return out;
}

/** As listInputs, but the first name that leads nowhere is an error for the whole command. */
export function expandInputs(inputs: readonly string[], extension: string): string[] {
  const entries = listInputs(inputs, extension);
  const bad = entries.find((e) => e.error !== undefined);
  if (bad !== undefined) throw new CliError(bad.error!);
  return entries.map((e) => e.file);
}

/** Folders nested deeper than this are not searched (and say so): a link farm cannot make a walk endless. */
const MAX_DEPTH = 16;

/**
 * Symbolic links to folders are not followed, so a link loop cannot make the walk endless; a
 * link to a regular file is. A `*.bin` that is not a regular file (a FIFO, a socket, a device)
 * is listed with an error rather than skipped in silence, and so is a folder too deep to search.
 */
function walk(dir: string, extension: string, depth = 0): InputEntry[] {
  if (depth > MAX_DEPTH) return [{ file: dir, error: `${boundValue(dir)}: folders nested more than ${MAX_DEPTH} deep are not searched` }];
  const out: InputEntry[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p, extension, depth + 1));
    else if (!entry.name.endsWith(extension)) continue;
    else if (entry.isFile()) out.push({ file: p });
    else out.push(linkedOrSpecial(p));
  }
  return out;
}

function linkedOrSpecial(path: string): InputEntry {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return { file: path, error: fsProblem(e, 'read', path) };
  }
  if (st.isFile()) return { file: path };
  return { file: path, error: `cannot read ${boundValue(path)}: it is ${kindOf(st)}, not a regular file` };
}

/** The name reports use for an input: `<stdin>` for `-`. */
export function displayName(file: string): string {
  return file === STDIN ? STDIN_NAME : file;
}

/** A regular file's bytes (or stdin's for `-`), at most `maxBytes`. Throws a one-line CliError. */
export function readInput(file: string, maxBytes: number = DEFAULT_MAX_FILE_SIZE): Uint8Array {
  return readBounded(file, maxBytes);
}

/** A regular file's text (UTF-8), with the same checks and limit as readInput. */
export function readText(file: string, maxBytes: number = DEFAULT_MAX_FILE_SIZE): string {
  return Buffer.from(readBounded(file, maxBytes)).toString('utf8');
}
