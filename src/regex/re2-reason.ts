import { quotePattern } from './quote-pattern.js';

/** RE2's own descriptions are short; anything longer did not come from its error table. */
const MAX_DESCRIPTION_LENGTH = 160;

/**
 * Tidies an RE2 error ("missing ): (" or "invalid escape sequence: \x{110000") for a one-line
 * report: the fragment after the colon, which RE2 copies from the pattern and which can be the
 * whole rest of a long pattern, is cut short, and control characters are made visible.
 */
export function formatRe2Error(raw: string): string {
  const text = raw.trim();
  const colon = text.indexOf(': ');
  const description = colon < 0 ? text : text.slice(0, colon);
  const shortDescription = description.length > MAX_DESCRIPTION_LENGTH ? `${description.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…` : description;
  if (colon < 0) return visible(shortDescription);
  const fragment = text.slice(colon + 2);
  return `${visible(shortDescription)}: ${visible(quotePattern(fragment, 0, fragment.length))}`;
}

function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0);
    out += isControl ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}
