import type { FileReport, FleetMember } from '../model.js';

/**
 * What the HTML report is made from. The shapes are the parts of the triage modules' results the
 * page shows (src/triage/view, explain, diff), written here structurally so the page can be
 * rendered, and tested, from any source of them; each part may be missing, and the page says why.
 */
export interface HtmlReport {
  readonly tool: { readonly version: string };
  readonly schema: { readonly name: string };
  readonly fleet: readonly FleetMember[];
  readonly files: readonly HtmlFile[];
  /** Two files: the second against the first. */
  readonly diff?: Part<ReportDiff>;
  /** Page-level notes (no consumer model, a part that could not be made). */
  readonly notes: readonly string[];
}

export interface HtmlFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** validate's result: findings, per-consumer outcomes. */
  readonly report: FileReport;
  readonly view: Part<ReportView>;
  readonly chains: Part<readonly ConsumerChain[]>;
  /** What each finding code of the file means (explain CODE), by code. */
  readonly codeHelp: ReadonlyMap<string, CodeHelp>;
}

/** A part of the report, or one line saying why it is not there. */
export type Part<T> = { readonly value: T } | { readonly missing: string };

export function partValue<T>(part: Part<T> | undefined): T | undefined {
  return part !== undefined && 'value' in part ? part.value : undefined;
}

export interface ReportViewNode {
  readonly id: number;
  readonly parent: number;
  readonly depth: number;
  readonly path: string;
  readonly name: string;
  readonly kind: string;
  readonly type?: string;
  readonly offset: number;
  readonly size: number;
  readonly value?: string;
  readonly meaning?: string;
  readonly partial?: boolean;
}

export interface ReportRegion {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly index: number;
}

export interface ReportView {
  readonly format: string;
  readonly size: number;
  readonly complete: boolean;
  readonly stopped?: { readonly path: string; readonly offset: number; readonly reason: string };
  readonly nodes: readonly ReportViewNode[];
  readonly regions: readonly ReportRegion[];
  readonly truncatedNodes: number;
}

export interface ChainStep {
  readonly text: string;
  readonly path?: string;
  readonly offset?: number;
}

export interface ConsumerChain {
  readonly profile: string;
  readonly outcome: string;
  readonly population: number;
  readonly fault?: { readonly code: string; readonly path: string; readonly offset: number };
  readonly chain: readonly ChainStep[];
  /** Latent hazards of this consumer (warnings), each with its short chain; `moreHazards` counts the rest. */
  readonly hazards?: readonly { readonly code: string; readonly path: string; readonly offset: number; readonly message: string; readonly chain: readonly ChainStep[] }[];
  readonly moreHazards?: number;
}

export interface CodeHelp {
  readonly code: string;
  readonly severity: string;
  readonly kind: string;
  readonly title: string;
  readonly meaning: string;
  readonly whyItMatters: string;
  readonly fix: string;
}

/** The diff, as the page shows it: each change and transition already in words (see sections/diff.ts). */
export interface ReportDiff {
  readonly changes: readonly DiffLine[];
  readonly consumers: readonly DiffLine[];
  readonly appeared: readonly DiffLine[];
  readonly resolved: readonly DiffLine[];
  readonly worse: boolean;
}

export interface DiffLine {
  readonly text: string;
  /** Where it is: a path and offset in one of the two files (0: the first, 1: the second). */
  readonly file?: number;
  readonly path?: string;
  readonly offset?: number;
  /** 'added' | 'removed' | 'changed' | 'worse' | 'better' | 'same': a class for colour. */
  readonly tone?: string;
}
