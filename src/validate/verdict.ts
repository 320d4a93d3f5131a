import type { Finding } from '../findings/index.js';
import type { Verdict } from '../report/model.js';

/** `fail` on any error, `warn` on only warnings, else `pass`. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}
