import type { ModelFleet } from '../../model/index.js';
import type { Decoded } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { explainCode, explainFile } from '../../triage/explain/index.js';
import { formatCatalog } from '../../validate/index.js';
import type { FileReport } from '../model.js';
import type { CodeHelp, ConsumerChain, Part } from './model.js';
import { part } from './part.js';

/**
 * explain's part of the report (src/triage/explain): each consumer's outcome with the chain of
 * facts to its fault and its latent hazards, and what each finding code of the file means, why it
 * matters and how to fix it (explain CODE, with the format's own codes). `decoded`: the file's
 * decode, when the page has one (explain makes its own otherwise).
 */
export function explainParts(schema: FormatSchema, consumers: ModelFleet | undefined, bytes: Uint8Array, report: FileReport, decoded?: Decoded): { chains: Part<readonly ConsumerChain[]>; codeHelp: ReadonlyMap<string, CodeHelp> } {
  const catalog = formatCatalog(schema, consumers?.model.codes);
  const codeHelp = new Map<string, CodeHelp>();
  for (const f of report.findings) {
    if (codeHelp.has(f.code)) continue;
    const help = explainCode(f.code, catalog);
    if (help !== undefined) codeHelp.set(f.code, help);
  }
  if (report.error !== undefined) return { chains: { missing: 'the file could not be validated' }, codeHelp };
  const chains = part(() => explainFile({ schema, ...(consumers !== undefined ? { consumers } : {}), bytes, report, ...(decoded !== undefined ? { decoded } : {}) }).consumers.map((c): ConsumerChain => ({
    profile: c.profile,
    outcome: c.outcome,
    population: c.population,
    ...(c.fault !== undefined ? { fault: c.fault } : {}),
    chain: c.chain,
    hazards: c.hazards,
    moreHazards: c.moreHazards,
  })), "explain's chains could not be made");
  return { chains, codeHelp };
}
