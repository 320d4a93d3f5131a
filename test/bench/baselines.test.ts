/**
 * The hand-written baselines of issue 12 (bench/baselines/) are fair: the walker finds the
 * structural codes that validate finds, file by file over the CCF corpus (all but what a walker
 * of the layout does not do: RE2 and ReDoS verdicts, and budgets), and the writer of the scale
 * bench's large files makes the bytes the project's encoder makes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { walkCcf } from '../../bench/baselines/ccf-walker.js';
import { benchCcfForSize, benchCcfSize, writeBenchCcf } from '../../bench/baselines/ccf-writer.js';
import { isUtf8, poolStringChecker } from '../../bench/baselines/utf8.js';
import { bigCcfFile } from '../../bench/big-ccf-file.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = loadSchema(defaultSchemaPath());
const NOT_WALKED = new Set(['REGEX_INVALID', 'REGEX_REDOS', 'DECODE_BUDGET']);
const corpus = ['corpus/ccf/codes', 'corpus/ccf/story'].flatMap((d) =>
  readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.bin')).map((f) => join(d, f)));

it.each(corpus)('the walker finds what validate finds in %s', (file) => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, file)));
  const walked = [...new Set(walkCcf(bytes).findings.map((f) => f.code))].sort();
  const validated = [...new Set(validateBytes(file, bytes, { schema }).findings.map((f) => f.code))].filter((c) => !NOT_WALKED.has(c)).sort();
  expect(walked).toEqual(validated);
});

it('the walker counts what it walks, and keeps a bounded list of findings', () => {
  const bytes = bigCcfFile(schema, 50);
  expect(walkCcf(bytes)).toMatchObject({ types: 1, instances: 50, criteria: 50 * 21, findings: [] });
  const zeros = new Uint8Array(1 << 16);
  expect(walkCcf(zeros).findings.length).toBeLessThanOrEqual(1000);
});

it('the writer makes the encoder\'s bytes, and sizes files to a target', () => {
  for (const [n, longer] of [[1, 0], [57, 0], [300, 13]] as const) {
    const encoded = bigCcfFile(schema, n, longer);
    expect(Buffer.from(writeBenchCcf(n, longer)).equals(Buffer.from(encoded))).toBe(true);
    expect(benchCcfSize(n, longer).bytes).toBe(encoded.length);
  }
  const sized = benchCcfForSize(100_000);
  expect(sized.bytes).toBeLessThanOrEqual(100_000);
  expect(benchCcfSize(sized.instances + 1).bytes).toBeGreaterThan(100_000);
  expect(benchCcfForSize(20 << 20)).toMatchObject({ instances: 65535 });
});

it('strings are checked as UTF-8, whole pool or byte by byte', () => {
  const text = new TextEncoder().encode('aé€😀b');
  expect(isUtf8(text, 0, text.length)).toBe(true);
  expect(isUtf8(text, 0, 2)).toBe(false); // cuts é
  for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82]]) {
    expect(isUtf8(Uint8Array.from(bad), 0, bad.length)).toBe(false);
  }
  const check = poolStringChecker(text, 0, text.length);
  expect([check(0, 1), check(1, 3), check(1, 2), check(2, 3), check(3, 3)]).toEqual([true, true, false, false, true]);
  const broken = Uint8Array.from([0x61, 0xff, 0x62]);
  const slow = poolStringChecker(broken, 0, 3);
  expect([slow(0, 1), slow(1, 2), slow(2, 3)]).toEqual([true, false, true]);
});
