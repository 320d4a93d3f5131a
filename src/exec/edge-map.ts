import { closeSync, existsSync, ftruncateSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Edge coverage from the real binary, read through a file both sides map: the consumer built
 * with clang's SanitizerCoverage and examples/consumer-c/cov_shm.c (or the vendor's own copy of
 * it) writes a hit count per edge into the file named by PREFLIGHT_COV_SHM; this side zeroes the
 * counts before each input and reads them after the answer or the crash. The file lives in
 * /dev/shm (memory) where there is one. Layout (little-endian, docs/real-consumers.md):
 * u32 magic 'PFCV', u32 edges, u32 mode (1 trace-pc-guard, 2 inline 8-bit counters), u32 0,
 * then one u8 count per edge slot; slot 0 is unused.
 */
export const COV_ENV = 'PREFLIGHT_COV_SHM';
export const COV_HEADER = 16;
/** Edge slots in the map (a binary with more edges shares slots, as AFL's map does). */
export const COV_SLOTS = 65536;
const MAGIC = 0x56434650;

/** What one input reached in the binary: `counts[slot]` hits (saturating at 255), slots 1..edges. */
export interface EdgeCounts {
  readonly edges: number;
  readonly mode: 'trace-pc-guard' | 'inline-8bit-counters';
  readonly counts: Uint8Array;
}

let serial = 0;

export class EdgeMap {
  readonly path: string;
  private readonly fd: number;
  private readonly header = Buffer.alloc(COV_HEADER);
  /** Slots to clear before the next input: all of them until the binary said how many it uses. */
  private used = COV_SLOTS;
  private readonly zeros = Buffer.alloc(COV_SLOTS);

  /** The file's own name, while it has one (where /proc cannot name the open file instead). */
  private named: string | undefined;

  constructor() {
    const dir = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const file = join(dir, `preflight-cov-${process.pid}-${serial++}-${Math.random().toString(36).slice(2, 8)}`);
    this.fd = openSync(file, 'w+', 0o600);
    ftruncateSync(this.fd, COV_HEADER + COV_SLOTS);
    // On Linux the consumer opens the file through this process's descriptor, and the name goes at
    // once: nothing is left in /dev/shm whatever ends this process or thread (a terminated worker too).
    const byFd = `/proc/${process.pid}/fd/${this.fd}`;
    if (existsSync(byFd)) {
      rmSync(file, { force: true });
      this.path = byFd;
    } else {
      this.path = file;
      this.named = file;
    }
  }

  /** Before an input: every count back to 0 (the header stays: a persistent process wrote it once). */
  reset(): void {
    writeSync(this.fd, this.zeros, 0, Math.min(COV_SLOTS, this.used + 1), COV_HEADER);
  }

  /** After an input: the counts, or undefined when the binary is not instrumented (it never wrote the header). */
  read(): EdgeCounts | undefined {
    readSync(this.fd, this.header, 0, COV_HEADER, 0);
    if (this.header.readUInt32LE(0) !== MAGIC) return undefined;
    const edges = this.header.readUInt32LE(4);
    const slots = Math.min(COV_SLOTS, edges + 1);
    this.used = slots;
    const counts = new Uint8Array(slots);
    readSync(this.fd, counts, 0, slots, COV_HEADER);
    return { edges, mode: this.header.readUInt32LE(8) === 2 ? 'inline-8bit-counters' : 'trace-pc-guard', counts };
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // closed
    }
    if (this.named !== undefined) rmSync(this.named, { force: true });
  }
}
