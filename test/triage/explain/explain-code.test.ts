import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, type BuiltinCode } from '../../../src/findings/index.js';
import { RULE_HELP } from '../../../src/report/rule-help.js';
import { loadSchema } from '../../../src/schema/index.js';
import { explainCode, knownCodes, nearCodes } from '../../../src/triage/explain/index.js';
import { formatCatalog } from '../../../src/validate/index.js';
import { format, ROOT } from './helpers.js';

const BUILTIN = Object.keys(FINDING_CODES) as BuiltinCode[];

/** Every format the repository ships a schema or a model for, with the codes they define. */
const CATALOGS = [
  ['ccf', formatCatalog(format('ccf').schema, format('ccf').consumers.model.codes)],
  ['sigpack', formatCatalog(format('sigpack').schema, format('sigpack').consumers.model.codes)],
  ['rulebook', formatCatalog(format('rulebook').schema, format('rulebook').consumers.model.codes)],
  ['png', formatCatalog(loadSchema(join(ROOT, 'schemas', 'examples', 'png.yaml')))],
  ['zip', formatCatalog(loadSchema(join(ROOT, 'schemas', 'examples', 'zip.yaml')))],
] as const;

describe('explain CODE', () => {
  it.each(BUILTIN)('built-in %s: meaning (docs/findings.md), why it matters and a fix', (code) => {
    const x = explainCode(code)!;
    expect(x).toMatchObject({ code, origin: 'built-in', severity: FINDING_CODES[code].severity, kind: FINDING_CODES[code].kind, title: FINDING_CODES[code].title });
    // The meaning is the documented one, not a second copy of it.
    expect(x.meaning).toBe(RULE_HELP[code].meaning);
    const documentedFix: string | undefined = (RULE_HELP[code] as { fix?: string }).fix;
    if (documentedFix !== undefined) expect(x.fix).toBe(documentedFix);
    for (const text of [x.meaning, x.whyItMatters, x.fix]) expect(text.trim().length).toBeGreaterThan(10);
  });

  const defined = CATALOGS.flatMap(([name, catalog]) => [...catalog.keys()].map((code) => [name, code, catalog] as const));

  it('the formats define codes of their own (schemas and models)', () => {
    expect(defined.map(([n, c]) => `${n}:${c}`)).toEqual(expect.arrayContaining(['sigpack:SIG_NO_HANDLER', 'sigpack:SIG_PATTERN_OVERFLOW', 'sigpack:SIG_LATENT_FIELD', 'rulebook:SET_NOT_DECLARED', 'png:PNG_CHUNK_CRC', 'zip:ZIP_NO_END']));
  });

  it.each(defined.map(([n, c, cat]) => [`${n}:${c}`, c, cat] as const))('%s: from the format\'s own text, with why and fix', (_, code, catalog) => {
    const own = catalog.get(code)!;
    const x = explainCode(code, catalog)!;
    expect(x).toMatchObject({ code, severity: own.severity, kind: own.kind, title: own.title, origin: own.origin === 'schema' ? 'schema' : 'model' });
    if (own.meaning !== undefined) expect(x.meaning).toBe(own.meaning);
    if (own.fix !== undefined) expect(x.fix).toBe(own.fix);
    for (const text of [x.meaning, x.whyItMatters, x.fix]) expect(text.trim().length).toBeGreaterThan(10);
  });

  it('a code no catalogue knows is undefined, with the near ones to suggest', () => {
    const sig = CATALOGS[1][1];
    expect(explainCode('OOB_INPUT', sig)).toBeUndefined();
    expect(explainCode('SIG_NO_HANDLER')).toBeUndefined(); // only with sigpack's catalogue
    expect(nearCodes('OOB_INPUT')).toContain('OOB_INPUT_READ');
    expect(nearCodes('READ_OOB_INPUT')[0]).toBe('OOB_INPUT_READ');
    expect(nearCodes('SIG_NO_HANDLR', sig)[0]).toBe('SIG_NO_HANDLER');
    expect(nearCodes('ZZZZZZZZZZZZ')).toEqual([]);
    expect(nearCodes('X'.repeat(10_000))).toEqual([]);
    expect(knownCodes(sig)).toEqual(expect.arrayContaining([...BUILTIN, 'SIG_NO_HANDLER']));
  });
});
