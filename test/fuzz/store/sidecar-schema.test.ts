import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketId, parseSidecar, type Sidecar } from '../../../src/fuzz/index.js';
import { sidecarProblemText } from '../../../src/fuzz/store/sidecar.js';
import { JULY_KEY } from '../helpers.js';
import { sidecarFor } from './sidecar-fixture.js';

/** Keys a parsed sidecar may have: the schema's, nothing else. */
const KNOWN = new Set([
  'format', 'id', 'bucket', 'kind', 'profile', 'profile_source', 'schema', 'fault', 'location', 'path', 'offset', 'detail', 'how',
  'seed', 'run', 'shard', 'counterexample_path', 'size', 'first_size', 'found_ms', 'hits', 'shrink', 'command',
]);

const valid = (): Record<string, unknown> => ({ ...sidecarFor(JULY_KEY, 10) });

// Issue 7 §1. Before: parseSidecar checked format, id, bucket and size only, and returned the
// object as it was (every other field, and any extra one, copied into what merge wrote).
describe('sidecars are input: a strict schema', () => {
  it('takes the id (which names files) from the bucket key, never from the file, and drops unknown fields', () => {
    const hostile = { ...valid(), id: '../../victim/package', scripts: { test: 'echo pwned' } };
    const r = parseSidecar(JSON.stringify(hostile));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sidecar.id).toBe(bucketId(JULY_KEY));
    expect(r.sidecar).not.toHaveProperty('scripts');
  });

  it('type-checks every field: hits "abc" is an error naming the field, not a string merged into "51abc"', () => {
    const r = parseSidecar(JSON.stringify({ ...valid(), hits: 'abc' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(sidecarProblemText)).toEqual(['field "hits" must be a whole number >= 0, got "abc"']);
  });

  const wrong: [keyof Sidecar | 'shrink.value_calls', unknown][] = [
    ['kind', 'explosion'], ['profile', 7], ['schema', ['a']], ['fault', null], ['location', ''], ['path', {}], ['offset', 1.5],
    ['how', 3], ['seed', -1], ['seed', 2 ** 40], ['run', 'x'], ['shard', '3/2'], ['size', '10'], ['first_size', -4],
    ['found_ms', 'soon'], ['hits', 'abc'], ['shrink', 'none'], ['command', 42], ['profile_source', 9], ['detail', false],
    ['counterexample_path', 1], ['bucket', 'not a key'], ['format', 'preflight-reproducer/2'],
  ];
  it.each(wrong)('rejects %s = %j', (field, value) => {
    const r = parseSidecar(JSON.stringify({ ...valid(), [field]: value }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toContain(field);
  });

  it('rejects a nested field of the wrong type, and fields that disagree with the bucket key', () => {
    const nested = parseSidecar(JSON.stringify({ ...valid(), shrink: { value_calls: 'x', byte_attempts: 0 } }));
    expect(!nested.ok && nested.problems.map((p) => p.field)).toEqual(['shrink.value_calls']);
    const disagree = parseSidecar(JSON.stringify({ ...valid(), profile: 'agent-9.0' }));
    expect(!disagree.ok && disagree.problems.map((p) => p.field)).toEqual(['profile']);
  });

  it('never throws, and anything it accepts has only schema fields and an id that is a plain file name', () => {
    const base = valid();
    const field = fc.constantFrom(...Object.keys(base), '__proto__', 'constructor', 'scripts');
    fc.assert(fc.property(fc.dictionary(field, fc.jsonValue()), fc.boolean(), (patch, whole) => {
      const doc = whole ? patch : { ...base, ...patch };
      const r = parseSidecar(JSON.stringify(doc));
      if (!r.ok) return r.problems.length > 0;
      return Object.keys(r.sidecar).every((k) => KNOWN.has(k)) && /^[A-Za-z0-9._-]+$/.test(r.sidecar.id) && r.sidecar.id === bucketId(r.sidecar.bucket);
    }), { numRuns: 300 });
    for (const text of ['', 'null', '[]', '"x"', '{', '{"format":1}']) expect(parseSidecar(text).ok).toBe(false);
  });
});
