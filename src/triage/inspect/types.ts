import type { ConsumerReport, FileReport } from '../../report/model.js';
import type { FileView, ViewNode } from '../view/index.js';

/** What one `inspect` shows: the view of the file, its findings, and what was asked about. */
export interface Inspection {
  readonly file: string;
  readonly view: FileView;
  readonly bytes: Uint8Array;
  /** validate's report for the file (with the consumer fleet when the schema has a model). */
  readonly report: FileReport;
  /** `--path`: the subtree shown. */
  readonly subtree?: ViewNode;
  /** `--at`: the byte asked about. */
  readonly at?: ByteInfo;
}

/** Which field, record and element a byte belongs to. */
export interface ByteInfo {
  readonly offset: number;
  readonly byte: number;
  /** Root → innermost (nodeAt). */
  readonly chain: readonly ViewNode[];
  /** The innermost node: the field the byte is part of (undefined for a byte no field covers). */
  readonly field?: ViewNode;
  /** The outermost record (struct) of the chain below the root: `instances[5]`, `header`. */
  readonly record?: ViewNode;
  /** The innermost array element of the chain: `instances[5].criteria[20]`. */
  readonly element?: ViewNode;
  /** Other nodes whose bytes hold it, outside the chain (a pool the string sits in). */
  readonly alsoIn: readonly ViewNode[];
  /** The nearest fields before and after, for a byte no field covers. */
  readonly between?: { readonly before?: ViewNode; readonly after?: ViewNode };
}

/** Bounds on what the text output prints: a big file is shown in part, and says what was left out. */
export interface ShowLimits {
  /** Tree lines (default 1,000; 0 = no limit). */
  readonly maxNodes: number;
  /** Bytes of hex dump (default 4 KiB; 0 = no limit). */
  readonly maxBytes: number;
  /** Findings listed (default 100). */
  readonly maxFindings: number;
}

export const DEFAULT_SHOW_LIMITS: ShowLimits = { maxNodes: 1000, maxBytes: 4096, maxFindings: 100 };

export type { ConsumerReport };
