import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { fingerprint, renderSarif, toArtifactUri } from '../../src/report/sarif.js';
import { allFindings, brokenReport, julyReport } from './fixtures.js';

const parse = (text: string) => JSON.parse(text) as Log;

describe('renderSarif', () => {
  const july = parse(renderSarif(julyReport));
  const broken = parse(renderSarif(brokenReport));
  const run = july.runs[0]!;
  const brokenRun = broken.runs[0]!;

  it('is one SARIF 2.1.0 run by preflight', () => {
    expect(july.version).toBe('2.1.0');
    expect(july.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(july.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('preflight');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(JSON.stringify(july)).not.toContain('SARIF_BUILDER_INVALID');
  });

  it('has one rule per code used, de-duplicated, with title and default level', () => {
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(['INPUT_COUNT_MISMATCH', 'OOB_INPUT_READ']);
    const ids = brokenRun.tool.driver.rules!.map((r) => r.id);
    expect(ids).toEqual(['BAD_MAGIC', 'BAD_OFFSET', 'GAP', 'REGEX_INVALID']);
    const oob = run.tool.driver.rules!.find((r) => r.id === 'OOB_INPUT_READ')!;
    expect(oob.shortDescription?.text).toBe('consumer reads an input value it does not supply');
    expect(oob.defaultConfiguration?.level).toBe('error');
    const gap = brokenRun.tool.driver.rules!.find((r) => r.id === 'GAP')!;
    expect(gap.defaultConfiguration?.level).toBe('warning');
  });

  it('has one result per finding, pointing at its rule', () => {
    expect(run.results).toHaveLength(allFindings(julyReport).length);
    expect(brokenRun.results).toHaveLength(allFindings(brokenReport).length);
    for (const result of [...run.results!, ...brokenRun.results!]) {
      const rules = (result.ruleId!.startsWith('INPUT') || result.ruleId === 'OOB_INPUT_READ' ? run : brokenRun).tool.driver.rules!;
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    }
  });

  it('locates the July fault by byte offset and field path', () => {
    const result = run.results!.find((r) => r.ruleId === 'OOB_INPUT_READ')!;
    expect(result.level).toBe('error');
    expect(result.message.text).toBe(
      'criterion 20 reads inputs[20], but the consumer supplies 20 input(s) for template type 7 [consumer: agent-7.11]',
    );
    const location = result.locations![0]!;
    expect(location.physicalLocation?.artifactLocation?.uri).toBe('corpus/july/c-00000291.ccf');
    expect(location.physicalLocation?.region).toEqual({ startLine: 1, byteOffset: 412, byteLength: 1 });
    expect(location.logicalLocations).toEqual([{ fullyQualifiedName: 'instances[1].criteria[20]', kind: 'member' }]);
    expect(result.properties).toEqual({ profile: 'agent-7.11' });
  });

  it('maps warnings to level warning, and gives an unresolved offset a region with only its line', () => {
    const warning = run.results!.find((r) => r.ruleId === 'INPUT_COUNT_MISMATCH')!;
    expect(warning.level).toBe('warning');
    const unresolved = brokenRun.results!.find((r) => r.ruleId === 'REGEX_INVALID')!;
    expect(unresolved.locations![0]!.physicalLocation?.region).toEqual({ startLine: 1 });
    expect(unresolved.properties).toBeUndefined();
    expect(unresolved.message.text).not.toContain('[consumer:');
  });

  it('fingerprints results stably and distinctly', () => {
    const prints = (results: Result[]) => results.map((r) => r.partialFingerprints?.['preflightFinding/v1']);
    const again = parse(renderSarif(brokenReport)).runs[0]!.results!;
    expect(prints(again)).toEqual(prints(brokenRun.results!));
    expect(new Set(prints(brokenRun.results!)).size).toBe(brokenRun.results!.length);
    // The offset is not part of the identity: shifting bytes must not open a new alert.
    expect(fingerprint({ code: 'GAP', path: '(file)' })).toBe(fingerprint({ code: 'GAP', path: '(file)' }));
    expect(fingerprint({ code: 'GAP', path: 'a', profile: 'x' })).not.toBe(fingerprint({ code: 'GAP', path: 'a' }));
  });
});

describe('toArtifactUri', () => {
  it('keeps relative paths relative, with forward slashes and percent-encoding', () => {
    expect(toArtifactUri('corpus/july/c-00000291.ccf')).toBe('corpus/july/c-00000291.ccf');
    expect(toArtifactUri(String.raw`.\lab files\bad#1.ccf`)).toBe('lab%20files/bad%231.ccf');
    expect(toArtifactUri('./a/b.ccf')).toBe('a/b.ccf');
  });

  it('turns absolute paths into file URIs', () => {
    expect(toArtifactUri('/tmp/x y.ccf')).toBe('file:///tmp/x%20y.ccf');
    expect(toArtifactUri(String.raw`C:\updates\c-1.ccf`)).toBe('file:///C:/updates/c-1.ccf');
  });
});
