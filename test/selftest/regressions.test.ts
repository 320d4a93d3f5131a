import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncodeError, pack } from '../../src/encode/index.js';
import { ModelError, parseModel } from '../../src/model/index.js';
import { defaultSchemaPath, loadSchema, packageRoot, parseSchema, SchemaError } from '../../src/schema/index.js';
import { InspectError, inspectFile } from '../../src/triage/inspect/index.js';
import { thrownBy } from '../helpers/thrown.js';

/** Bugs `npm run selftest` found, each held to its fix. */
const schema = loadSchema(defaultSchemaPath());

describe('inspect --path that leads nowhere (selftest: a hang)', () => {
  const bytes = new Uint8Array(readFileSync(join(packageRoot(), 'corpus/ccf/codes/clean.bin')));
  // The search for how far the path leads stripped nothing from `[-1]` or a trailing dot, forever.
  it.each(['types[-1]', 'header.', 'instances["a"]', 'x]', '[', 'instances[0].criteria[-5]'])('%s is a one-line InspectError, at once', (path) => {
    const started = performance.now();
    const e = thrownBy(InspectError, () => inspectFile({ file: 'clean.bin', bytes, schema, path }));
    expect(e.message).toMatch(/^--path .*: this file has no such node/);
    expect(e.message).not.toContain('\n');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('a YAML alias with no anchor before it (selftest: a ReferenceError from the yaml package)', () => {
  const text = 'format: x\nroot: f\nb: [*a0]\ntypes: {}\n';
  it('is a SchemaError with file, line and key', () => {
    const e = thrownBy(SchemaError, () => parseSchema(text, 'hostile.yaml'));
    expect(e.message).toBe('hostile.yaml:3:5: b[0]: not valid YAML: the alias *a0 names no anchor (&a0) before it');
  });
  it('is a ModelError in a consumer model', () => {
    const e = thrownBy(ModelError, () => parseModel(text, 'hostile.consumer.yaml', schema, { checkFleet: false }));
    expect(e.message).toMatch(/^hostile\.consumer\.yaml:3:5: b\.0: not valid YAML: the alias \*a0 names no anchor/);
  });
  it('is an EncodeError in a pack source', () => {
    const e = thrownBy(EncodeError, () => pack(schema, text, 'source.yaml'));
    expect(e.message).toMatch(/^source\.yaml:3: b\[0\]: the alias \*a0 names no anchor/);
  });
  it('a comment that hides the anchor is the same error (the case the selftest generated)', () => {
    const spliced = `# ya${'a0: &a0 [x]\n'}a1: [*a0]\n${readFileSync(join(packageRoot(), 'schemas/examples/zip.yaml'), 'utf8')}`;
    expect(thrownBy(SchemaError, () => parseSchema(spliced, 'hostile.yaml')).line).toBe(2);
  });
});
