import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../../src/encode/index.js';
import type { FuzzInput } from '../../../src/fuzz/input.js';
import { fieldMutation } from '../../../src/fuzz/mutate/index.js';
import { mutateArray, regenerate } from '../../../src/fuzz/mutate/field-arrays.js';
import { mutateValue } from '../../../src/fuzz/mutate/field-scalars.js';
import { collectNodes } from '../../../src/fuzz/mutate/nodes.js';
import { nodesOf, rebase } from '../../../src/fuzz/mutate/rebase.js';
import { cloneValue } from '../../../src/fuzz/mutate/slots.js';
import { sourceOf } from '../../../src/fuzz/mutate/source-value.js';
import { Rng } from '../../../src/fuzz/_internals/rng.js';
import { ccf, corpusInputs, ctxWith, generatedInputs } from './setup.js';

const parents: FuzzInput[] = [...corpusInputs(), ...generatedInputs(12, 4)].filter((p) => sourceOf(p, ccf) !== undefined);
const ctx = ctxWith(parents);
const OPS = [mutateValue, mutateArray, regenerate] as const;

/**
 * Field-level mutation works on a copy-on-write copy of its parent (rebase.ts), not on a deep
 * clone: the parent, which other mutants share, must come out untouched, and every mutant must
 * be what the same operation gives on a deep clone.
 */
describe('copy-on-write field mutation', () => {
  it('leaves the parent and every earlier mutant as they were, through stacked mutations', () => {
    fc.assert(fc.property(fc.nat(parents.length - 1), fc.integer(), (p, seed) => {
      const rng = new Rng(seed);
      const chain: FuzzInput[] = [parents[p]!];
      const before = [cloneValue(sourceOf(parents[p]!, ccf)!.source)];
      for (let k = 0; k < 4; k++) {
        const m = fieldMutation(chain[chain.length - 1]!, rng, ctx);
        if (m === undefined) break;
        chain.push(m);
        before.push(cloneValue(m.value!));
      }
      chain.forEach((input, i) => expect(isDeepStrictEqual(sourceOf(input, ccf)!.source, before[i])).toBe(true));
    }), { numRuns: 200 });
  });

  it('gives the same value and bytes as the operation on a deep clone', () => {
    fc.assert(fc.property(fc.nat(parents.length - 1), fc.constantFrom(0, 1, 2), fc.integer(), (p, op, seed) => {
      const source = sourceOf(parents[p]!, ccf)!.source;
      const list = op === 0 ? 'values' : op === 1 ? 'arrays' : 'elements';
      const nodes = nodesOf(ccf, source)[list];
      if (nodes.length === 0) return;
      const pick = new Rng(seed).below(nodes.length);

      const clone = cloneValue(source) as Record<string, unknown>;
      const expected = OPS[op](collectNodes(ccf, clone, false)[list][pick]!, new Rng(seed, 1), ctx);
      const copy = rebase(source, nodes[pick]!);
      const actual = OPS[op](copy.node, new Rng(seed, 1), ctx);

      expect(actual).toBe(expected);
      expect(isDeepStrictEqual(copy.root, clone)).toBe(true);
      let bytes: Uint8Array | undefined;
      try {
        bytes = encode(ccf, clone);
      } catch {
        return;
      }
      expect(encode(ccf, copy.root)).toEqual(bytes);
    }), { numRuns: 300 });
  });

  it('shares the untouched parts with the parent', () => {
    const source = sourceOf(parents.find((p) => p.how.includes('spring'))!, ccf)!.source as { instances: unknown[]; types: unknown[] };
    const node = nodesOf(ccf, source).elements.find((n) => n.path.join('.') === 'instances.2.criteria.20')!;
    const { root } = rebase(source, node) as unknown as { root: { instances: unknown[]; types: unknown[] } };
    expect(root.types).toBe(source.types);
    expect(root.instances[0]).toBe(source.instances[0]);
    expect(root.instances[2]).not.toBe(source.instances[2]);
  });
});
