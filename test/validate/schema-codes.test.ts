import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/baseline/index.js';
import { modelCode, type CodeCatalog } from '../../src/findings/index.js';
import { renderReport, toJsonReport } from '../../src/report/index.js';
import type { ValidationReport } from '../../src/report/model.js';
import { FINDINGS_ANCHORS } from '../../src/report/sarif-rules.js';
import { parseSchema, type FormatSchema, type SchemaCodeDef } from '../../src/schema/index.js';
import { formatCatalog, validateBytes } from '../../src/validate/index.js';
import { sarifErrors, xmlErrors } from '../report/well-formed.js';

/**
 * A schema that defines its own codes (`codes:`). The codes and the rules that name them are set
 * by hand: this tests the checks and reports, the loader's own tests cover the YAML.
 */
function pngLike(): FormatSchema {
  const schema = parseSchema(`
format: chunks
endian: be
root: file
types:
  file:
    seq:
      - { id: count, type: u1 }
      - { id: chunks, type: chunk, repeat: count }
  chunk:
    seq:
      - { id: length, type: u4, valid: [{ max: 0x7FFFFFFF, code: BAD_VALUE }] }
      - { id: kind, type: u1, valid: [{ in: [1, 2], code: BAD_VALUE }] }
`, 'chunks.yaml');
  const codes = new Map<string, SchemaCodeDef>([
    ['CHUNK_LENGTH', {
      severity: 'error', title: 'chunk length over 2^31 - 1',
      message: 'chunk length {length} is over the {max} bytes the format allows',
      meaning: 'The format limits a chunk to **2^31 - 1** bytes.', fix: 'Rebuild the file.',
    }],
    ['CHUNK_KIND', { severity: 'warning', title: 'chunk kind unknown to older readers', message: 'kind {kind} is new', meaning: undefined, fix: undefined }],
  ]);
  const chunk = schema.types.get('chunk')!;
  Object.assign(chunk.fields[0]!.valid[0]!, { code: modelCode('CHUNK_LENGTH') });
  Object.assign(chunk.fields[1]!.valid[0]!, { code: modelCode('CHUNK_KIND') });
  return { ...schema, codes };
}

const BAD = Uint8Array.from([2, 0x90, 0, 0, 0, 1, 0, 0, 0, 1, 3]);

function reportOf(schema: FormatSchema, bytes: Uint8Array): ValidationReport {
  const codes: CodeCatalog = formatCatalog(schema);
  return {
    tool: { name: 'preflight', version: '0.1.0' }, schema: { name: schema.format, source: schema.source }, fleet: [],
    files: [validateBytes('chunks.bin', bytes, { schema })], codes,
  };
}

describe('codes a schema defines reach the report like built-in and model codes', () => {
  it("validateBytes rates them with the schema's severity and renders the schema's message", () => {
    const r = validateBytes('chunks.bin', BAD, { schema: pngLike() });
    expect(r.findings.map((f) => [f.code, f.severity, f.path, f.offset, f.message])).toEqual([
      ['CHUNK_LENGTH', 'error', 'chunks[0].length', 1, 'chunk length 2,415,919,104 is over the 2,147,483,647 bytes the format allows'],
      ['CHUNK_KIND', 'warning', 'chunks[1].kind', 10, 'kind 3 is new'],
    ]);
    expect(r.verdict).toBe('fail');
    const onlyWarning = validateBytes('w.bin', Uint8Array.from([1, 0, 0, 0, 1, 3]), { schema: pngLike() });
    expect(onlyWarning.verdict).toBe('warn');
  });

  it('SARIF: a rule per code with title, help, fix, level and the structure tag, linked to its section of docs/findings.md', () => {
    const text = renderReport(reportOf(pngLike(), BAD), 'sarif', { color: false, homeUri: 'https://example.org/p' });
    expect(sarifErrors(text)).toEqual([]);
    const run = (JSON.parse(text) as Log).runs[0]!;
    const rule = run.tool.driver.rules!.find((r) => r.id === 'CHUNK_LENGTH')!;
    expect(rule.shortDescription?.text).toBe('chunk length over 2^31 - 1');
    expect(rule.fullDescription?.text).toBe('The format limits a chunk to 2^31 - 1 bytes.');
    expect(rule.help?.markdown).toContain('**Typical fix:** Rebuild the file.');
    expect(rule).toMatchObject({ defaultConfiguration: { level: 'error' }, properties: { tags: ['structure'] } });
    expect(rule.helpUri).toBe(`https://example.org/p/docs/findings.md#${FINDINGS_ANCHORS.schema}`);
    const kind = run.tool.driver.rules!.find((r) => r.id === 'CHUNK_KIND')!;
    expect(kind).toMatchObject({ defaultConfiguration: { level: 'warning' }, properties: { tags: ['structure'] } });
    expect(kind.fullDescription?.text).toContain("a code the format's schema defines");
    expect(run.results!.map((r) => [r.ruleId, r.level])).toEqual([['CHUNK_LENGTH', 'error'], ['CHUNK_KIND', 'warning']]);
  });

  it('JSON, JUnit and text carry the code, severity and message', () => {
    const report = reportOf(pngLike(), BAD);
    const json = toJsonReport(report);
    expect(json.files[0]!.findings.map((f) => [f.code, f.severity])).toEqual([['CHUNK_LENGTH', 'error'], ['CHUNK_KIND', 'warning']]);
    expect(json.summary.findings).toEqual({ error: 1, warning: 1 });
    const junit = renderReport(report, 'junit', { color: false });
    expect(xmlErrors(junit)).toEqual([]);
    expect(junit).toContain('CHUNK_LENGTH');
    expect(junit).toContain('chunk length 2,415,919,104 is over');
    const text = renderReport(report, 'text', { color: false });
    expect(text).toContain('CHUNK_KIND');
    expect(text).toContain('kind 3 is new');
  });

  it("a template naming a missing detail gives preflight's own wording, never a hole; a rule sentence still comes first", () => {
    const schema = pngLike();
    Object.assign(schema.codes.get('CHUNK_KIND')!, { message: 'kind {nope} is new' });
    const r = validateBytes('chunks.bin', BAD, { schema });
    expect(r.findings.find((f) => f.code === 'CHUNK_KIND')!.message).toBe('kind 3 is not one of 1, 2');
    const withSentence = pngLike();
    Object.assign(withSentence.types.get('chunk')!.fields[1]!.valid[0]!, { message: 'only kinds 1 and 2 are read by every reader' });
    const s = validateBytes('chunks.bin', BAD, { schema: withSentence });
    expect(s.findings.find((f) => f.code === 'CHUNK_KIND')!.message).toBe('only kinds 1 and 2 are read by every reader: kind 3 is not one of 1, 2');
  });

  it('merged with the consumer model: both kinds resolve; the schema defines a name both give', () => {
    const schema = pngLike();
    const model: CodeCatalog = new Map([
      ['SIG_X', { severity: 'warning', kind: 'hazard', title: 'x', message: 'x' }],
      ['CHUNK_KIND', { severity: 'error', kind: 'consumer', title: 'other', message: 'other' }],
    ]);
    const merged = formatCatalog(schema, model);
    expect(merged.get('SIG_X')?.kind).toBe('hazard');
    expect(merged.get('CHUNK_KIND')).toMatchObject({ kind: 'structure', origin: 'schema', severity: 'warning' });
    expect(formatCatalog(schema, model)).toBe(merged);
  });

  it('declared in the schema YAML (`codes:`) and named by a rule, as docs/findings.md shows', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'findings.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Codes a schema defines'));
    const example = section.slice(section.indexOf('```yaml\n') + 8, section.indexOf('```', section.indexOf('```yaml\n') + 8));
    const schema = parseSchema(`format: doc-codes\nendian: be\nroot: chunk\n${example}`, 'doc-codes.yaml');
    expect(schema.codes.get('PNG_CHUNK_LENGTH')).toMatchObject({ severity: 'error', title: 'chunk length over 2^31 - 1' });
    const r = validateBytes('d.bin', Uint8Array.from([0x90, 0, 0, 0]), { schema });
    expect(r.findings.map((f) => [f.code, f.severity, f.path, f.message])).toEqual([
      ['PNG_CHUNK_LENGTH', 'error', 'length', 'chunk length 2,415,919,104 is over the 2,147,483,647 bytes PNG allows'],
    ]);
    expect(formatCatalog(schema).get('PNG_CHUNK_LENGTH')).toMatchObject({ kind: 'structure', origin: 'schema', fix: 'Rebuild the file; the chunk length field is damaged.' });
  });

  it('a baseline accepts a schema code when it is read with the format catalogue', () => {
    const text = `version: 1\nentries:\n  - code: CHUNK_LENGTH\n    path: chunks[*].length\n    sha256: ${'a'.repeat(64)}\n    reason: known\n`;
    expect(() => parseBaseline(text, 'b.yaml')).toThrow(/unknown finding code/);
    expect(parseBaseline(text, 'b.yaml', formatCatalog(pngLike())).entries.map((e) => e.code)).toEqual(['CHUNK_LENGTH']);
  });

  it('docs/findings.md has the section the help links point at', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'findings.md'), 'utf8');
    expect(doc).toContain('\n## Codes a schema defines\n');
    expect(FINDINGS_ANCHORS.schema).toBe('codes-a-schema-defines');
  });
});
