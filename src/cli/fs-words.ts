import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { boundValue } from './bound-text.js';

/** What the CLI was doing when the file system said no. */
export type FsAction = 'read' | 'write' | 'open' | 'list';

/**
 * One line a person can act on, for a file-system error: `cannot write out/r.sarif: the folder
 * out does not exist`. Never raw errno text (`ENOENT`), never a stack.
 */
export function fsProblem(error: unknown, action: FsAction, file: string): string {
  return `cannot ${action} ${boundValue(file)}: ${fsReason(error, action, file)}`;
}

/** The reason alone, for callers that phrase the rest of the line themselves. */
export function fsReason(error: unknown, action: FsAction, file: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' && action === 'write') return missingFolder(file);
  if (code === 'ENOTDIR') return notAFolder(file);
  const words = code !== undefined ? WORDS[code] : undefined;
  if (words !== undefined) return words;
  return plainMessage(error);
}

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ELOOP: 'too many levels of symbolic links (a link loop?)',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EXDEV: 'cannot move a file across file systems',
  ENXIO: 'no such device (a socket, or a device nobody serves)',
  ENODEV: 'no such device',
  EIO: 'the device reported an input/output error',
  EFBIG: 'the file is too large',
  EEXIST: 'it already exists',
  EAGAIN: 'the resource is temporarily unavailable',
  EINVAL: 'the operation is not supported on this file',
};

/** ENOENT on a write means a folder on the way is missing: name the nearest one that is. */
function missingFolder(file: string): string {
  let dir = dirname(resolve(file));
  let missing = dir;
  for (let i = 0; i < 256 && dir !== dirname(dir); i++) {
    if (exists(dir)) break;
    missing = dir;
    dir = dirname(dir);
  }
  return `the folder ${boundValue(shortest(missing, file))} does not exist`;
}

/** ENOTDIR: some part of the path is a file. Name it. */
function notAFolder(file: string): string {
  let dir = dirname(resolve(file));
  for (let i = 0; i < 256 && dir !== dirname(dir); i++) {
    const st = statOrUndefined(dir);
    if (st !== undefined && !st.isDirectory()) return `${boundValue(shortest(dir, file))} is a file, not a folder`;
    dir = dirname(dir);
  }
  return 'a part of the path is a file, not a folder';
}

/** Node's messages read `ENOENT: no such file or directory, open 'x'`: keep the middle. */
function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return boundValue(message.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/s, ''));
}

/** A folder as the user would write it: relative when they gave a relative path. */
function shortest(absolute: string, given: string): string {
  if (given.startsWith('/')) return absolute;
  const cwd = process.cwd();
  return absolute.startsWith(`${cwd}/`) ? absolute.slice(cwd.length + 1) : absolute;
}

function exists(path: string): boolean {
  return statOrUndefined(path) !== undefined;
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
