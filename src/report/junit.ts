import type { Finding } from '../findings/index.js';
import { baselinedFault, baselinedOf, untilText } from './baselined.js';
import { escapeControls, formatCount, formatLocation, omittedSentence, plural } from './format.js';
import { groupFindings, omittedCounts } from './group.js';
import type { BaselinedFinding, ConsumerReport, FileReport, ValidationReport } from './model.js';
import { element, renderXml, type XmlElement } from './xml.js';

/**
 * JUnit XML for CI test-report views: one testsuite per file, a `structure` testcase, one
 * `consumer:<profile>` testcase per simulated consumer and one `real consumer:<name>` for the
 * binary run by --exec. Warnings never fail a testcase; they
 * go to system-out so they are still visible next to the result. A file that could not be
 * validated (verdict `error`) is one testcase with an `<error>`. Findings a baseline accepted never
 * fail a testcase: a testcase that would fail only because of them is `<skipped>` with the
 * reason, and each is listed in its testcase's system-out, marked `baselined`.
 */
export function renderJunit(report: ValidationReport): string {
  const suites = report.files.map(fileSuite);
  const total = (key: keyof SuiteCounts) => suites.reduce((n, s) => n + s.counts[key], 0);
  const root = element(
    'testsuites',
    [['name', report.tool.name], ['tests', total('tests')], ['failures', total('failures')], ['errors', total('errors')], ['skipped', total('skipped')]],
    suites.map((s) => s.element),
  );
  return renderXml(root);
}

interface Case {
  readonly element: XmlElement;
  readonly failed: boolean;
  readonly errored: boolean;
  readonly skipped?: boolean;
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function fileSuite(file: FileReport): { element: XmlElement; counts: SuiteCounts } {
  const name = escapeControls(file.file);
  const cases: Case[] = [];
  if (file.verdict === 'error') {
    const why = escapeControls(file.error ?? 'the file could not be validated');
    cases.push({ element: element('testcase', [['classname', name], ['name', 'validate']], [element('error', [['message', why], ['type', 'error']], [why])]), failed: false, errored: true });
  } else {
    const groups = groupFindings(file);
    const accepted = baselinedOf(file);
    cases.push(structureCase(name, groups.structure, accepted.filter((b) => b.finding.profile === undefined)));
    for (const consumer of file.consumers) {
      const onConsumer = accepted.filter((b) => b.finding.profile === consumer.profile);
      cases.push(consumerCase(name, consumer, groups.byProfile.get(consumer.profile) ?? [], onConsumer, baselinedFault(file, consumer)));
    }
    // Findings for a profile the file has no consumer report for still belong somewhere visible.
    const known = new Set(file.consumers.map((c) => c.profile));
    const orphans = [...groups.byProfile].filter(([profile]) => !known.has(profile)).flatMap(([, fs]) => fs);
    const orphanAccepted = accepted.filter((b) => b.finding.profile !== undefined && !known.has(b.finding.profile));
    if (orphans.length > 0 || orphanAccepted.length > 0) {
      cases.push({ element: testCase(name, 'consumer:(unknown)', [systemOut([findingLines(orphans), baselinedLines(orphanAccepted)].filter((t) => t !== '').join('\n'))]), failed: false, errored: false });
    }
  }
  const properties: Array<[string, string]> = [['verdict', file.verdict], ...omittedCounts(file).map(([code, n]): [string, string] => [`omitted.${code}`, String(n)])];
  if (file.sha256 !== undefined) properties.push(['sha256', file.sha256]);
  if (baselinedOf(file).length > 0) properties.push(['baselined', String(baselinedOf(file).length)]);
  const omitted = omittedCounts(file).map(([code, n]) => omittedSentence(code, n, file.totals?.[code]));
  const children: XmlElement[] = [
    element('properties', [], properties.map(([k, v]) => element('property', [['name', k], ['value', v]]))),
    ...cases.map((c) => c.element),
    ...(omitted.length > 0 ? [systemOut(omitted.join('\n'))] : []),
  ];
  const counts: SuiteCounts = {
    tests: cases.length,
    failures: cases.filter((c) => c.failed).length,
    errors: cases.filter((c) => c.errored).length,
    skipped: cases.filter((c) => c.skipped === true).length,
  };
  return {
    element: element('testsuite', [['name', name], ['tests', counts.tests], ['failures', counts.failures], ['errors', counts.errors], ['skipped', counts.skipped]], children),
    counts,
  };
}

function structureCase(className: string, findings: readonly Finding[], accepted: readonly BaselinedFinding[]): Case {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const acceptedErrors = accepted.filter((b) => b.finding.severity === 'error');
  const children: XmlElement[] = [];
  if (errors.length > 0) {
    const codes = [...new Set(errors.map((f) => f.code))].join(', ');
    const noun = errors.length === 1 ? 'error' : 'errors';
    children.push(element('failure', [['message', `${formatCount(errors.length)} structural ${noun}: ${codes}`], ['type', errors[0]!.code]], [findingLines(errors)]));
  }
  // It would fail, but only on known errors: skipped, so the test view shows it without failing.
  const skipped = errors.length === 0 && acceptedErrors.length > 0;
  if (skipped) {
    const noun = acceptedErrors.length === 1 ? 'error' : 'errors';
    children.push(skippedElement(`${formatCount(acceptedErrors.length)} structural ${noun} accepted by the baseline: ${[...new Set(acceptedErrors.map((b) => b.finding.code))].join(', ')}`));
  }
  const out = [findingLines(warnings), baselinedLines(accepted)].filter((t) => t !== '').join('\n');
  if (out !== '') children.push(systemOut(out));
  return { element: testCase(className, 'structure', children), failed: errors.length > 0, errored: false, skipped };
}

function consumerCase(
  className: string, consumer: ConsumerReport, findings: readonly Finding[], accepted: readonly BaselinedFinding[], knownFault: BaselinedFinding | undefined,
): Case {
  const children: XmlElement[] = [];
  // An undecided run is not a pass: the budget stopped it before anything said it loads.
  const badOutcome = consumer.outcome === 'crash' || consumer.outcome === 'reject' || consumer.outcome === 'undecided';
  const newErrors = findings.filter((f) => f.severity === 'error');
  // A crash or reject whose fault the baseline accepted is known: skipped with the reason, not
  // failed. Unless the consumer also has new errors (another out-of-bounds read, say): those fail.
  const skipped = badOutcome && knownFault !== undefined && newErrors.length === 0;
  const failed = badOutcome && !skipped;
  if (skipped) {
    const fault = consumer.fault!;
    children.push(skippedElement(`${consumer.outcome}: ${fault.code} at ${formatLocation(fault.path, fault.offset)}, accepted by the baseline: ${knownFault.reason}${untilText(knownFault)}`));
  } else if (failed && knownFault !== undefined) {
    const fault = consumer.fault!;
    const codes = [...new Set(newErrors.map((f) => f.code))].join(', ');
    const message = `${consumer.outcome}: ${plural(newErrors.length, 'new error')}: ${codes} (the fault, ${fault.code} at ${formatLocation(fault.path, fault.offset)}, is baselined)`;
    children.push(element('failure', [['message', escapeControls(message)], ['type', newErrors[0]!.code]], [findingLines(newErrors)]));
  } else if (failed) {
    const fault = consumer.fault;
    const what = fault ? `${fault.code} at ${formatLocation(fault.path, fault.offset)}` : consumer.outcome === 'undecided' ? 'cut short by a work budget (see its DECODE_BUDGET finding)' : 'no fault recorded';
    const body = fault ? [escapeControls(fault.message)] : [];
    children.push(element('failure', [['message', escapeControls(`${consumer.outcome}: ${what}`)], ['type', fault?.code ?? consumer.outcome]], body));
  }
  // The real consumer (--exec) is the binary under test, not a deployed version: it has no population.
  const real = consumer.real === true;
  const summary = real
    ? `outcome: ${consumer.outcome}, real consumer (--exec; not a deployed version, no population)`
    : `outcome: ${consumer.outcome}, population: ${formatCount(consumer.population)}`;
  children.push(systemOut([summary, findingLines(findings), baselinedLines(accepted)].filter((s) => s !== '').join('\n')));
  const name = `${real ? 'real consumer' : 'consumer'}:${escapeControls(consumer.profile)}`;
  return { element: testCase(className, name, children), failed, errored: false, skipped };
}

function testCase(className: string, name: string, children: XmlElement[]): XmlElement {
  return element('testcase', [['classname', className], ['name', name]], children);
}

function systemOut(text: string): XmlElement {
  return element('system-out', [], [text]);
}

function skippedElement(message: string): XmlElement {
  return element('skipped', [['message', escapeControls(message, 4_000)]]);
}

/** `baselined error CODE path @ offset: message (reason: …)`, one line each. */
function baselinedLines(accepted: readonly BaselinedFinding[]): string {
  return accepted.map((b) => {
    const f = b.finding;
    const line = `baselined ${f.severity} ${f.code} ${formatLocation(f.path, f.offset)}: ${f.message} (reason: ${b.reason}${untilText(b)})`;
    return escapeControls(line, 4_000);
  }).join('\n');
}

function findingLines(findings: readonly Finding[]): string {
  // Each line escaped on its own: the newlines between them are ours, any in a value are not.
  const line = (f: Finding): string => `${f.severity} ${f.code} ${formatLocation(f.path, f.offset)}: ${f.message}`;
  return findings.map((f) => escapeControls(line(f), 4_000)).join('\n');
}
