/**
 * Ad-hoc speed check (not a test): `npx tsx test/parse/compile-bench.ts`.
 * Builds a ~1 MiB CCF-like file and times the compiled fast path against the interpreter.
 */
import { decode } from '../../src/parse/index.js';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { buildCcf, type Crit, type InstanceSpec } from '../helpers/ccf-bytes.js';

const schema = loadSchema('schemas/ccf-v1.yaml');
const kinds = ['INT', 'STR', 'INT', 'STR', 'INT', 'STR', 'INT', 'STR', 'INT', 'STR', 'INT', 'STR'] as const;
const instances: InstanceSpec[] = [];
for (let n = 0; n < 9400; n++) {
  const criteria: Crit[] = kinds.map((k, i): Crit => {
    if (k === 'STR') return { op: i % 4 === 1 ? 'EQ_STR' : 'PREFIX_STR', str: `path/${n % 500}/${i}` };
    return (n + i) % 3 === 0 ? { op: 'ANY' } : (n + i) % 3 === 1 ? { op: 'EQ_INT', value: n } : { op: 'RANGE_INT', lo: 1, hi: n + 1 };
  });
  instances.push({ id: n + 1, type: 1 + (n % 4), criteria });
}
const { bytes } = buildCcf({ types: [1, 2, 3, 4].map((id) => ({ id, kinds: [...kinds] })), instances });
console.log(`file: ${(bytes.length / 1024 / 1024).toFixed(2)} MiB, ${instances.length} instances`);

const fast = compileFastDecoder(schema);
const variants: [string, () => unknown][] = [
  ['interpreter', () => decode(schema, bytes)],
  ['fast path (value only)', () => fast.decode(bytes)],
  ['fast path + first locate', () => fast.decode(bytes)!.locate(['crc'])],
];
// Interleaved rounds, best time per variant: the machine may be shared, and the minimum is the least noisy.
const best = variants.map(() => Infinity);
for (let round = 0; round < 12; round++) {
  variants.forEach(([, fn], i) => {
    const t0 = performance.now();
    fn();
    if (round >= 2) best[i] = Math.min(best[i]!, performance.now() - t0);
  });
}
variants.forEach(([label], i) => console.log(`${label.padEnd(28)} ${best[i]!.toFixed(1)} ms`));
console.log(`speed-up: ${(best[0]! / best[1]!).toFixed(1)}× (value), ${(best[0]! / best[2]!).toFixed(1)}× (with the location index); stats`, fast.stats);
