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
 * Messages and paths can carry bytes from the file under test (regex patterns, strings).
 * Escape control characters so a hostile file cannot drive the terminal (ANSI, OSC 8, CR).
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Greedy word wrap; words longer than the width stay whole rather than being cut mid-token. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
