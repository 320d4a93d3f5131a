import { describe, expect, it } from 'vitest';
import { bucketId, CrashStore, rerunFailures } from '../../../src/fuzz/index.js';
import { bytesOf, CLEAN, JULY, JULY_KEY, setup711, tempDir } from '../helpers.js';
import { sidecarFor } from './sidecar-fixture.js';

describe('the failure database rerun', () => {
  it('keeps reproducers that still fail, retires those that do not, skips other profiles', async () => {
    const out = tempDir();
    const store = new CrashStore(out);
    store.save(sidecarFor(JULY_KEY, 524), bytesOf(JULY));
    // A "reproducer" of a bug that has since been fixed: the clean file no longer crashes anything.
    const fixedKey = 'crash|agent-7.11|POOL_OOB|instances[*].criteria[*]';
    store.save(sidecarFor(fixedKey, 10), bytesOf(CLEAN));
    const otherKey = 'crash|agent-9.0|UNKNOWN_OP|instances[*].criteria[*]';
    store.save(sidecarFor(otherKey, 10), bytesOf(JULY));
    const r = await rerunFailures(store, setup711, 250);
    expect(r.stillFailing).toEqual([{ id: bucketId(JULY_KEY), bucket: JULY_KEY, size: 524 }]);
    expect(r.fixed.map((f) => f.bucket)).toEqual([fixedKey]);
    expect(r.skipped.map((s) => s.id)).toEqual([bucketId(otherKey)]);
    expect(store.list().reproducers.map((s) => s.sidecar.bucket).sort()).toEqual([JULY_KEY, otherKey].sort());
  });
});
