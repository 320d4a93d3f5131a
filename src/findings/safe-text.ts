/**
 * Text that came from a file under test (a pattern, a string, a file name) is shown in terminals,
 * CI logs, XML and code-scanning views. These helpers make any JavaScript string safe to show in
 * all of them: every character that can drive a terminal, reorder text (bidi), hide text
 * (zero-width, tag characters) or cannot be encoded at all (lone surrogates, U+FFFE/U+FFFF) is
 * replaced by a visible escape, and long values are cut to a bound that states their length.
 */

/**
 * C0/C1 controls and DEL; soft hyphen; Arabic letter mark; Mongolian vowel separator; zero-width
 * and bidi marks (U+200B..U+200F), line/paragraph separators and bidi embeddings/overrides (U+2028..U+202E);
 * invisible operators and bidi isolates (U+2060..U+206F); BOM; interlinear annotations;
 * non-characters U+FFFE/U+FFFF; lone surrogates; tag characters (U+E0000..U+E007F, "ASCII smuggling").
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeOne(c: string): string {
  if (c.length === 2) return `\\u{${c.codePointAt(0)!.toString(16)}}`;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Replaces every unsafe character with a visible escape (`\x1b`, `\u202e`, `\ud800`). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Whether a string holds any character `escapeUnsafe` would replace. */
export function hasUnsafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/** Longest value echoed whole; longer ones are cut and their length stated. */
export const MAX_ECHO = 120;

/** `5,242,880`: locale-independent thousands separators. */
export function groupDigits(n: number | bigint): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The first `max` characters of a string (never half a surrogate pair), and whether it was cut. */
export function cut(text: string, max: number): { head: string; cut: boolean } {
  if (text.length <= max) return { head: text, cut: false };
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { head: text.slice(0, end), cut: true };
}

/** Unquoted safe text, bounded: `aaaa… (5,242,880 chars)`. */
export function safeText(text: string, max = MAX_ECHO): string {
  const { head, cut: wasCut } = cut(text, max);
  return wasCut ? `${escapeUnsafe(head)}… (${groupDigits(text.length)} chars)` : escapeUnsafe(head);
}

/**
 * A string value quoted for a message: `"ab\u202ec"`, bounded as `"aaaa…" (5,242,880 chars)`.
 * JSON.stringify escapes quotes, backslashes, C0 controls and lone surrogates; escapeUnsafe then
 * takes care of the rest (C1, bidi, invisible characters).
 */
export function quoteText(text: string, max = MAX_ECHO): string {
  const { head, cut: wasCut } = cut(text, max);
  const quoted = escapeUnsafe(JSON.stringify(head));
  return wasCut ? `${quoted.slice(0, -1)}…" (${groupDigits(text.length)} chars)` : quoted;
}
