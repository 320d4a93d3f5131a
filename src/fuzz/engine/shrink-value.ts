import fc from 'fast-check';

export interface ShrunkWords {
  readonly words: Uint32Array;
  /** fast-check counterexample path: "0" (the example) then the index of each shrink taken. */
  readonly path: string;
  readonly shrinks: number;
  readonly calls: number;
}

/** The generator's words arbitrary, as in valueArbitrary (generate/value-arbitrary.ts), long enough for these words. */
function wordsArbitrary(length: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: Math.max(3000, length), size: 'max' });
}

/**
 * fast-check shrinking of a generated value. A generated value is a function of the list of
 * decision words the generator drew, so fast-check's own shrinker for that list (shorter
 * lists, smaller words, which the generator maps to fewer and plainer fields) shrinks the
 * value. This is fast-check's runner loop (take the first shrink candidate that still fails,
 * shrink it in turn) driven here so that it stops after `budget` calls of `still`: fc.check
 * would keep walking a long array's candidate stream after the budget, which costs seconds.
 * Deterministic: no wall-clock anywhere.
 */
export function shrinkWords(words: Uint32Array, still: (words: readonly number[]) => boolean, budget: number): ShrunkWords | undefined {
  const arb = wordsArbitrary(words.length);
  let current = new fc.Value(Array.from(words), undefined as unknown);
  if (!arb.canShrinkWithoutContext(current.value)) return undefined;
  const path = ['0'];
  let calls = 0;
  let shrinks = 0;
  outer: while (calls < budget) {
    let index = 0;
    for (const candidate of arb.shrink(current.value, current.context)) {
      if (calls >= budget) break outer;
      calls++;
      if (still(candidate.value)) {
        current = candidate;
        path.push(String(index));
        shrinks++;
        continue outer;
      }
      index++;
    }
    break; // no candidate fails any more: a local minimum
  }
  return shrinks === 0 ? undefined : { words: Uint32Array.from(current.value), path: path.join(':'), shrinks, calls };
}
