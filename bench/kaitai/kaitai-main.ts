/**
 * The Kaitai Struct parser as a program of its own, timed as validate is: one whole process,
 * start-up and file reads included. `node kaitai-main.mjs GENERATED.cjs DIR|FILE...` (bundled by
 * bench/scale/whole-process.ts; the generated parser and the kaitai-struct runtime are required
 * from disk, as a user of the generated code would) parses every `.bin` file, reads every record
 * and string (readAll), and prints one JSON line of what it counted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { inputFiles } from '../baselines/input-files.js';
import type { KaitaiCcfParser, KaitaiStreamCtor } from './compile.js';
import { readAll } from './read-all.js';

const [generated, ...inputs] = process.argv.slice(2);
if (generated === undefined) throw new Error('usage: kaitai-main GENERATED.cjs DIR|FILE...');
const require = createRequire(resolve(generated));
const Parser = (require(resolve(generated)) as Record<string, KaitaiCcfParser>)[basename(generated).replace(/\.cjs$/, '')]!;
const KaitaiStream = require('kaitai-struct/KaitaiStream') as KaitaiStreamCtor;
const totals = { files: 0, instances: 0, criteria: 0, findings: 0 };
for (const file of inputFiles(inputs)) {
  const bytes = readFileSync(file);
  const r = readAll(new Parser(new KaitaiStream(bytes)), bytes);
  totals.files++;
  totals.instances += r.instances;
  totals.criteria += r.criteria;
  totals.findings += r.crcOk ? 0 : 1;
}
process.stdout.write(`${JSON.stringify(totals)}\n`);
