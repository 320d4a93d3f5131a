import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError, parseModel } from '../../src/model/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

const DIR = join(import.meta.dirname, '..', '..', 'docs', 'consumer-models', 'rulebook');
const schemaText = readFileSync(join(DIR, 'rulebook-v1.yaml'), 'utf8');
const modelText = readFileSync(join(DIR, 'rulebook-v1.consumer.yaml'), 'utf8');

// The consumer engines walk the layout as a consumer does; a schema construct they do not read is
// refused when the model loads, naming it, instead of a misread at run time.
describe('a consumer model over a schema its engines cannot read', () => {
  it('loads over the schema as it is', () => {
    expect(() => parseModel(modelText, 'rulebook-v1.consumer.yaml', parseSchema(schemaText, 'rulebook-v1.yaml'))).not.toThrow();
  });

  it('is refused at load, naming the construct and the field', () => {
    const withBits = schemaText.replace(/types:\n/, 'types:\n  spare:\n    seq:\n      - { id: flag, type: b1 }\n');
    const e = thrownBy(ModelError, () => parseModel(modelText, 'rulebook-v1.consumer.yaml', parseSchema(withBits, 'rulebook-v1.yaml')));
    expect(e.message).toMatch(/consumer models do not read this schema yet: spare\.flag uses a bit field \(b1\)/);
  });
});
