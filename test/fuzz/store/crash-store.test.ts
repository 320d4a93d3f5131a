import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketId, CrashStore, parseSidecar } from '../../../src/fuzz/index.js';
import { JULY_KEY, tempDir } from '../helpers.js';
import { sidecarFor } from './sidecar-fixture.js';

describe('the crash store (OUT/crashes)', () => {
  it('writes <id>.bin and <id>.json atomically: no temporary file is left behind', () => {
    const out = tempDir();
    const store = new CrashStore(out);
    const bytes = Uint8Array.from([1, 2, 3]);
    store.save(sidecarFor(JULY_KEY, 3), bytes);
    store.save(sidecarFor(JULY_KEY, 3, { hits: 2 }), bytes); // overwrite in place
    const id = bucketId(JULY_KEY);
    expect(readdirSync(join(out, 'crashes')).sort()).toEqual([`${id}.bin`, `${id}.json`]);
    expect([...readFileSync(store.binPath(id))]).toEqual([1, 2, 3]);
    const parsed = parseSidecar(readFileSync(join(out, 'crashes', `${id}.json`), 'utf8'));
    expect(parsed.ok && parsed.sidecar.hits).toBe(2);
  });

  it('lists reproducers with a sidecar and bytes, skipping stray files', () => {
    const out = tempDir();
    const store = new CrashStore(out);
    store.save(sidecarFor(JULY_KEY, 1), Uint8Array.of(9));
    const other = JULY_KEY.replace('[20]', '[21]');
    store.save(sidecarFor(other, 1), Uint8Array.of(8));
    const list = store.list().reproducers;
    expect(list.map((s) => s.sidecar.bucket).sort()).toEqual([JULY_KEY, other].sort());
    expect(parseSidecar('{"format":"something-else"}').ok).toBe(false);
    expect(parseSidecar('not json').ok).toBe(false);
  });

  it('retires a fixed reproducer to OUT/fixed', () => {
    const out = tempDir();
    const store = new CrashStore(out);
    store.save(sidecarFor(JULY_KEY, 1), Uint8Array.of(9));
    const moved = store.retire(store.list().reproducers[0]!);
    expect(moved).toBe(join(out, 'fixed', `${bucketId(JULY_KEY)}.bin`));
    expect(store.list()).toEqual({ reproducers: [], problems: [] });
    expect(readdirSync(join(out, 'fixed')).length).toBe(2);
  });
});
