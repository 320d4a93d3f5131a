import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/index.js';
import { FINDING_CODES, type BuiltinCode } from '../../src/findings/index.js';
import { FORMATS, renderReport, renderReports } from '../../src/report/index.js';
import type { FileReport, ValidationReport } from '../../src/report/model.js';
import { RULE_HELP } from '../../src/report/rule-help.js';
import { FINDINGS_ANCHORS } from '../../src/report/sarif-rules.js';
import { brokenReport, julyCrash, julyReport } from './fixtures.js';
import { sarifErrors, xmlErrors, xmlTexts } from './well-formed.js';

/** What a CI gate needs from a report (issue 8): caps, grouping, unreadable files, a summary, rule help. */

const oob = (i: number, profile: string): Finding => ({
  code: 'OOB_INPUT_READ', severity: 'error', path: `instances[${i}].criteria[20]`, offset: 100 + i * 8, profile,
  message: 'criterion 20 reads inputs[20], but the consumer supplies 20 input(s) for template type 7',
});

/** The fan-out file after the per-code cap: 50 findings shown per code, 4,093 left out (contract A). */
const fanOut: FileReport = {
  file: 'fan-out.bin',
  verdict: 'fail',
  findings: [...Array.from({ length: 25 }, (_, i) => oob(i, 'agent-7.11')), ...Array.from({ length: 25 }, (_, i) => oob(i, 'agent-7.12'))],
  totals: { OOB_INPUT_READ: 4_143 },
  omitted: { OOB_INPUT_READ: 4_093 },
  consumers: [
    { profile: 'agent-7.11', outcome: 'crash', population: 8_500_000, fault: { code: 'OOB_INPUT_READ', path: 'instances[0].criteria[20]', offset: 100, message: 'm' } },
    { profile: 'agent-7.12', outcome: 'crash', population: 100_000, fault: { code: 'OOB_INPUT_READ', path: 'instances[0].criteria[20]', offset: 100, message: 'm' } },
  ],
  sha256: 'a'.repeat(64),
};

/** Contract C: the CLI's report for a file it could not validate. */
const unreadable: FileReport = {
  file: 'gone.bin', verdict: 'error', error: 'cannot read gone.bin: no such file', findings: [], consumers: [], totals: {},
};

const gateReport: ValidationReport = {
  ...julyReport,
  fleet: [...julyReport.fleet, { name: 'agent-7.12', population: 100_000, source: 'p' }],
  files: [julyCrash, fanOut, unreadable],
};

describe('findings capped per code (contract A)', () => {
  const text = renderReport(gateReport, 'text', { color: false, width: 100 });

  it('text says how many were left out', () => {
    expect(text).toContain('  … and 4,093 more OOB_INPUT_READ findings (50 of 4,143 shown)\n');
    // The true counts reach the summary: 1 July finding + 4,143.
    expect(text).toContain('; 4,144 errors, 0 warnings');
  });

  it('JSON carries totals and omitted per file, and in the summary', () => {
    const doc = JSON.parse(renderReport(gateReport, 'json', { color: false }));
    const file = doc.files[1];
    expect(file.totals).toEqual({ OOB_INPUT_READ: 4_143 });
    expect(file.omitted).toEqual({ OOB_INPUT_READ: 4_093 });
    expect(file.findings).toHaveLength(50);
    expect(doc.files[0].omitted).toEqual({});
    expect(doc.summary.omitted).toBe(4_093);
    expect(doc.summary.findings).toEqual({ error: 4_144, warning: 0 });
  });

  it('JUnit and SARIF say so too', () => {
    const xml = renderReport(gateReport, 'junit', { color: false });
    expect(xml).toContain('<property name="omitted.OOB_INPUT_READ" value="4093"/>');
    expect(xmlTexts(xml, 'system-out')).toContain('… and 4,093 more OOB_INPUT_READ findings (50 of 4,143 shown)');
    const log = JSON.parse(renderReport(gateReport, 'sarif', { color: false })) as Log;
    const notes = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes.map((n) => n.message.text)).toContain('fan-out.bin: … and 4,093 more OOB_INPUT_READ findings (50 of 4,143 shown)');
  });
});

describe('repeated findings are grouped in the text report', () => {
  it('one entry per code and path, listing the consumers it is on', () => {
    const text = renderReport(gateReport, 'text', { color: false, width: 100 });
    const block = text.slice(text.indexOf('FAIL fan-out.bin'), text.indexOf('ERROR'));
    expect(block.match(/OOB_INPUT_READ {2}instances\[0\]\.criteria\[20\]/g)).toHaveLength(1);
    expect(block).toContain('      on agent-7.11, agent-7.12\n');
  });

  it('one entry for the same finding on every element, naming a few other places', () => {
    const text = renderReport(gateReport, 'text', { color: false, width: 100 });
    const block = text.slice(text.indexOf('FAIL fan-out.bin'), text.indexOf('ERROR'));
    // 50 findings: 25 elements × 2 consumers, one message: one entry.
    expect(block.match(/^ {4}error {4}OOB_INPUT_READ/gm)).toHaveLength(1);
    expect(block).toContain(
      '      also at instances[1].criteria[20], instances[2].criteria[20], instances[3].criteria[20],\n      instances[4].criteria[20] and 20 more\n',
    );
  });

  it('folds elements whose messages differ only in their numbers, saying "likewise"', () => {
    const numbered = (i: number): Finding => ({ ...oob(0, 'a'), path: `instances[0].criteria[${20 + i}]`, message: `criterion ${20 + i} reads inputs[${20 + i}]` });
    const file: FileReport = { ...fanOut, findings: [0, 1, 2].map(numbered), omitted: {} };
    const text = renderReport({ ...gateReport, files: [file] }, 'text', { color: false, width: 100 });
    expect(text.match(/^ {4}error {4}OOB_INPUT_READ/gm)).toHaveLength(1);
    expect(text).toContain('      criterion 20 reads inputs[20]\n      on a\n      likewise at instances[0].criteria[21], instances[0].criteria[22]\n');
  });

  it('keeps findings apart when their messages differ', () => {
    const differ: FileReport = { ...fanOut, findings: [oob(0, 'a'), { ...oob(1, 'a'), message: 'another message' }], omitted: {} };
    const text = renderReport({ ...gateReport, files: [differ] }, 'text', { color: false, width: 100 });
    expect(text.match(/^ {4}error {4}OOB_INPUT_READ/gm)).toHaveLength(2);
    expect(text).not.toContain('also at');
  });
});

describe("files that could not be validated (verdict 'error', contract C)", () => {
  it('text: one line', () => {
    const text = renderReport(gateReport, 'text', { color: false });
    expect(text).toContain('\n\nERROR cannot read gone.bin: no such file\n\n');
    expect(text).toContain('summary 3 files: 0 pass, 0 warn, 2 fail, 1 could not be validated;');
  });

  it('JUnit: an error element', () => {
    const xml = renderReport(gateReport, 'junit', { color: false });
    expect(xmlErrors(xml)).toEqual([]);
    expect(xml).toContain('<testsuite name="gone.bin" tests="1" failures="0" errors="1" skipped="0">');
    expect(xml).toContain('<error message="cannot read gone.bin: no such file" type="error">');
    expect(xml).toMatch(/<testsuites name="preflight" tests="\d+" failures="\d+" errors="1"/);
  });

  it('SARIF: an error notification, and the run is not successful', () => {
    const log = JSON.parse(renderReport(gateReport, 'sarif', { color: false })) as Log;
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    const error = invocation.toolExecutionNotifications!.find((n) => n.level === 'error')!;
    expect(error.message.text).toBe('cannot read gone.bin: no such file');
    expect(error.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('gone.bin');
  });

  it('JSON: the verdict and the error', () => {
    const doc = JSON.parse(renderReport(gateReport, 'json', { color: false }));
    expect(doc.files[2]).toMatchObject({ file: 'gone.bin', verdict: 'error', error: 'cannot read gone.bin: no such file', findings: [] });
    expect(doc.summary.verdicts).toEqual({ pass: 0, warn: 0, fail: 2, error: 1 });
  });
});

describe('JSON summary', () => {
  it('has tool, schema, verdict and severity counts, and the blast radius per file and in total', () => {
    const doc = JSON.parse(renderReport(gateReport, 'json', { color: false }));
    expect(doc.tool).toEqual({ name: 'preflight', version: '0.1.0' });
    expect(doc.schema).toEqual({ format: 'ccf-v1', source: 'schemas/ccf-v1.yaml' });
    expect(doc.files[1].blastRadius).toEqual({
      crash: { profiles: ['agent-7.11', 'agent-7.12'], population: 8_600_000 }, reject: { profiles: [], population: 0 }, fleetPopulation: 9_800_000,
    });
    // agent-7.11 crashes on two files: it counts once.
    expect(doc.summary.blastRadius.crash).toEqual({ profiles: ['agent-7.11', 'agent-7.12'], population: 8_600_000 });
    expect(doc.files[1].sha256).toBe('a'.repeat(64));
  });
});

describe('SARIF for GitHub code scanning', () => {
  const log = JSON.parse(renderReport(gateReport, 'sarif', { color: false, homeUri: 'https://example.org/preflight/blob/v0.1.0' })) as Log;
  const driver = log.runs[0]!.tool.driver;

  it('is valid against the SARIF 2.1.0 schema, fixtures and gate report alike', () => {
    for (const report of [julyReport, brokenReport, gateReport]) expect(sarifErrors(renderReport(report, 'sarif', { color: false }))).toEqual([]);
  });

  it('gives every rule a full description, help and a help link into docs/findings.md', () => {
    expect(driver.informationUri).toBe('https://example.org/preflight/blob/v0.1.0/README.md');
    const rule = driver.rules!.find((r) => r.id === 'OOB_INPUT_READ')!;
    expect(rule.fullDescription?.text).toContain('The July 2024 defect.');
    expect(rule.help?.markdown).toContain('**OOB_INPUT_READ**');
    expect(rule.helpUri).toBe(`https://example.org/preflight/blob/v0.1.0/docs/findings.md#${FINDINGS_ANCHORS.consumer}`);
  });

  it('points every help link at a heading that docs/findings.md has', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'findings.md'), 'utf8');
    const anchors = new Set([...doc.matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubSlug(m[1]!)));
    for (const code of Object.keys(FINDING_CODES) as BuiltinCode[]) {
      expect(anchors).toContain(FINDINGS_ANCHORS[FINDING_CODES[code].kind]);
      expect(doc).toContain(`\`${code}\``);
    }
    // Codes a consumer model defines link to the section that explains them.
    expect(anchors).toContain(FINDINGS_ANCHORS.model);
  });

  it('says what docs/findings.md says about each code (so the two cannot drift apart)', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'findings.md'), 'utf8');
    const rows = new Map(doc.split('\n').filter((l) => l.startsWith('| `')).map((l) => {
      const cells = l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      return [cells[0]!.replace(/`/g, ''), { meaning: cells[2]!, fix: cells[3] ?? '' }] as const;
    }));
    for (const code of Object.keys(FINDING_CODES) as BuiltinCode[]) {
      const help: { meaning: string; fix?: string } = RULE_HELP[code];
      expect({ code, meaning: help.meaning, fix: help.fix ?? '' }).toEqual({ code, ...rows.get(code) });
    }
  });

  it('puts a startLine and a region on every result', () => {
    for (const report of [julyReport, brokenReport, gateReport]) {
      const results = (JSON.parse(renderReport(report, 'sarif', { color: false })) as Log).runs[0]!.results!;
      for (const r of results) expect(r.locations![0]!.physicalLocation!.region!.startLine).toBe(1);
    }
  });
});

describe('several formats from one report', () => {
  it('renders each as it would alone', () => {
    const all = renderReports(gateReport, FORMATS, { color: false });
    for (const f of FORMATS) expect(all.get(f)).toBe(renderReport(gateReport, f, { color: false }));
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}
