/**
 * JSON text that is safe to print raw. JSON.stringify already escapes C0 controls and lone
 * surrogates; this also escapes DEL, C1 controls, bidi and invisible characters and tag characters
 * (`\u202e`, `\udb40\udc41`). Such characters can only occur inside JSON strings, so every value
 * is the same once parsed; only a terminal or a code-review view that shows the raw text changes.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]|\udb40[\udc00-\udc7f]/g;

const unit = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`;

/** One character class, scanned fast: only an output that holds one of them takes the slower replace. */
const MAYBE_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\udb40]/;

export function jsonSafe(json: string): string {
  if (!MAYBE_UNSAFE.test(json)) return json;
  return json.replace(JSON_UNSAFE, (c) => (c.length === 2 ? unit(c.charCodeAt(0)) + unit(c.charCodeAt(1)) : unit(c.charCodeAt(0))));
}
