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
const time = (label: string, runs: number, fn: () => unknown): number => {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(28)} ${ms.toFixed(1)} ms`);
  return ms;
};
const interp = time('interpreter', 10, () => decode(schema, bytes));
const compiled = time('fast path (value only)', 30, () => fast.decode(bytes));
const withLocate = time('fast path + first locate', 10, () => fast.decode(bytes)!.locate(['crc']));
console.log(`speed-up: ${(interp / compiled).toFixed(1)}× (value), ${(interp / withLocate).toFixed(1)}× (with locations); stats`, fast.stats);
