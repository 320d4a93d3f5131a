import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from '../../../src/encode/index.js';
import { generateValue } from '../../../src/fuzz/generate/index.js';
import type { FuzzInput } from '../../../src/fuzz/input.js';
import type { MutationContext } from '../../../src/fuzz/mutate/index.js';
import { Rng } from '../../../src/fuzz/_internals/rng.js';
import { packageRoot } from '../../../src/schema/index.js';
import { ccf, hints, sigpack } from '../generate/setup.js';

export { ccf, hints, sigpack };

/** The CCF corpus files (bytes only: their values come from decoding). */
export function corpusInputs(): FuzzInput[] {
  const out: FuzzInput[] = [];
  for (const dir of ['story', 'codes']) {
    const folder = join(packageRoot(), 'corpus', 'ccf', dir);
    for (const f of readdirSync(folder).sort()) {
      if (f.endsWith('.bin')) out.push({ bytes: new Uint8Array(readFileSync(join(folder, f))), how: `corpus:${f}` });
    }
  }
  return out;
}

/** Generated inputs that carry their value. */
export function generatedInputs(n: number, seed: number): FuzzInput[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const value = generateValue(ccf, hints, rng);
    return { bytes: encode(ccf, value), value, how: 'generated' };
  });
}

export const ctxWith = (donors: readonly FuzzInput[]): MutationContext => ({ schema: ccf, hints, donors });
