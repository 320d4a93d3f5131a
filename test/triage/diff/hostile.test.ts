/**
 * Hostile and unrelated files (truncated, zero-filled, absurd counts, another format, random
 * bytes of different sizes): the diff finishes in bounded time, lists at most its cap, and says
 * where a file could only be read in part.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, ccfDiff, ROOT } from './helpers.js';

const CODES = readdirSync(join(ROOT, 'corpus/ccf/codes')).filter((f) => f.endsWith('.bin')).map((f) => `corpus/ccf/codes/${f}`);
const CLEAN = 'corpus/ccf/codes/clean.bin';

function random(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

describe('diff of hostile files', () => {
  it.each(CODES)('clean.bin ↔ %s: both ways, bounded', (file) => {
    for (const [a, b] of [[CLEAN, file], [file, CLEAN]] as const) {
      const d = ccfDiff(a, b, 10);
      expect(d.changes.length).toBeLessThanOrEqual(10);
      expect(d.findings.appeared.length + d.findings.resolved.length).toBeLessThanOrEqual(20);
    }
  });

  it('a truncated file is compared as far as it was read, and says so', () => {
    const d = ccfDiff(CLEAN, 'corpus/ccf/codes/truncated.bin');
    expect(d.new.complete).toBe(false);
    expect(d.old.complete).toBe(true);
  });

  it('zero-filled and random files of different sizes, and a file of another format: bounded in time and output', () => {
    const t = performance.now();
    const zeros = new Uint8Array(64 * 1024);
    const d1 = ccfDiff(zeros, random(200 * 1024, 7), 25);
    const d2 = ccfDiff(random(300 * 1024, 8), bytesOf('corpus/ccf/story/2024-07-19-0409-channel-291.bin'), 25);
    const d3 = ccfDiff(bytesOf('corpus/sigpack/story/2026-06-09-pack-0340.bin'), bytesOf(CLEAN), 25);
    for (const d of [d1, d2, d3]) expect(d.changes.length).toBeLessThanOrEqual(25);
    expect(performance.now() - t).toBeLessThan(30_000);
  });

  it('a header that claims 65,535 instances in a small file does not make the diff walk them', () => {
    const bytes = bytesOf(CLEAN).slice();
    new DataView(bytes.buffer).setUint32(24, 0xffff, true); // instance_count
    const t = performance.now();
    const d = ccfDiff(CLEAN, bytes, 10);
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(d.changes.length).toBeLessThanOrEqual(10);
  });
});
