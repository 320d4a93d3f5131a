import { createHash } from 'node:crypto';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Artifact, Location, Notification, Result, Suppression } from 'sarif';
import { codeInfo, NO_MODEL_CODES, type CodeCatalog, type Finding } from '../findings/index.js';
import { baselinedOf } from './baselined.js';
import { escapeControls, omittedSentence } from './format.js';
import { omittedCounts } from './group.js';
import { jsonSafe } from './json-safe.js';
import type { BaselinedFinding, FileReport, ValidationReport } from './model.js';
import { execDetailsOf } from './exec-details.js';
import { docsHome, ruleHelp } from './sarif-rules.js';

/** The schema location GitHub code scanning and the SARIF validators recognise. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Versioned so the fingerprint recipe can change later without colliding with old alerts. */
const FINGERPRINT_KEY = 'preflightFinding/v1';

export interface SarifOptions {
  /**
   * Absolute URI of preflight's home (where README.md and docs/ are): a repository's web address
   * for links that work in code-scanning views. Default: the installed package's folder, as a file: URI.
   */
  readonly homeUri?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, one rule per finding code reported (with its
 * description and help), one result per finding, each with a region. Findings a baseline accepted
 * are results too, each with an external suppression giving the baseline's reason (code scanning
 * shows them as suppressed, not as open alerts). Files that could not be validated and findings
 * left out by the per-code cap are tool execution notifications.
 */
export function renderSarif(report: ValidationReport, options: SarifOptions = {}): string {
  const home = docsHome(options.homeUri);
  // One artifact per distinct file (the first report of a file named twice gives its hash).
  const artifacts = new Map<string, FileReport>();
  for (const f of report.files) {
    const uri = toArtifactUri(f.file);
    if (!artifacts.has(uri)) artifacts.set(uri, f);
  }
  const run = new SarifRunBuilder({
    tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: new URL('README.md', home).href, rules: [] } },
    // Listed up front: otherwise the builder invents artifacts tagged sourceLanguage "unknown".
    artifacts: [...artifacts].map(([uri, file]) => artifactOf(uri, file)),
    invocations: [{
      executionSuccessful: report.files.every((f) => f.verdict !== 'error'),
      toolExecutionNotifications: report.files.flatMap((f) => notificationsOf(f, report.codes ?? NO_MODEL_CODES)),
    }],
  });

  const reported = (f: FileReport) => [...f.findings, ...baselinedOf(f).map((b) => b.finding)];
  const codes = [...new Set(report.files.flatMap((f) => reported(f).map((x) => x.code)))].sort();
  for (const code of codes) run.addRule(new SarifRuleBuilder(ruleHelp(code, home, report.codes)));

  for (const file of report.files) {
    const uri = toArtifactUri(file.file);
    for (const finding of file.findings) run.addResult(new SarifResultBuilder(toResult(finding, uri)));
    for (const accepted of baselinedOf(file)) run.addResult(new SarifResultBuilder(toSuppressedResult(accepted, uri)));
  }

  const log = new SarifBuilder({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [] });
  log.addRun(run);
  // Stringify ourselves: the builder's own JSON method throws on any output containing its
  // placeholder marker, and messages quote bytes from the (possibly hostile) file under test.
  return `${jsonSafe(JSON.stringify(log.buildSarifOutput(), null, 2))}\n`;
}

function artifactOf(uri: string, file: FileReport): Artifact {
  return { location: { uri }, ...(file.sha256 !== undefined ? { hashes: { 'sha-256': file.sha256 } } : {}) };
}

function notificationsOf(file: FileReport, catalog: CodeCatalog): Notification[] {
  const where: Location[] = [{ physicalLocation: { artifactLocation: { uri: toArtifactUri(file.file) } } }];
  const out: Notification[] = [];
  if (file.verdict === 'error') {
    out.push({ level: 'error', message: { text: escapeControls(file.error ?? `${file.file}: the file could not be validated`) }, locations: where });
  }
  for (const [code, n] of omittedCounts(file)) {
    const rule = codeInfo(code, catalog) ? { associatedRule: { id: code } } : {};
    out.push({ level: 'note', message: { text: `${escapeControls(file.file)}: ${omittedSentence(code, n, file.totals?.[code])}` }, locations: where, ...rule });
  }
  return out;
}

function toResult(finding: Finding, uri: string): Result {
  const text = escapeControls(finding.message, 4_000);
  const message = finding.profile === undefined ? text : `${text} [consumer: ${escapeControls(finding.profile)}]`;
  // GitHub code scanning needs a startLine on every result; a binary file is one "line" to it.
  // The byte region is exact; an offset that could not be worked out leaves only the line.
  const region = finding.offset >= 0 ? { startLine: 1, byteOffset: finding.offset, byteLength: 1 } : { startLine: 1 };
  const location: Location = {
    physicalLocation: { artifactLocation: { uri }, region },
    logicalLocations: [{ fullyQualifiedName: escapeControls(finding.path), kind: 'member' }],
  };
  return {
    ruleId: finding.code,
    level: finding.severity,
    message: { text: message },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding) },
    ...propertiesOf(finding),
  };
}

/** The consumer's name, and for the real consumer's findings what it did (src/report/exec-details.ts). */
function propertiesOf(finding: Finding): { properties?: Record<string, unknown> } {
  const exec = execDetailsOf(finding);
  if (finding.profile === undefined && exec === undefined) return {};
  return { properties: { ...(finding.profile !== undefined ? { profile: escapeControls(finding.profile) } : {}), ...(exec !== undefined ? { exec } : {}) } };
}

/**
 * An accepted finding: the same result as a new one (same fingerprint, so code scanning matches it
 * to the alert it was), with a suppression of kind `external` (the baseline file, outside the
 * content file) whose justification is the entry's reason.
 */
function toSuppressedResult(accepted: BaselinedFinding, uri: string): Result {
  const suppression: Suppression = {
    kind: 'external',
    status: 'accepted',
    justification: escapeControls(accepted.reason, 4_000),
    ...(accepted.expires !== undefined ? { properties: { expires: accepted.expires } } : {}),
  };
  return { ...toResult(accepted.finding, uri), suppressions: [suppression] };
}

/**
 * Stable across runs: code, field path and profile only. The offset is left out on purpose, so
 * an alert survives an unrelated edit that shifts bytes; the file is already the location.
 */
export function fingerprint(finding: Pick<Finding, 'code' | 'path' | 'profile'>): string {
  const key = JSON.stringify([finding.code, finding.path, finding.profile ?? null]);
  return createHash('sha256').update(key).digest('hex');
}

/**
 * A path as given on the command line, as a SARIF URI reference: forward slashes, relative paths
 * kept relative (code scanning resolves them against the checkout), absolute ones as file: URIs,
 * and every segment percent-encoded so spaces, `#` or `?` cannot change the URI's meaning.
 */
export function toArtifactUri(path: string): string {
  // encodeURIComponent throws on a lone surrogate: such a name becomes U+FFFD, as in UTF-8 output.
  const slashed = path.replace(LONE_SURROGATE, '\ufffd').replace(/\\/g, '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive) return `file:///${drive[1]}:/${encode(slashed.slice(3))}`;
  if (slashed.startsWith('/')) return `file://${encode(slashed)}`;
  return encode(slashed.replace(/^(\.\/)+/, ''));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export { findingsHelpUri } from './sarif-rules.js';
