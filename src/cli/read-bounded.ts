import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { boundValue } from './bound-text.js';
import { CliError } from './cli-error.js';
import { fsProblem } from './fs-words.js';
import { formatSize } from './size-arg.js';

/** `-` on the command line: one file read from standard input. */
export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

/** The default of `--max-file-size`: far above any real content file, far below a machine's memory. */
export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;

/**
 * The bytes of a regular file (or of stdin for `-`), at most `maxBytes` of them. The size is
 * checked with fstat on the open descriptor before reading, and again while reading, so a
 * file that grows, /dev/zero or a FIFO can never make preflight read without bound.
 * Throws a CliError with one line naming the file.
 */
export function readBounded(file: string, maxBytes: number): Uint8Array {
  if (file === STDIN) return readAll(0, STDIN_NAME, maxBytes, 64 * 1024);
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw new CliError(fsProblem(e, 'read', file));
  }
  // Checked on the path first so that a FIFO is never opened (opening one waits for a writer).
  requireRegular(file, st, maxBytes);
  let fd: number;
  try {
    // O_NONBLOCK: if a FIFO is swapped in after the stat above, opening it must not hang.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new CliError(fsProblem(e, 'read', file));
  }
  try {
    const fst = fstatSync(fd);
    requireRegular(file, fst, maxBytes);
    return readAll(fd, file, maxBytes, fst.size + 1);
  } finally {
    closeSync(fd);
  }
}

function requireRegular(file: string, st: Stats, maxBytes: number): void {
  if (!st.isFile()) throw new CliError(`cannot read ${boundValue(file)}: it is ${kindOf(st)}, not a regular file`);
  if (st.size > maxBytes) throw new CliError(overLimit(file, `is ${formatSize(st.size)}`, maxBytes));
}

function overLimit(file: string, what: string, maxBytes: number): string {
  return what === 'holds more than that'
    ? `cannot read ${boundValue(file)}: it holds more than the --max-file-size limit of ${formatSize(maxBytes)}`
    : `cannot read ${boundValue(file)}: it ${what}, over the --max-file-size limit of ${formatSize(maxBytes)}`;
}

export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

/**
 * Reads until end of file, growing the buffer by doubling, and stops with an error as soon as
 * more than `maxBytes` arrived: one byte past the limit is enough to know.
 */
function readAll(fd: number, name: string, maxBytes: number, sizeHint: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(sizeHint, maxBytes + 1)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw new CliError(overLimit(name, growth(fd), maxBytes));
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readChunk(fd, name, buffer, length);
    if (n === 0) break;
    length += n;
  }
  if (length > maxBytes) throw new CliError(overLimit(name, growth(fd), maxBytes));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

/** Stdin has no size to check first; a file had one, and grew past it while being read. */
function growth(fd: number): string {
  return fd === 0 ? 'holds more than that' : 'grew while being read';
}

/** One read; a non-blocking stdin says EAGAIN when no data is there yet: wait a little, retry. */
function readChunk(fd: number, name: string, buffer: Buffer, at: number): number {
  for (;;) {
    try {
      return readSync(fd, buffer, at, buffer.length - at, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') return 0;
      throw new CliError(fsProblem(e, 'read', name));
    }
  }
}
