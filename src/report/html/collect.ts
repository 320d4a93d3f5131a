import { createHash } from 'node:crypto';
import type { ModelFleet } from '../../model/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { buildFileView } from '../../triage/view/index.js';
import { validateBytes } from '../../validate/index.js';
import type { FileReport } from '../model.js';
import { explainParts } from './explain-parts.js';
import { diffPart } from './diff-part.js';
import type { HtmlFile, HtmlReport, ReportView } from './model.js';
import { messageOf, part } from './part.js';

/**
 * Fields the page's tree keeps (the view's own default is 200,000): a 1 MiB CCF file has about
 * 250,000, all kept; past this, the elements of long arrays are counted, not listed, and the
 * page says how many.
 */
export const REPORT_MAX_NODES = 400_000;

export interface CollectInput {
  readonly version: string;
  readonly schema: FormatSchema;
  /** Absent: the format has no consumer model (no outcomes, no chains, no blast radius). */
  readonly consumers?: ModelFleet;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** Per-file budget of validate (as its --time-budget / --node-budget). */
  readonly maxNodes?: number;
}

/**
 * Everything the HTML report shows, made from the schema and the consumer model: validate's
 * findings and outcomes, the field tree (src/triage/view), explain's chains and code texts, and
 * with two files the diff. A part that fails is reported missing, with why, and the rest is shown:
 * the person holding the file gets the page either way.
 */
export function collectHtmlReport(input: CollectInput): HtmlReport {
  const { schema, consumers } = input;
  const notes: string[] = [];
  if (consumers === undefined) notes.push(`The schema ${schema.format} has no consumer model: structural findings only, no consumer outcomes and no blast radius.`);
  const files: HtmlFile[] = input.files.map(({ name, bytes }) => {
    const report = validated(name, bytes, schema, consumers);
    const view = part(() => buildFileView(schema, bytes, { maxNodes: input.maxNodes ?? REPORT_MAX_NODES }) as ReportView, 'the field tree could not be built');
    return { name, bytes, report, view, ...explainParts(schema, consumers, bytes, report) };
  });
  const pair = input.files.length === 2 ? diffPart(schema, consumers, input.files[0]!.bytes, input.files[1]!.bytes) : undefined;
  return {
    tool: { version: input.version },
    schema: { name: schema.format },
    fleet: (consumers?.profiles ?? []).map((p) => ({ name: p.name, population: p.population, source: p.source })),
    files,
    ...(pair !== undefined ? { diff: pair } : {}),
    notes,
  };
}

function validated(name: string, bytes: Uint8Array, schema: FormatSchema, consumers: ModelFleet | undefined): FileReport {
  try {
    const report = validateBytes(name, bytes, { schema, ...(consumers !== undefined ? { consumers } : {}) });
    return report.sha256 !== undefined ? report : { ...report, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (e) {
    // validateBytes promises not to throw on any bytes; should it, the page says so and shows the bytes.
    return { file: name, verdict: 'error', findings: [], consumers: [], totals: {}, error: `internal error while validating (please report it): ${messageOf(e)}` };
  }
}
