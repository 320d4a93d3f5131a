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
 * One buffer that a loop over many files reads each file into, instead of a fresh one per file:
 * a fresh buffer stays allocated until a garbage collection finds it dead, and over a folder of
 * large files tens of MB of dead file buffers were resident at once (69 MB set: peak RSS 91 MB,
 * 84 MB with one buffer). The bytes it returns are valid until the next read: a caller that keeps
 * them (or a view of them) past that calls `handOver()`, and the next read allocates afresh.
 */
export class ReadBuffer {
  private buffer: Buffer | undefined;

  /** `size` bytes of the buffer, grown when too small (its largest size is the largest file read). */
  take(size: number): Buffer {
    if (this.buffer === undefined || this.buffer.length < size) this.buffer = Buffer.allocUnsafeSlow(size);
    return this.buffer.subarray(0, size);
  }

  /** Whether `bytes` lies in this buffer. */
  holds(bytes: Uint8Array): boolean {
    return this.buffer !== undefined && bytes.buffer === this.buffer.buffer;
  }

  /** The last bytes read now belong to the caller: the next read uses a new buffer. */
  handOver(): void {
    this.buffer = undefined;
  }
}

/**
 * The bytes of a regular file (or of stdin for `-`), at most `maxBytes` of them. The size is
 * checked with fstat on the open descriptor before reading, and again while reading, so a
 * file that grows, /dev/zero or a FIFO can never make preflight read without bound.
 * With `into`, a regular file is read into that reused buffer (see ReadBuffer).
 * Throws a CliError with one line naming the file.
 */
export function readBounded(file: string, maxBytes: number, into?: ReadBuffer): Uint8Array {
  if (file === STDIN) return readStdin(maxBytes);
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
    return readAll(fd, file, maxBytes, fst.size + 1, into);
  } finally {
    closeSync(fd);
  }
}

/**
 * Stdin through a fresh descriptor where the system has one (/dev/stdin): fd 0 may be
 * non-blocking (set so by a parent), and polling it costs seconds on a large pipe.
 */
function readStdin(maxBytes: number): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync('/dev/stdin', constants.O_RDONLY);
  } catch {
    fd = undefined;
  }
  if (fd === undefined) return readAll(0, STDIN_NAME, maxBytes, 64 * 1024);
  try {
    // `< file` makes stdin a regular file: its size is known, and checked, before reading.
    const st = fstatSync(fd);
    if (st.isFile()) requireRegular(STDIN_NAME, st, maxBytes);
    return readAll(fd, STDIN_NAME, maxBytes, st.isFile() ? st.size + 1 : 64 * 1024);
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
 * Reads until end of file into a list of chunks (the first one the size fstat gave), and stops
 * with an error as soon as more than `maxBytes` arrived: one byte past the limit is enough to
 * know. Chunks, not a doubling buffer: an over-limit input never costs more than the limit.
 */
function readAll(fd: number, name: string, maxBytes: number, sizeHint: number, into?: ReadBuffer): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const first = Math.max(1, Math.min(sizeHint, maxBytes + 1));
  let chunk = into ? into.take(first) : Buffer.allocUnsafe(first);
  let filled = 0;
  for (;;) {
    if (filled === chunk.length) {
      chunks.push(chunk);
      if (total > maxBytes) throw new CliError(overLimit(name, growth(name), maxBytes));
      chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      filled = 0;
    }
    const n = readChunk(fd, name, chunk, filled);
    if (n === 0) break;
    filled += n;
    total += n;
  }
  if (total > maxBytes) throw new CliError(overLimit(name, growth(name), maxBytes));
  if (chunks.length === 0) return new Uint8Array(chunk.buffer, chunk.byteOffset, filled);
  chunks.push(chunk.subarray(0, filled));
  const all = Buffer.concat(chunks, total);
  return new Uint8Array(all.buffer, all.byteOffset, total);
}

const CHUNK = 4 * 1024 * 1024;

/** Stdin has no size to check first; a file had one, and grew past it while being read. */
function growth(name: string): string {
  return name === STDIN_NAME ? 'holds more than that' : 'grew while being read';
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
