import { safeText } from '../findings/safe-text.js';

/** Small formatting helpers shared by the reporters. Pure and locale-independent. */

/** `412` → `@ 412 (0x19c)`; an unresolved offset (-1) renders as nothing. */
export function formatOffset(offset: number): string {
  return offset >= 0 ? `@ ${offset} (0x${offset.toString(16)})` : '';
}

/** `path @ 412 (0x19c)`, or just `path` when the offset is unresolved. */
export function formatLocation(path: string, offset: number): string {
  const at = formatOffset(offset);
  return at === '' ? path : `${path} ${at}`;
}

/** Thousands separators by hand: toLocaleString depends on the ICU build and the host locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A share as a percentage with one decimal. Never rounds a non-zero share to 0.0% or a partial
 * share to 100.0%: "none of the fleet" and "all of the fleet" must only be printed when true.
 */
export function formatShare(part: number, total: number): string {
  if (total <= 0) return 'n/a';
  const pct = (part / total) * 100;
  if (part > 0 && pct < 0.05) return '<0.1%';
  if (part < total && pct >= 99.95) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * Messages, paths, file names and profile names can carry bytes from the file under test or from
 * the command line. Escape every character that could drive a terminal or hide text (controls,
 * ESC sequences, bidi and invisible characters, lone surrogates) and bound the length, so a
 * hostile or 5 MB value prints as a short, visible line.
 */
export function escapeControls(text: string, max = 1_000): string {
  return safeText(text, max);
}

/** `… and 4,093 more OOB_INPUT_READ findings (50 of 4,143 shown)`: what the per-code cap left out. */
export function omittedSentence(code: string, omitted: number, total: number | undefined): string {
  const noun = omitted === 1 ? 'finding' : 'findings';
  const shown = total !== undefined && total >= omitted ? ` (${formatCount(total - omitted)} of ${formatCount(total)} shown)` : '';
  return `… and ${formatCount(omitted)} more ${code} ${noun}${shown}`;
}
