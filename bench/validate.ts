/**
 * How fast `validate` is on a ~1 MiB content file, stage by stage, as ratios against a baseline
 * measured in the same run: one CRC-32 pass over the same bytes (the floor of touching every byte).
 * Run: npm run bench (or npx tsx bench/validate.ts). Writes nothing.
 */
import { crc32 } from 'node:zlib';
import { checkStructure } from '../src/check/index.js';
import { defaultFleetDir, loadFleet } from '../src/consumer/index.js';
import { bigCcfFile } from './big-ccf-file.js';
import { compileFastDecoder } from '../src/parse/compile/index.js';
import { decode } from '../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';
import { simulateConsumer } from '../src/simulate/index.js';
import { validateBytes } from '../src/validate/index.js';

const schema = loadSchema(defaultSchemaPath());
const fleet = loadFleet(defaultFleetDir());


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, reps = 5): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const bytes = bigCcfFile(schema, 3900);
const baseline = time(() => crc32(bytes), 9);
const decoded = decode(schema, bytes);
const rows: [string, number][] = [
  ['baseline: crc32 over the file', baseline],
  ['parse (diagnostic decoder)', time(() => decode(schema, bytes))],
  ['parse (compiled fast path)', time(() => compileFastDecoder(schema).decode(bytes))],
  ['parse (fast path + first locate)', time(() => compileFastDecoder(schema).decode(bytes)?.locate(['pool']))],
  ['check (schema rules)', time(() => checkStructure(schema, bytes, decoded))],
  ...fleet.map((p): [string, number] => [`simulate ${p.name}`, time(() => simulateConsumer(bytes, p))]),
  ['validate, whole pipeline', time(() => validateBytes('big.bin', bytes, { schema, fleet }))],
];
console.log(`validate on a ${(bytes.length / 1048576).toFixed(2)} MiB CCF file (3900 instances × 21 criteria, unique strings; under every consumer's limits), median of 5`);
console.log('stage'.padEnd(34), 'ms'.padStart(9), '× baseline'.padStart(12));
for (const [name, ms] of rows) console.log(name.padEnd(34), ms.toFixed(1).padStart(9), (ms / baseline).toFixed(0).padStart(12));
