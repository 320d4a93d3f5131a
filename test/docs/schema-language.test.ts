/**
 * docs/schema-language.md: every example in docs/schema-language/ packs from its source, decodes
 * completely, validates with the findings the page says, and unpacks to a source that packs to the
 * same bytes; and the page names every key of the schema language and every function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import { BUILTINS, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'docs', 'schema-language');
const DOC = readFileSync(join(ROOT, 'docs', 'schema-language.md'), 'utf8');

/** Each example: its schema, its source, and the findings (`CODE path`) its file has. */
const EXAMPLES: ReadonlyArray<readonly [schema: string, source: string, findings: readonly string[]]> = [
  ['conditional', 'conditional', []],
  ['substreams', 'substreams', []],
  ['strings', 'strings', []],
  ['switch', 'switch', []],
  ['bits', 'bits', []],
  ['checksums', 'checksums', []],
  ['checksums', 'checksums-broken', ['CRC_MISMATCH adler']],
  ['process', 'process', ['BAD_VALUE body.values[3]']],
  ['search', 'search', []],
  ['imports', 'imports', ['DARK_COLOUR colours']],
];

describe('docs/schema-language/ examples', () => {
  it.each(EXAMPLES)('%s.yaml with %s.source.yaml: pack, decode, validate, unpack, pack', (schemaName, sourceName, findings) => {
    const schema = loadSchema(join(DIR, `${schemaName}.yaml`));
    const sourceFile = join(DIR, `${sourceName}.source.yaml`);
    const bytes = pack(schema, readFileSync(sourceFile, 'utf8'), sourceFile);
    const decoded = decode(schema, bytes);
    expect(decoded.issues).toEqual([]);
    expect(decoded.complete).toBe(true);
    const report = validateBytes(sourceName, bytes, { schema });
    expect(report.findings.map((f) => `${f.code} ${f.path}`)).toEqual(findings);
    const again = pack(schema, unpack(schema, bytes), 'unpacked.yaml');
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('the page shows each example schema and its commands', () => {
    for (const [schemaName] of EXAMPLES) expect(DOC).toContain(`schema-language/${schemaName}.yaml`);
  });
});

describe('docs/schema-language.md covers the whole language', () => {
  const shape = JSON.parse(readFileSync(join(ROOT, 'schemas', 'preflight-schema.json'), 'utf8')) as {
    properties: Record<string, unknown>;
    definitions: Record<string, { properties?: Record<string, unknown> }>;
  };
  const keys = (o: Record<string, unknown> | undefined): string[] => Object.keys(o ?? {});
  it.each([
    ['top-level keys', keys(shape.properties)],
    ['field keys', keys(shape.definitions.field!.properties)],
    ['type keys', keys(shape.definitions.struct!.properties)],
    ['rule keys', keys(shape.definitions.valid!.properties)],
    ['checksum keys', keys((shape.definitions.field!.properties!.checksum as { properties: Record<string, unknown> }).properties)],
    ['process keys', keys((shape.definitions.field!.properties!.process as { properties: Record<string, unknown> }).properties)],
    ['functions', Object.keys(BUILTINS).map((f) => `${f}(`)],
    ['scope names', ['_root', '_parent', '_index', '_io.size', '_io.pos', '_io.eof', '`_`']],
    ['checksum algorithms', ['crc32', 'crc32-low16', 'crc16-ccitt', 'adler32', 'sha256']],
    ['encodings', ['utf-8', 'ascii', 'latin1', 'cp437', 'utf-16le', 'utf-16be']],
  ])('%s', (_what, names) => {
    expect(names.length).toBeGreaterThan(0);
    // A key is named in code: `size`, or as written in a YAML example (`size:`).
    const named = (name: string): boolean => (/^[a-z_]+$/.test(name) ? DOC.includes(`\`${name}`) || DOC.includes(`${name}:`) : DOC.includes(name));
    for (const name of names) expect(named(name), name).toBe(true);
  });
});
