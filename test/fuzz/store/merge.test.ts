import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketId, CrashStore, FuzzOut, mergeOutputs } from '../../../src/fuzz/index.js';
import { JULY_KEY, setup711, tempDir } from '../helpers.js';
import { sidecarFor } from './sidecar-fixture.js';

describe('corpus merge', () => {
  it('keeps one reproducer per bucket, the smallest, sums the hits and unites the corpora', () => {
    const [a, b, out] = [tempDir(), tempDir(), tempDir()];
    const other = 'crash|agent-7.11|UNKNOWN_OP|instances[*].criteria[*]';
    new CrashStore(a).save(sidecarFor(JULY_KEY, 5, { hits: 3, found_ms: 50 }), Uint8Array.of(1, 2, 3, 4, 5));
    new CrashStore(b).save(sidecarFor(JULY_KEY, 2, { hits: 4, found_ms: 70 }), Uint8Array.of(7, 7));
    new CrashStore(b).save(sidecarFor(other, 1), Uint8Array.of(0));
    const ctx = { seed: 1, shard: { index: 0, count: 2 }, schemaFile: 'x' };
    new FuzzOut(a, setup711, ctx).saveCorpus([{ bytes: Uint8Array.of(1), how: 't' }, { bytes: Uint8Array.of(2), how: 't' }]);
    new FuzzOut(b, setup711, ctx).saveCorpus([{ bytes: Uint8Array.of(2), how: 't' }, { bytes: Uint8Array.of(3), how: 't' }]);
    const r = mergeOutputs([a, b], out);
    expect(r).toEqual({ buckets: 2, duplicates: 1, corpusFiles: 3, problems: [] });
    const merged = new CrashStore(out).list().reproducers;
    expect(merged.map((s) => s.sidecar.bucket).sort()).toEqual([JULY_KEY, other].sort());
    const july = merged.find((s) => s.sidecar.bucket === JULY_KEY)!;
    expect([...july.bytes]).toEqual([7, 7]);
    expect(july.sidecar).toMatchObject({ hits: 7, found_ms: 50, command: `preflight replay ${join(out, 'crashes', `${bucketId(JULY_KEY)}.bin`)}` });
    expect(readdirSync(join(out, 'corpus'))).toHaveLength(3);
    // Merging again, into one of its inputs, changes nothing and duplicates nothing.
    expect(mergeOutputs([out, a, b], out).buckets).toBe(2);
    expect(readdirSync(join(out, 'crashes'))).toHaveLength(4);
  });
});
