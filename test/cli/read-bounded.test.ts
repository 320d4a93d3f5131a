import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../src/cli/read-bounded.js';

describe('readBounded', () => {
  it('reads a regular file whole, at any size up to the limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-read-'));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 4000 }), (bytes, limit) => {
      const file = join(dir, 'f.bin');
      writeFileSync(file, bytes);
      if (bytes.length <= limit) expect(Buffer.from(readBounded(file, limit)).equals(Buffer.from(bytes))).toBe(true);
      else expect(() => readBounded(file, limit)).toThrow(`it is ${bytes.length} bytes, over the --max-file-size limit of ${limit} byte`);
    }), { numRuns: 60 });
  });

  // A file whose size at fstat is smaller than what it then yields (a file being appended to, or
  // a /proc file, whose stat size is 0): the limit holds while reading, not only before.
  it.runIf(existsSync('/proc/self/status'))('stops a file that yields more than its stat size once past the limit', () => {
    expect(() => readBounded('/proc/self/status', 64)).toThrow('cannot read /proc/self/status: it grew while being read, over the --max-file-size limit of 64 bytes');
    expect(readBounded('/proc/self/status', 1 << 20).length).toBeGreaterThan(64);
  });

  it('never opens what is not a regular file', () => {
    expect(() => readBounded('/dev/zero', 1 << 20)).toThrow('cannot read /dev/zero: it is a character device, not a regular file');
    expect(() => readBounded(tmpdir(), 1 << 20)).toThrow('it is a folder, not a regular file');
  });
});
