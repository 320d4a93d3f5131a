import { join } from 'node:path';
import { bundledSchemaDir, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import type { FileReport } from '../../src/report/model.js';

/** Validates `bytes` against schemas/examples/NAME.yaml, structure only (these formats have no consumer model). */
export function validateExample(name: 'png' | 'zip', bytes: Uint8Array): FileReport {
  const schema = loadSchema(join(bundledSchemaDir(), 'examples', `${name}.yaml`));
  return validateBytes(`${name}-test`, bytes, { schema });
}

/** The report's findings as `CODE path` lines, for readable assertions. */
export function codesAt(report: FileReport): string[] {
  return report.findings.map((f) => `${f.code} ${f.path}`);
}
