import { codeInfo } from '../../findings/index.js';
import type { ModelFleet } from '../../model/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { formatCatalog } from '../../validate/index.js';
import type { FileReport } from '../model.js';
import type { CodeHelp, ConsumerChain, Part } from './model.js';

/**
 * explain's part of the report: each consumer's chain to its fault, and what each finding code
 * of the file means. Until src/triage/explain is in, the chains are missing (the page says so)
 * and a code is described by its catalogue title only.
 */
export function explainParts(schema: FormatSchema, consumers: ModelFleet | undefined, _bytes: Uint8Array, report: FileReport): { chains: Part<readonly ConsumerChain[]>; codeHelp: ReadonlyMap<string, CodeHelp> } {
  const catalog = formatCatalog(schema, consumers?.model.codes);
  const codeHelp = new Map<string, CodeHelp>();
  for (const f of report.findings) {
    if (codeHelp.has(f.code)) continue;
    const info = codeInfo(f.code, catalog);
    if (info !== undefined) codeHelp.set(f.code, { code: f.code, severity: info.severity, kind: info.kind, title: info.title, meaning: '', whyItMatters: '', fix: '' });
  }
  return { chains: { missing: 'explain (src/triage/explain) is not available in this build' }, codeHelp };
}
