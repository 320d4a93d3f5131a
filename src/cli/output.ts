import { randomBytes } from 'node:crypto';
import { accessSync, constants, lstatSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { boundValue } from './bound-text.js';
import { CliError } from './cli-error.js';
import { fsProblem } from './fs-words.js';
import { kindOf } from './read-bounded.js';

/** `-o -`: the output goes to stdout. */
export const STDOUT = '-';

/** Names of stdout itself: written to descriptor 1 (opening them fails when stdout is a socket). */
const STDOUT_NAMES = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/** `-` for any name of stdout, else the path as given. */
export function outputTarget(file: string): string {
  return STDOUT_NAMES.has(file) ? STDOUT : file;
}

/**
 * Checks, before any work starts, that `file` can be written: not a folder, not under a
 * regular file, its folder exists and accepts new files. Throws a one-line CliError.
 * A device or FIFO that exists (`/dev/null`, `/dev/stdout`) is accepted and written directly.
 */
export function checkOutputPath(file: string): void {
  if (outputTarget(file) === STDOUT) return;
  if (file === '') throw new CliError('an output path is empty');
  const st = statOrUndefined(file);
  if (st !== undefined) {
    if (st.isDirectory()) throw new CliError(`cannot write ${boundValue(file)}: it is a folder; give a file name`);
    if (!st.isFile() && !writableDevice(st)) throw new CliError(`cannot write ${boundValue(file)}: it is ${kindOf(st)}`);
    if (writableDevice(st) || isSystemPath(file)) return;
  }
  checkFolderWritable(dirname(file), file);
}

/** For options that name an output folder (created if missing, e.g. `fuzz --out`): not a file, parent writable. */
export function checkOutputFolder(dir: string): void {
  const st = statOrUndefined(dir);
  if (st !== undefined && !st.isDirectory()) throw new CliError(`cannot write in ${boundValue(dir)}: it is ${st.isFile() ? 'a file' : kindOf(st)}, not a folder`);
  if (st !== undefined) {
    checkFolderWritable(dir, join(dir, 'x'));
    return;
  }
  checkFolderWritable(dirname(resolve(dir)), dir);
}

function checkFolderWritable(folder: string, file: string): void {
  const st = statOrError(folder);
  if (st instanceof Error) throw new CliError(fsProblem(st, 'write', file));
  if (!st.isDirectory()) throw new CliError(`cannot write ${boundValue(file)}: ${boundValue(folder)} is ${st.isFile() ? 'a file' : kindOf(st)}, not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (e) {
    throw new CliError(`cannot write ${boundValue(file)}: the folder ${boundValue(folder)} does not accept new files (${fsProblemReason(e)})`);
  }
}

/** Writes an output: `-` is stdout, a device is written directly, anything else atomically. */
export function writeOutput(file: string, data: string | Uint8Array): void {
  if (outputTarget(file) === STDOUT) {
    writeStdout(data);
    return;
  }
  const st = statOrUndefined(file);
  if ((st !== undefined && writableDevice(st)) || isSystemPath(file)) {
    try {
      writeFileSync(file, data);
    } catch (e) {
      throw new CliError(fsProblem(e, 'write', file));
    }
    return;
  }
  writeAtomic(throughLinks(file), data);
}

/**
 * `/dev/stdout` is a link to the shell's redirect target, a regular file when stdout is one:
 * renaming a temporary file over it would replace the link in /dev itself. Paths there and
 * in /proc are always written in place.
 */
function isSystemPath(file: string): boolean {
  return /^\/(dev|proc)\//.test(resolve(file));
}

/** A link to a file stays a link: the file it points to is replaced, not the link. */
function throughLinks(file: string): string {
  try {
    return lstatSync(file).isSymbolicLink() ? realpathSync(file) : file;
  } catch {
    return file;
  }
}

/**
 * Writes via a temporary file and a rename, so a reader never sees a half-written output.
 * (Renaming over a device would replace the device: writeOutput sends those elsewhere.)
 */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.preflight-tmp-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to clean up */ }
    throw new CliError(fsProblem(e, 'write', file));
  }
}

/** Synchronous, so that a large report is all out before the exit code is set. */
function writeStdout(data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EPIPE') return;
      throw new CliError(fsProblem(e, 'write', 'stdout'));
    }
  }
}

function writableDevice(st: Stats): boolean {
  return st.isCharacterDevice() || st.isFIFO();
}

function fsProblemReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EROFS' ? 'the file system is read-only' : 'permission denied';
}

function statOrUndefined(path: string): Stats | undefined {
  const st = statOrError(path);
  return st instanceof Error ? undefined : st;
}

function statOrError(path: string): Stats | Error {
  try {
    return statSync(path);
  } catch (e) {
    return e as Error;
  }
}
