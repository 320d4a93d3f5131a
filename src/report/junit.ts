import junitModule from 'junit-report-builder';
import type { Builder, TestSuite } from 'junit-report-builder';
import type { Finding } from '../findings/index.js';
import { escapeControls, formatCount, formatLocation } from './format.js';
import { groupFindings } from './group.js';
import type { ConsumerReport, FileReport, ValidationReport } from './model.js';

/**
 * JUnit XML for CI test-report views: one testsuite per file, a `structure` testcase and one
 * `consumer:<profile>` testcase per simulated consumer. Warnings never fail a testcase; they
 * go to system-out so they are still visible next to the result.
 */
export function renderJunit(report: ValidationReport): string {
  // A fresh builder per call: the package's default export is a shared, stateful singleton.
  const builder = rootBuilder().newBuilder();
  builder.name(report.tool.name);
  for (const file of report.files) addFileSuite(builder, file);
  return `${builder.build()}\n`;
}

function addFileSuite(builder: Builder, file: FileReport): void {
  const suite = builder.testSuite().name(file.file).property('verdict', file.verdict);
  const groups = groupFindings(file);
  addStructureCase(suite, file.file, groups.structure);
  for (const consumer of file.consumers) {
    addConsumerCase(suite, file.file, consumer, groups.byProfile.get(consumer.profile) ?? []);
  }
  // Findings for a profile the file has no consumer report for still belong somewhere visible.
  const known = new Set(file.consumers.map((c) => c.profile));
  const orphans = [...groups.byProfile].filter(([profile]) => !known.has(profile)).flatMap(([, fs]) => fs);
  if (orphans.length > 0) suite.testCase().className(file.file).name('consumer:(unknown)').standardOutput(findingLines(orphans));
}

function addStructureCase(suite: TestSuite, className: string, findings: readonly Finding[]): void {
  const testCase = suite.testCase().className(className).name('structure');
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0) {
    const codes = [...new Set(errors.map((f) => f.code))].join(', ');
    const noun = errors.length === 1 ? 'error' : 'errors';
    testCase.failure(`${errors.length} structural ${noun}: ${codes}`, errors[0]?.code).stacktrace(findingLines(errors));
  }
  if (warnings.length > 0) testCase.standardOutput(findingLines(warnings));
}

function addConsumerCase(suite: TestSuite, className: string, consumer: ConsumerReport, findings: readonly Finding[]): void {
  const testCase = suite.testCase().className(className).name(`consumer:${consumer.profile}`);
  if (consumer.outcome === 'crash' || consumer.outcome === 'reject') {
    const fault = consumer.fault;
    const what = fault ? `${fault.code} at ${formatLocation(fault.path, fault.offset)}` : 'no fault recorded';
    testCase.failure(escapeControls(`${consumer.outcome}: ${what}`), fault?.code ?? consumer.outcome);
    if (fault) testCase.stacktrace(escapeControls(fault.message));
  }
  const summary = `outcome: ${consumer.outcome}, population: ${formatCount(consumer.population)}`;
  testCase.standardOutput([summary, findingLines(findings)].filter((s) => s !== '').join('\n'));
}

function findingLines(findings: readonly Finding[]): string {
  // XML cannot carry most control characters at all (the builder drops them); escape them
  // visibly instead, as the text format does, so a log reader sees what the file held.
  const line = (f: Finding): string => `${f.severity} ${f.code} ${formatLocation(f.path, f.offset)}: ${f.message}`;
  return findings.map((f) => escapeControls(line(f))).join('\n');
}

/**
 * The package ships CommonJS (`module.exports = builder`) under types that declare an ES default
 * export, so TypeScript (NodeNext) and Node disagree on what the default import is. Accept both.
 */
function rootBuilder(): Builder {
  const mod: unknown = junitModule;
  const candidate = isBuilder(mod) ? mod : (mod as { default?: unknown }).default;
  if (!isBuilder(candidate)) throw new Error('junit-report-builder: unexpected module shape');
  return candidate;
}

function isBuilder(value: unknown): value is Builder {
  return typeof value === 'object' && value !== null && typeof (value as { newBuilder?: unknown }).newBuilder === 'function';
}
