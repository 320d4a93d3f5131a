import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, modelCode, renderMessage, toFinding, type CodeCatalog, type Finding } from '../../src/findings/index.js';
import { renderReport } from '../../src/report/index.js';
import type { ValidationReport } from '../../src/report/model.js';
import { parseSchema, type SchemaCodeDef } from '../../src/schema/index.js';
import { formatCatalog, validateBytes } from '../../src/validate/index.js';
import { DETAIL_SHAPES, PLACEHOLDERS } from './detail-shapes.js';

/**
 * Issue 10, trap "some messages print undefined" (BAD_VALUE with an `expr` rule read "allowed
 * undefined..undefined"): no message of any code, built-in or a format's own (schema or model),
 * rendered from any details a producer makes, holds a placeholder; nor does any report format.
 */
const base = parseSchema(`
format: own
endian: le
root: file
types:
  file:
    seq:
      - { id: score, type: u1, valid: [{ expr: 'score % 5 == 0', code: BAD_VALUE }, { max: 200, code: BAD_VALUE }] }
`, 'own.yaml');

const schemaCodes = new Map<string, SchemaCodeDef>([
  ['OWN_RANGE', { severity: 'error', title: 'own range', message: 'value {actual} outside {min}..{max}', meaning: undefined, fix: undefined }],
  ['OWN_RULE', { severity: 'warning', title: 'own rule', message: '{rule} failed with {values}', meaning: 'm', fix: undefined }],
  ['OWN_PLAIN', { severity: 'error', title: 'own plain', message: 'something is off', meaning: undefined, fix: undefined }],
]);
const modelCodes: CodeCatalog = new Map([
  ['MODEL_LEN', { severity: 'error', kind: 'consumer', title: 'model len', message: 'a pattern of {length} bytes overflows {max}' }],
]);
const schema = { ...base, codes: schemaCodes };
const catalog = formatCatalog(schema, modelCodes);
const ALL_CODES = [...Object.keys(FINDING_CODES), ...catalog.keys()];

function expectClean(message: string, where: string): void {
  for (const word of PLACEHOLDERS) if (message.includes(word)) throw new Error(`${where}: "${word}" in: ${message}`);
  expect(message.trim()).not.toBe('');
}

describe('no message holds "undefined" or another placeholder', () => {
  it('every code (built-in, schema, model) × every details shape a producer makes, with or without inner_offset', () => {
    for (const [shape, details] of Object.entries(DETAIL_SHAPES)) {
      fc.assert(
        fc.property(details, fc.constantFrom(...ALL_CODES), fc.option(fc.nat(), { nil: undefined }), (d, code, inner) => {
          const withInner = inner === undefined ? d : { ...d, inner_offset: inner };
          expectClean(renderMessage(modelCode(code), withInner, catalog), `${code} × ${shape}`);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('every code with no details or empty details', () => {
    for (const code of ALL_CODES) for (const d of [undefined, {}]) expectClean(renderMessage(modelCode(code), d, catalog), code);
  });

  it('the issue\'s case end to end: an expr rule with code BAD_VALUE, in every report format', () => {
    const report = validateBytes('s.bin', Uint8Array.from([7]), { schema });
    expect(report.findings.map((f) => f.code)).toEqual(['BAD_VALUE']);
    expect(report.findings[0]!.message).toBe('the schema requires that score % 5 = 0, but score = 7');
    const full: ValidationReport = { tool: { name: 'preflight', version: '0.1.0' }, schema: { name: 'own', source: 'own.yaml' }, fleet: [], files: [report], codes: catalog };
    for (const format of ['text', 'json', 'sarif', 'junit'] as const) expect(renderReport(full, format, { color: false })).not.toContain('undefined');
  });

  it('reports built from findings of random codes and shapes hold no placeholder in any format', () => {
    const shapes = Object.values(DETAIL_SHAPES);
    const finding = fc.tuple(fc.constantFrom(...ALL_CODES), fc.oneof(...shapes), fc.nat({ max: 1000 })).map(([code, details, offset]): Finding =>
      toFinding({ code: modelCode(code), path: ['records', offset % 5, 'value'], offset, details }, catalog));
    fc.assert(
      fc.property(fc.array(finding, { minLength: 1, maxLength: 6 }), (findings) => {
        const file = { file: 'r.bin', verdict: 'fail' as const, findings, consumers: [], totals: {} };
        const report: ValidationReport = { tool: { name: 'preflight', version: '0.1.0' }, schema: { name: 'own', source: 'own.yaml' }, fleet: [], files: [file], codes: catalog };
        for (const format of ['text', 'json', 'sarif', 'junit'] as const) {
          const out = renderReport(report, format, { color: false });
          expect(out).not.toContain('undefined');
          expect(out).not.toContain('[object Object]');
        }
      }),
      { numRuns: 40 },
    );
  });
});
