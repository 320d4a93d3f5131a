/**
 * Rewrites every example of docs/output-formats.md with what the CLI prints now (the examples
 * output-formats-doc.test.ts checks): `npx tsx test/report/update-output-formats-doc.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.js';
import { currentOutput, docExamples, julySarif, sarifExcerpts } from './doc-examples.js';

const path = join(ROOT, 'docs', 'output-formats.md');
let doc = readFileSync(path, 'utf8');
// From the last example to the first, so earlier positions stay valid.
for (const example of docExamples(doc).reverse()) {
  const now = currentOutput(example.args).stdout;
  doc = doc.slice(0, example.start) + now + doc.slice(example.start + example.output.length);
}
const shown = sarifExcerpts(doc);
const real = julySarif();
doc = doc.replace(shown.rule, `${JSON.stringify(real.rule, null, 2)}\n`).replace(shown.result, `${JSON.stringify(real.result, null, 2)}\n`);
writeFileSync(path, doc);
console.log(`${path}: examples rewritten`);
