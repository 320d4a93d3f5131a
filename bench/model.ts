/**
 * The model-driven consumer against the hand-written CCF simulator (test/oracle), side by side in
 * the same run: on the ~1 MiB file per default profile (median of 9), and on 1,000 fuzz-sized
 * files (mutated corpus files of 0.1-2 KB, most of them crash or are refused) for both profiles,
 * as files per second. Compiled is what simulateModel runs (src/model/compile); interpreter is
 * src/model/run alone. Issue 9 wants the compiled model at most 2x the simulator on the big file.
 * Run: npm run bench (or npx tsx bench/model.ts). Writes nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { compileConsumer } from '../src/model/compile/compile-consumer.js';
import { loadModel, loadModelProfile, simulateModel } from '../src/model/index.js';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';
import { applyEdits, edit } from '../test/model/arbitraries.js';
import { loadFleet, simulateConsumer } from '../test/oracle/index.js';
import { bigCcfFile } from './big-ccf-file.js';
import { medianTime } from './median-time.js';

const schema = loadSchema(defaultSchemaPath());
const model = loadModel('schemas/ccf-v1.consumer.yaml', schema);
const fleet = loadFleet('profiles/default');
const profiles = fleet.map((p) => loadModelProfile(p.source, model));
const compiled = compileConsumer(model);
if (compiled.unsupported) throw new Error(`the CCF model is not compiled: ${compiled.unsupported}`);

const ms = (x: number): string => `${x.toFixed(2)} ms`;

/**
 * Median milliseconds of each function, run in turn within every repetition (after one warm-up
 * round): a loaded machine, or a collection of another engine's garbage, then weighs on all alike.
 */
function sideBySide(fns: ReadonlyArray<() => unknown>, reps: number): number[] {
  for (const f of fns) f();
  const times = fns.map((): number[] => []);
  for (let r = 0; r < reps; r++) {
    fns.forEach((f, i) => {
      const t = performance.now();
      f();
      times[i]!.push(performance.now() - t);
    });
  }
  return times.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
}
const bytes = bigCcfFile(schema, 3900);
console.log(`Consumer model vs hand-written simulator, ${(bytes.length / 1048576).toFixed(2)} MiB CCF file (3900 instances x 21 criteria), median of 9`);
for (const [i, p] of fleet.entries()) {
  const mp = profiles[i]!;
  const same = isDeepStrictEqual(simulateModel(bytes, model, mp), simulateModel(bytes, model, mp, { engine: 'interpreter' }));
  const [hand, fast] = sideBySide([() => simulateConsumer(bytes, p), () => simulateModel(bytes, model, mp)], 9) as [number, number];
  const slow = medianTime(() => simulateModel(bytes, model, mp, { engine: 'interpreter' }), 3);
  console.log(`  ${p.name}: simulator ${ms(hand)}, compiled model ${ms(fast)} (${(fast / hand).toFixed(2)}x), interpreter ${ms(slow)} (${(slow / hand).toFixed(0)}x); compiled = interpreter: ${same}`);
}

// Fuzz-sized files: corpus files with a few random edits (fixed seed), each through both profiles.
const corpus = ['corpus/ccf/codes', 'corpus/ccf/story'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.bin')).map((f) => readFileSync(join(d, f))))
  .filter((b) => b.length <= 2048);
const small = fc.sample(fc.tuple(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 4 })), { numRuns: 1000, seed: 9 })
  .map(([b, edits]) => applyEdits(b, edits));
const crashed = small.filter((b) => simulateModel(b, model, profiles[0]!).outcome !== 'load').length;
const all = (run: (b: Uint8Array, i: number) => unknown) => (): void => { for (const b of small) for (let i = 0; i < fleet.length; i++) run(b, i); };
const bailed = compiled.stats.bailed;
const [handRate, fastRate, slowRate] = sideBySide([
  all((b, i) => simulateConsumer(b, fleet[i]!)),
  all((b, i) => simulateModel(b, model, profiles[i]!)),
  all((b, i) => simulateModel(b, model, profiles[i]!, { engine: 'interpreter' })),
], 7).map((t) => (small.length / t) * 1000) as [number, number, number];
const sizes = small.map((b) => b.length).sort((a, b) => a - b);
console.log(`1,000 fuzz-sized files (${sizes[0]}-${sizes[sizes.length - 1]} bytes, ${Math.round((crashed / small.length) * 100)}% refused or crashing), ${fleet.length} profiles each, files per second:`);
console.log(`  simulator ${Math.round(handRate).toLocaleString('en')}, compiled model ${Math.round(fastRate).toLocaleString('en')} (${(handRate / fastRate).toFixed(2)}x the time), interpreter ${Math.round(slowRate).toLocaleString('en')} (${(handRate / slowRate).toFixed(1)}x)`);
console.log(`  compiled runs that bailed to the interpreter: ${compiled.stats.bailed - bailed} of ${compiled.stats.fast + compiled.stats.bailed - bailed}`);
