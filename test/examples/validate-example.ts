import { join } from 'node:path';
import { bundledSchemaDir, loadSchema, type FormatSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import type { FileReport } from '../../src/report/model.js';

/** schemas/examples/NAME.yaml, loaded once (loadSchema caches by file). */
export function exampleSchema(name: 'png' | 'zip'): FormatSchema {
  return loadSchema(join(bundledSchemaDir(), 'examples', `${name}.yaml`));
}

/** Validates `bytes` against schemas/examples/NAME.yaml, structure only (these formats have no consumer model). */
export function validateExample(name: 'png' | 'zip', bytes: Uint8Array): FileReport {
  return validateBytes(`${name}-test`, bytes, { schema: exampleSchema(name) });
}

/** The report's findings as `CODE path` lines, for readable assertions. */
export function codesAt(report: FileReport): string[] {
  return report.findings.map((f) => `${f.code} ${f.path}`);
}

/** XORs one byte of `bytes` with `mask` (a hand-made corruption). */
export function flip(bytes: Uint8Array, at: number, mask: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ mask;
}
