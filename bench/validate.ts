/**
 * How fast `validate` is on a ~1 MiB content file, stage by stage, as ratios against a baseline
 * measured in the same run: one CRC-32 pass over the same bytes (the floor of touching every byte).
 * Run: npm run bench (or npx tsx bench/validate.ts). Writes nothing.
 */
import { crc32 } from 'node:zlib';
import { checkStructure } from '../src/check/index.js';
import { bigCcfFile } from './big-ccf-file.js';
import { medianTime } from './median-time.js';
import { compileFastDecoder } from '../src/parse/compile/index.js';
import { decode } from '../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';
import { simulateModel } from '../src/model/index.js';
import { validateBytes } from '../src/validate/index.js';
import { compileValidator } from '../src/validate/compile/index.js';
import { walkCcf } from './baselines/ccf-walker.js';
import { ccfConsumers } from '../test/helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = ccfConsumers();
const bytes = bigCcfFile(schema, 3900);
const baseline = medianTime(() => crc32(bytes), 9);
const decoded = decode(schema, bytes);
const rows: [string, number][] = [
  ['baseline: crc32 over the file', baseline],
  ['parse (diagnostic decoder)', medianTime(() => decode(schema, bytes))],
  ['parse (compiled fast path)', medianTime(() => compileFastDecoder(schema).decode(bytes))],
  ['parse (fast path + first locate)', medianTime(() => compileFastDecoder(schema).decode(bytes)?.locate(['pool']))],
  ['check (schema rules)', medianTime(() => checkStructure(schema, bytes, decoded))],
  ['compiled validator (no tree)', medianTime(() => compileValidator(schema).isClean(bytes))],
  ['hand-written walker (bench/baselines)', medianTime(() => walkCcf(bytes))],
  ...consumers.profiles.map((p): [string, number] => [`simulate ${p.name} (consumer model)`, medianTime(() => simulateModel(bytes, consumers.model, p))]),
  ['validate, whole pipeline', medianTime(() => validateBytes('big.bin', bytes, { schema, consumers }))],
];
console.log(`validate on a ${(bytes.length / 1048576).toFixed(2)} MiB CCF file (3900 instances × 21 criteria, unique strings; under every consumer's limits), median of 5`);
console.log('stage'.padEnd(34), 'ms'.padStart(9), '× baseline'.padStart(12));
for (const [name, ms] of rows) console.log(name.padEnd(34), ms.toFixed(1).padStart(9), (ms / baseline).toFixed(0).padStart(12));
