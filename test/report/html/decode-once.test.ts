/**
 * Memory on hostile input (issue 12): the page decodes each file once for its tree, explain's
 * chains and the diff (each decoding on its own, a page of 1 MiB of random bytes peaked at 185 MB
 * RSS, one of two 250 KB files at 183 MB), and releases each decode once its tree is built.
 * Counted, not timed: every call of the diagnostic decoder goes through the spy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Decoded } from '../../../src/parse/index.js';

const calls: Decoded[] = [];
// The decoder's own module: every caller reaches it, through the barrel or not.
vi.mock('../../../src/parse/decode/decode.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/parse/decode/decode.js')>();
  return { ...real, decode: (...args: Parameters<typeof real.decode>) => { const d = real.decode(...args); calls.push(d); return d; } };
});

const { collectHtmlReport } = await import('../../../src/report/html/collect.js');
const { defaultSchemaPath, loadSchema } = await import('../../../src/schema/index.js');
const { resolveConsumers } = await import('../../../src/cli/load-options.js');
const { explainFile } = await import('../../../src/triage/explain/index.js');
const { Rng } = await import('../../../src/fuzz/_internals/rng.js');
const { ROOT } = await import('../../cli/run-cli.js');

const schema = loadSchema(defaultSchemaPath());
const consumers = resolveConsumers(undefined, schema, [], [])!;
const corpus = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'corpus/ccf/story', name))) });

/** Seeded random bytes: the same every run. */
function randomFile(seed: number, size: number): { name: string; bytes: Uint8Array } {
  const rng = new Rng(seed, 0);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = rng.below(256);
  return { name: `random-${seed}.bin`, bytes };
}

describe('the report decodes each file once', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('two well-formed files: one decode each (validate needs none), shared by the tree, the chains and the diff; was 3 each', () => {
    const report = collectHtmlReport({ version: 'test', schema, consumers, files: [corpus('2024-04-24-spring.bin'), corpus('2024-07-19-0409-channel-291.bin')] });
    expect(report.diff && 'value' in report.diff).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('two files of random bytes: validate\'s decode and one more each; was 5 each (validate twice, explain, diff, tree); the shared ones are released', () => {
    const files = [randomFile(12, 64 * 1024), randomFile(13, 64 * 1024)];
    const report = collectHtmlReport({ version: 'test', schema, consumers, files });
    expect(report.files.every((f) => 'value' in f.view && f.view.value.nodes.length > 1000)).toBe(true);
    expect(calls).toHaveLength(4);
    // The page's own decodes (after validate's, one per file) hold nothing once the page is made.
    const shared = calls.filter((d) => Object.keys(d.value).length === 0);
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });

  it('explain decodes once and releases it; given the file\'s decode, it makes none and leaves that one whole', async () => {
    const { decode } = await import('../../../src/parse/index.js');
    const file = randomFile(14, 16 * 1024);
    const alone = explainFile({ schema, consumers, bytes: file.bytes });
    expect(calls).toHaveLength(2); // validate's, then explain's own
    expect(Object.keys(calls[1]!.value)).toHaveLength(0);
    const decoded = decode(schema, file.bytes);
    calls.length = 0;
    const shared = explainFile({ schema, consumers, bytes: file.bytes, decoded });
    expect(calls).toHaveLength(1); // validate's only
    expect(Object.keys(decoded.value).length).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
  });
});
