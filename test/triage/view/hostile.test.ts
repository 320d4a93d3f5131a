import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFileView, nodeAt, type FileView } from '../../../src/triage/view/index.js';
import { bigCcfFile } from '../../../bench/big-ccf-file.js';
import { bytesOf, ccf, expectWellFormed, hostileFiles, png, sigpack, zip } from './view-helpers.js';
import { makePng, textChunk } from '../../examples/make-png.js';
import { makeZip } from '../../examples/make-zip.js';

describe('hostile files: every node that could be read, where reading stopped, never a throw (issue 11)', () => {
  it.each(hostileFiles().map((h) => [h.file, h] as const))('%s', (_name, { file, schema }) => {
    const bytes = bytesOf(file);
    const started = performance.now();
    const view = buildFileView(schema(), bytes);
    expect(performance.now() - started).toBeLessThan(5_000);
    expectWellFormed(view, bytes.length);
    if (view.stopped) {
      expect(view.stopped.reason).toMatch(/^[A-Z_]+: \S/);
      expect(view.stopped.offset).toBeLessThanOrEqual(bytes.length);
    }
  });

  it('a truncated file keeps what it read and says where it stopped and why', () => {
    const view = buildFileView(ccf(), bytesOf('corpus/ccf/codes/truncated.bin'));
    expect(view.complete).toBe(false);
    expect(view.stopped).toMatchObject({ path: 'instances[0].criteria_count', offset: 58, code: 'TRUNCATED' });
    expect(view.stopped!.reason).toContain('needs 1 byte(s) at offset 58');
    expect(view.nodes.find((n) => n.path === 'header.file_size')).toMatchObject({ value: '85' });
    expect(view.nodes.find((n) => n.path === 'instances[0]')).toMatchObject({ partial: true, offset: 52, size: 6 });
  });

  it('an absurd count stops at the bytes that are there', () => {
    const view = buildFileView(ccf(), bytesOf('corpus/ccf/codes/limit-exceeded.bin'));
    expect(view.stopped).toMatchObject({ path: 'index', code: 'TRUNCATED' });
    expect(view.stopped!.reason).toContain('5000 × index');
    expectWellFormed(view, view.size);
  });

  it.each([[4096], [1 << 20]])('zero-filled (%i bytes): bounded and well formed', (n) => {
    const bytes = new Uint8Array(n);
    for (const schema of [ccf(), sigpack(), png(), zip()]) expectWellFormed(buildFileView(schema, bytes), n);
  });
});

describe('bounds: maxNodes keeps the top-level fields and counts the rest', () => {
  const big = bigCcfFile(ccf(), 400);
  const full = buildFileView(ccf(), big, { maxNodes: 10_000_000 });

  it('the full view of a 400-instance file keeps every node', () => {
    expect(full.truncatedNodes).toBe(0);
    expectWellFormed(full, big.length, 10_000_000);
  });

  it.each([[1], [10], [500], [5_000]])('maxNodes %i: at most that many (or the top-level fields), the rest counted', (maxNodes) => {
    const view = buildFileView(ccf(), big, { maxNodes });
    expect(view.nodes.length).toBeLessThanOrEqual(Math.max(maxNodes, 7));
    expect(view.nodes.length + view.truncatedNodes).toBe(full.nodes.length);
    expect(view.nodes.filter((n) => n.depth === 1).map((n) => n.name)).toEqual(['header', 'types', 'index', 'instances', 'pool', 'crc']);
    expect(view.regions.map((r) => r.name)).toEqual(full.regions.map((r) => r.name));
  });
});

const mutate = (seed: Uint8Array) => fc.tuple(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
  fc.option(fc.nat(), { nil: undefined }),
).map(([flips, cut]) => {
  const out = Uint8Array.from(seed);
  for (const [at, v] of flips) if (out.length) out[at % out.length] = v;
  return cut === undefined || !out.length ? out : out.subarray(0, cut % out.length);
});

/** A view and its byte index never throw and stay well formed. */
function holds(schema: ReturnType<typeof ccf>, bytes: Uint8Array): void {
  let view: FileView | undefined;
  expect(() => (view = buildFileView(schema, bytes, { maxNodes: 5_000 }))).not.toThrow();
  expectWellFormed(view!, bytes.length, 5_000);
  for (const off of [0, bytes.length >> 1, bytes.length - 1]) if (off >= 0 && off < bytes.length) expect(nodeAt(view!, off)[0]).toBe(view!.nodes[0]);
}

describe('never throws on any bytes (fast-check)', () => {
  const seeds: [string, () => ReturnType<typeof ccf>, Uint8Array][] = [
    ['ccf', ccf, bytesOf('corpus/ccf/story/2024-07-19-0409-channel-291.bin')],
    ['sigpack', sigpack, bytesOf('corpus/sigpack/clean.bin')],
    ['png', png, new Uint8Array(makePng({ before: [textChunk('Title', 'x')] }))],
    ['zip', zip, new Uint8Array(makeZip([{ name: 'a.txt', data: new TextEncoder().encode('hello hello hello') }, { name: 'b', data: new Uint8Array(3), method: 0 }]))],
  ];
  it.each(seeds)('%s: arbitrary bytes', (_n, schema, _seed) => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => holds(schema(), bytes)), { numRuns: 150 });
  });
  it.each(seeds)('%s: corpus mutants (bytes changed, cut short)', (_n, schema, seed) => {
    fc.assert(fc.property(mutate(seed), (bytes) => holds(schema(), bytes)), { numRuns: 150 });
  });
});
