import type { Finding } from '../findings/index.js';
import { escapeControls, formatCount, formatLocation, omittedSentence } from './format.js';
import { groupFindings, omittedCounts } from './group.js';
import type { ConsumerReport, FileReport, ValidationReport } from './model.js';
import { element, renderXml, type XmlElement } from './xml.js';

/**
 * JUnit XML for CI test-report views: one testsuite per file, a `structure` testcase and one
 * `consumer:<profile>` testcase per simulated consumer. Warnings never fail a testcase; they
 * go to system-out so they are still visible next to the result. A file that could not be
 * validated (verdict `error`) is one testcase with an `<error>`.
 */
export function renderJunit(report: ValidationReport): string {
  const suites = report.files.map(fileSuite);
  const total = (key: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s.counts[key], 0);
  const root = element(
    'testsuites',
    [['name', report.tool.name], ['tests', total('tests')], ['failures', total('failures')], ['errors', total('errors')], ['skipped', 0]],
    suites.map((s) => s.element),
  );
  return renderXml(root);
}

interface Case {
  readonly element: XmlElement;
  readonly failed: boolean;
  readonly errored: boolean;
}

function fileSuite(file: FileReport): { element: XmlElement; counts: { tests: number; failures: number; errors: number } } {
  const name = escapeControls(file.file);
  const cases: Case[] = [];
  if (file.verdict === 'error') {
    const why = escapeControls(file.error ?? 'the file could not be validated');
    cases.push({ element: element('testcase', [['classname', name], ['name', 'validate']], [element('error', [['message', why], ['type', 'error']], [why])]), failed: false, errored: true });
  } else {
    const groups = groupFindings(file);
    cases.push(structureCase(name, groups.structure));
    for (const consumer of file.consumers) cases.push(consumerCase(name, consumer, groups.byProfile.get(consumer.profile) ?? []));
    // Findings for a profile the file has no consumer report for still belong somewhere visible.
    const known = new Set(file.consumers.map((c) => c.profile));
    const orphans = [...groups.byProfile].filter(([profile]) => !known.has(profile)).flatMap(([, fs]) => fs);
    if (orphans.length > 0) cases.push({ element: testCase(name, 'consumer:(unknown)', [systemOut(findingLines(orphans))]), failed: false, errored: false });
  }
  const properties: Array<[string, string]> = [['verdict', file.verdict], ...omittedCounts(file).map(([code, n]): [string, string] => [`omitted.${code}`, String(n)])];
  if (file.sha256 !== undefined) properties.push(['sha256', file.sha256]);
  const omitted = omittedCounts(file).map(([code, n]) => omittedSentence(code, n, file.totals?.[code]));
  const children: XmlElement[] = [
    element('properties', [], properties.map(([k, v]) => element('property', [['name', k], ['value', v]]))),
    ...cases.map((c) => c.element),
    ...(omitted.length > 0 ? [systemOut(omitted.join('\n'))] : []),
  ];
  const counts = { tests: cases.length, failures: cases.filter((c) => c.failed).length, errors: cases.filter((c) => c.errored).length };
  return {
    element: element('testsuite', [['name', name], ['tests', counts.tests], ['failures', counts.failures], ['errors', counts.errors], ['skipped', 0]], children),
    counts,
  };
}

function structureCase(className: string, findings: readonly Finding[]): Case {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const children: XmlElement[] = [];
  if (errors.length > 0) {
    const codes = [...new Set(errors.map((f) => f.code))].join(', ');
    const noun = errors.length === 1 ? 'error' : 'errors';
    children.push(element('failure', [['message', `${formatCount(errors.length)} structural ${noun}: ${codes}`], ['type', errors[0]!.code]], [findingLines(errors)]));
  }
  if (warnings.length > 0) children.push(systemOut(findingLines(warnings)));
  return { element: testCase(className, 'structure', children), failed: errors.length > 0, errored: false };
}

function consumerCase(className: string, consumer: ConsumerReport, findings: readonly Finding[]): Case {
  const children: XmlElement[] = [];
  const failed = consumer.outcome === 'crash' || consumer.outcome === 'reject';
  if (failed) {
    const fault = consumer.fault;
    const what = fault ? `${fault.code} at ${formatLocation(fault.path, fault.offset)}` : 'no fault recorded';
    const body = fault ? [escapeControls(fault.message)] : [];
    children.push(element('failure', [['message', escapeControls(`${consumer.outcome}: ${what}`)], ['type', fault?.code ?? consumer.outcome]], body));
  }
  const summary = `outcome: ${consumer.outcome}, population: ${formatCount(consumer.population)}`;
  children.push(systemOut([summary, findingLines(findings)].filter((s) => s !== '').join('\n')));
  return { element: testCase(className, `consumer:${escapeControls(consumer.profile)}`, children), failed, errored: false };
}

function testCase(className: string, name: string, children: XmlElement[]): XmlElement {
  return element('testcase', [['classname', className], ['name', name]], children);
}

function systemOut(text: string): XmlElement {
  return element('system-out', [], [text]);
}

function findingLines(findings: readonly Finding[]): string {
  // Each line escaped on its own: the newlines between them are ours, any in a value are not.
  const line = (f: Finding): string => `${f.severity} ${f.code} ${formatLocation(f.path, f.offset)}: ${f.message}`;
  return findings.map((f) => escapeControls(line(f), 4_000)).join('\n');
}
