import { evaluate, forEachReference, type CompiledExpr, type Scope } from '../schema/index.js';

/** "header.file_size = 120, _io.size = 124": the values a failed rule was made of, for its message. */
export function explainValues(rule: CompiledExpr, scope: Scope): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  forEachReference(rule.ast, (text, e) => {
    if (seen.has(text) || parts.length >= 6) return;
    seen.add(text);
    try {
      const v = evaluate({ source: text, ast: e }, scope);
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v === null) parts.push(`${text} = ${String(v)}`);
    } catch {
      // A value that cannot be read is simply left out of the explanation.
    }
  });
  return parts.join(', ');
}
