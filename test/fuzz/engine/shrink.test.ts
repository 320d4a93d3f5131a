import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Executor, minimiseBytes, reproduce, shrinkReproducer, shrinkWords } from '../../../src/fuzz/index.js';
import { executorConfig } from '../../../src/fuzz/engine/options.js';
import { validateBytes } from '../../../src/validate/index.js';
import { bytesOf, JULY, JULY_KEY, SCHEMA_FILE, MODEL_FILE, setup711 } from '../helpers.js';

const executor = new Executor(setup711, executorConfig({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: setup711.fleet, seed: 5 }));

describe('byte-level minimisation', () => {
  it('keeps only candidates that still hold, never grows, and is deterministic', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.integer({ min: 0, max: 255 }), (bytes, want) => {
      const still = (b: Uint8Array): boolean => b.filter((x) => x === want).length >= 2 || b.length === bytes.length && b.every((x, i) => x === bytes[i]);
      const held = still(bytes);
      const a = minimiseBytes(bytes, still, 5000);
      expect(still(a.bytes)).toBe(held);
      expect(a.bytes.length).toBeLessThanOrEqual(bytes.length);
      if (held && bytes.filter((x) => x === want).length >= 2) expect([...a.bytes]).toEqual(want === 0 ? [0, 0] : [want, want]);
      expect(minimiseBytes(bytes, still, 5000).bytes).toEqual(a.bytes);
    }), { numRuns: 60 });
  });

  it('stops at its attempt budget', () => {
    let calls = 0;
    minimiseBytes(new Uint8Array(500).fill(7), () => { calls++; return false; }, 123);
    expect(calls).toBe(123);
  });
});

describe('shrinking a bucket reproducer', () => {
  it('shrinks the July 2024 file (a raw input: byte minimisation) to a small file in the same bucket', () => {
    const july = bytesOf(JULY);
    const r = shrinkReproducer({ key: JULY_KEY, smallest: { bytes: july, how: 'corpus:july' } }, executor);
    expect(reproduce(r.bytes, JULY_KEY, setup711)).toBeDefined();
    expect(r.bytes.length).toBeLessThanOrEqual(160);
    // `preflight validate` reports the same fault on the reproducer.
    const report = validateBytes('r.bin', r.bytes, { schema: setup711.schema, consumers: { model: setup711.model, profiles: setup711.fleet } });
    expect(report.consumers[0]!.fault).toMatchObject({ code: 'OOB_INPUT_READ' });
    expect(report.consumers[0]!.fault!.path).toMatch(/^instances\[\d+\]\.criteria\[20\]$/);
  });

  it('shrinks a generated input with fast-check first: still fails the same way, never larger than its first find', () => {
    let found = 0;
    for (let r = 0; r < 400 && found < 3; r++) {
      const input = executor.derive(r);
      if (input?.words === undefined) continue;
      const report = executor.execute(input, r);
      const key = report.hits?.find((h) => h.key.startsWith('crash|'))?.key;
      if (key === undefined) continue;
      found++;
      const s = shrinkReproducer({ key, smallest: input }, executor);
      expect(reproduce(s.bytes, key, setup711), key).toBeDefined();
      expect(s.bytes.length).toBeLessThanOrEqual(input.bytes.length);
      expect(s.valueCalls).toBeGreaterThan(0);
      // Deterministic: the same job gives the same bytes.
      expect(shrinkReproducer({ key, smallest: input }, executor).bytes).toEqual(s.bytes);
    }
    expect(found).toBe(3);
  });

  it('drives fast-check shrinking on decision words within a call budget', () => {
    const words = Uint32Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 0);
    let calls = 0;
    const s = shrinkWords(words, (w) => { calls++; return w.length >= 10 && w[5]! > 1000; }, 200);
    expect(calls).toBeLessThanOrEqual(200);
    expect(s).toBeDefined();
    expect(s!.words.length).toBeLessThan(words.length);
    expect(s!.words[5]).toBeGreaterThan(1000);
    expect(s!.path.startsWith('0:')).toBe(true);
  });
});
