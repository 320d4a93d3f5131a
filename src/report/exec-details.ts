import type { Finding } from '../findings/index.js';
import { safeText } from '../findings/safe-text.js';

/**
 * What the real consumer (`--exec`) did, for an EXEC_CRASH, EXEC_HANG or EXEC_NO_ANSWER finding,
 * as data for scripts (JSON `exec`, SARIF result property `exec`): the sanitizer's fault kind,
 * access, first frames and SUMMARY line, or the signal, exit code and time limit. Built key by key
 * from the finding's details (src/exec/validate-exec.ts resultDetails), each value checked and
 * bounded, since the text comes from the consumer's stderr.
 */
export interface JsonExecDetails {
  /** The real consumer's name (`--exec-name`). */
  consumer: string;
  /** crash, hang or no-answer. */
  outcome: string;
  /** The sanitizer's SUMMARY line as printed, or what the process did (`killed by SIGSEGV`). */
  summary: string;
  /** AddressSanitizer, UndefinedBehaviorSanitizer, ...: only with a sanitizer report. */
  tool?: string;
  /** The fault kind: heap-buffer-overflow, SEGV, undefined-behavior, ... */
  kind?: string;
  access?: 'READ' | 'WRITE';
  size?: number;
  /** The first frames of the faulting stack, innermost first, and where each points (file:line). */
  frames?: string[];
  places?: string[];
  signal?: string;
  exitCode?: number;
  /** EXEC_HANG: the time limit the consumer went over. */
  timeoutMs?: number;
}

const EXEC_RESULT_CODES = new Set(['EXEC_CRASH', 'EXEC_HANG', 'EXEC_NO_ANSWER']);
const MAX_TEXT = 400;
const MAX_FRAMES = 8;

export function execDetailsOf(f: Finding): JsonExecDetails | undefined {
  const d = f.details;
  if (!EXEC_RESULT_CODES.has(f.code) || d === undefined) return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? safeText(v, MAX_TEXT) : undefined);
  const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.slice(0, MAX_FRAMES).map((x) => safeText(String(x), MAX_TEXT)) : undefined);
  const consumer = str(d.consumer);
  const outcome = str(d.outcome);
  if (consumer === undefined || outcome === undefined) return undefined;
  const out: JsonExecDetails = { consumer, outcome, summary: str(d.sanitizerSummary) ?? str(d.summary) ?? outcome };
  const tool = str(d.tool);
  const kind = str(d.kind);
  const size = int(d.size);
  const frames = list(d.frames);
  const places = list(d.places);
  const signal = str(d.signal);
  const exitCode = int(d.exitCode);
  const timeoutMs = int(d.timeoutMs);
  if (tool !== undefined) out.tool = tool;
  if (kind !== undefined) out.kind = kind;
  if (d.access === 'READ' || d.access === 'WRITE') out.access = d.access;
  if (size !== undefined) out.size = size;
  if (frames !== undefined) out.frames = frames;
  if (places !== undefined) out.places = places;
  if (signal !== undefined) out.signal = signal;
  if (exitCode !== undefined) out.exitCode = exitCode;
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  return out;
}
