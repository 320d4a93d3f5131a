import { safeText } from '../../findings/safe-text.js';

/**
 * Text into HTML. Everything the report shows from a file, a schema, a profile or a command line
 * goes through here: the five characters that can open markup or end an attribute are entities,
 * so no string can become a tag, an attribute or a script.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Untrusted text shown in the page: controls, bidi and invisible characters made visible and the
 * length bounded (as every other report does), then escaped for HTML.
 */
export function safeHtml(text: string, max = 1_000): string {
  return escapeHtml(safeText(text, max));
}

/**
 * A value as JSON inside `<script type="application/json">`: `<`, `>` and `&` are \u escapes, so
 * no string in it can close the element (`</script>`) or open a comment; U+2028/U+2029 too, for
 * any older parser that reads JSON as JavaScript. JSON.parse gives back the same strings.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The catalogue's short Markdown (docs/findings.md's text: `code`, **strong**, *emphasis*) as
 * HTML: escaped first, so only these three marks become tags.
 */
export function markdownLite(text: string, max = 4_000): string {
  return safeHtml(text, max)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}
