import { createHash } from 'node:crypto';
import type { ModelFleet } from '../../model/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { decode, type Decoded } from '../../parse/index.js';
import { buildFileView, MAX_VIEW_NODES, viewOfDecoded } from '../../triage/view/index.js';
import { validateBytes } from '../../validate/index.js';
import type { FileReport } from '../model.js';
import { explainParts } from './explain-parts.js';
import { diffPart } from './diff-part.js';
import type { HtmlFile, HtmlReport, ReportView } from './model.js';
import { messageOf, part } from './part.js';

/**
 * Fields the page's tree keeps per file, at most: the view's own bound (defaultMaxNodes, which grows
 * with the file) applies below this. 400,000 made a report of 250 KB of random bytes read as CCF
 * peak at 266 MB RSS (200 MB over one of clean.bin). Past the bound, the elements of long arrays
 * are counted, not listed, and the page says the tree is truncated and how many fields it left out.
 */
export const REPORT_MAX_NODES = MAX_VIEW_NODES;

export interface CollectInput {
  readonly version: string;
  readonly schema: FormatSchema;
  /** Absent: the format has no consumer model (no outcomes, no chains, no blast radius). */
  readonly consumers?: ModelFleet;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** Fields each file's tree keeps (default the view's, defaultMaxNodes: at most REPORT_MAX_NODES). */
  readonly maxNodes?: number;
  /** Inputs that could not be read, one line each naming the file: the page lists them. */
  readonly unreadable?: readonly string[];
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
  for (const line of input.unreadable ?? []) notes.push(`Not in this report: ${line}`);
  if (consumers === undefined) notes.push(`The schema ${schema.format} has no consumer model: structural findings only, no consumer outcomes and no blast radius.`);
  // Each file is decoded once, for explain's chains, the diff and its tree, and the trees, which
  // the page needs all at once, are built last: no tree is held while another file is checked.
  // (Each part decoding on its own, with the trees first, a page of 1 MiB of random bytes peaked
  // at 185 MB RSS, and one of two 250 KB files at 183 MB.)
  const checked = input.files.map(({ name, bytes }) => {
    const report = validated(name, bytes, schema, consumers);
    const decoded = decodedOrNot(schema, bytes);
    return { name, bytes, report, decoded, ...explainParts(schema, consumers, bytes, report, decoded) };
  });
  // Two files are a diff only when the user gave two: not the two left of three when one was unreadable.
  const [a, b] = checked;
  const pair = a !== undefined && b !== undefined && checked.length === 2 && (input.unreadable ?? []).length === 0
    ? diffPart(schema, consumers, a.bytes, b.bytes, a.report.error === undefined && b.report.error === undefined ? [a.report, b.report] : undefined, a.decoded !== undefined && b.decoded !== undefined ? [a.decoded, b.decoded] : undefined)
    : undefined;
  const files: HtmlFile[] = checked.map(({ decoded, ...file }) => {
    const options = input.maxNodes !== undefined ? { maxNodes: input.maxNodes } : {};
    const view = part(() => (decoded !== undefined ? viewOfDecoded(schema, file.bytes, decoded, options) : buildFileView(schema, file.bytes, options)) as ReportView, 'the field tree could not be built');
    decoded?.release?.();
    return { ...file, view };
  });
  return {
    tool: { version: input.version },
    schema: { name: schema.format },
    fleet: (consumers?.profiles ?? []).map((p) => ({ name: p.name, population: p.population, source: p.source })),
    files,
    ...(pair !== undefined ? { diff: pair } : {}),
    notes,
  };
}

/** The file's decode, shared by its parts; undefined should the decoder throw (each part then decodes, fails and says so, as on its own). */
function decodedOrNot(schema: FormatSchema, bytes: Uint8Array): Decoded | undefined {
  try {
    return decode(schema, bytes);
  } catch {
    return undefined;
  }
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
