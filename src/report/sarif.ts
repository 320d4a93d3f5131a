import { createHash } from 'node:crypto';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Location, Result } from 'sarif';
import { FINDING_CODES, type Finding } from '../findings/index.js';
import type { ValidationReport } from './model.js';

/** The schema location GitHub code scanning and the SARIF validators recognise. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Versioned so the fingerprint recipe can change later without colliding with old alerts. */
const FINGERPRINT_KEY = 'preflightFinding/v1';

/** SARIF 2.1.0 for GitHub code scanning: one run, one rule per finding code actually reported. */
export function renderSarif(report: ValidationReport): string {
  const artifactUris = [...new Set(report.files.map((f) => toArtifactUri(f.file)))];
  const run = new SarifRunBuilder({
    tool: { driver: { name: report.tool.name, version: report.tool.version, rules: [] } },
    // Listed up front: otherwise the builder invents artifacts tagged sourceLanguage "unknown".
    artifacts: artifactUris.map((uri) => ({ location: { uri } })),
  });

  const codes = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.code)))].sort();
  for (const code of codes) {
    const info = FINDING_CODES[code];
    run.addRule(new SarifRuleBuilder({
      id: code,
      name: code,
      shortDescription: { text: info.title },
      defaultConfiguration: { level: info.severity },
      properties: { tags: [info.kind] },
    }));
  }

  for (const file of report.files) {
    const uri = toArtifactUri(file.file);
    for (const finding of file.findings) run.addResult(new SarifResultBuilder(toResult(finding, uri)));
  }

  const log = new SarifBuilder({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [] });
  log.addRun(run);
  // Stringify ourselves: the builder's own JSON method throws on any output containing its
  // placeholder marker, and messages quote bytes from the (possibly hostile) file under test.
  return `${JSON.stringify(log.buildSarifOutput(), null, 2)}\n`;
}

function toResult(finding: Finding, uri: string): Result {
  const message = finding.profile === undefined ? finding.message : `${finding.message} [consumer: ${finding.profile}]`;
  const location: Location = {
    physicalLocation: {
      artifactLocation: { uri },
      ...(finding.offset >= 0 ? { region: { byteOffset: finding.offset, byteLength: 1 } } : {}),
    },
    logicalLocations: [{ fullyQualifiedName: finding.path, kind: 'member' }],
  };
  return {
    ruleId: finding.code,
    level: finding.severity,
    message: { text: message },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding) },
    ...(finding.profile !== undefined ? { properties: { profile: finding.profile } } : {}),
  };
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
  const slashed = path.replace(/\\/g, '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive) return `file:///${drive[1]}:/${encode(slashed.slice(3))}`;
  if (slashed.startsWith('/')) return `file://${encode(slashed)}`;
  return encode(slashed.replace(/^(\.\/)+/, ''));
}
