/**
 * Rebuilds every corpus/<format>/**.bin from its readable .yaml source with the project's own
 * encoder (`npm run corpus`). The schema of each folder is named in corpus/expectations.yaml.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pack } from '../src/encode/index.js';
import { corpusSources, loadExpectations } from '../test/helpers/corpus.js';

const root = join(import.meta.dirname, '..');
const expectations = loadExpectations(root);
let built = 0;
for (const { source, binary, schema } of corpusSources(root, expectations)) {
  const bytes = pack(schema, readFileSync(source, 'utf8'), relative(root, source));
  writeFileSync(binary, bytes);
  built++;
}
console.log(`built ${built} corpus files`);
