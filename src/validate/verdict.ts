import type { Finding } from '../findings/index.js';
import type { Verdict } from '../report/model.js';

/**
 * `fail` on any error, `warn` on only warnings, else `pass`. Never `error`: that verdict means the
 * file could not be validated at all, which only the CLI knows (contract C).
 */
export function verdictOf(findings: readonly Finding[]): Exclude<Verdict, 'error'> {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}
