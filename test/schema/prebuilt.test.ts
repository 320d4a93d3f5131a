import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSchemaDir, parseSchema } from '../../src/schema/index.js';
import { schemaDocument, schemaFromDocument } from '../../src/schema/load/load-schema.js';

const files = [...readdirSync(bundledSchemaDir()).filter((f) => f.endsWith('.yaml') && !f.endsWith('.consumer.yaml')).map((f) => join(bundledSchemaDir(), f)),
  ...readdirSync(join(bundledSchemaDir(), 'examples')).map((f) => join(bundledSchemaDir(), 'examples', f))];

// The build keeps the parsed document of each bundled schema (scripts/build-parsed-schemas.ts) so a
// run need not parse its YAML; the model built from it must be the one the YAML gives.
describe('a schema built from its prebuilt document', () => {
  it.each(files)('%s: the same model as from its YAML', (file) => {
    const text = readFileSync(file, 'utf8');
    const fromDocument = schemaFromDocument(JSON.parse(JSON.stringify(schemaDocument(text, file))), file);
    expect(fromDocument).toEqual(parseSchema(text, file));
  });

  it('gives up (undefined), for the YAML path to locate the error, when the document is not a valid schema', () => {
    const text = readFileSync(files[0]!, 'utf8');
    const doc = schemaDocument(text, files[0]!) as { root: string };
    expect(schemaFromDocument({ ...doc, root: 'nowhere' }, files[0]!)).toBeUndefined();
  });
});
