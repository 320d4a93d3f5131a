/** A single-pass tokenizer: every step consumes at least one character, so it cannot backtrack or hang. */
export type Token =
  | { readonly t: 'int'; readonly v: bigint; readonly at: number }
  | { readonly t: 'str'; readonly v: string; readonly at: number }
  | { readonly t: 'id'; readonly v: string; readonly at: number }
  | { readonly t: 'op'; readonly v: string; readonly at: number }
  | { readonly t: 'end'; readonly at: number };

export class ExprSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'ExprSyntaxError';
  }
}

const OPERATORS = ['||', '&&', '==', '!=', '<=', '>=', '<<', '>>', '<', '>', '|', '^', '&', '+', '-', '*', '/', '%', '!', '~', '?', ':', '(', ')', '[', ']', '.', ','];
export const MAX_EXPR_LENGTH = 1000;
/** Integers have a magnitude below 2^128 (operators.ts, INT_BITS): so do literals. */
const MAX_LITERAL = (1n << 128n) - 1n;

const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdPart = (c: string) => isIdStart(c) || isDigit(c);
const isHexDigit = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

export function tokenize(src: string): Token[] {
  if (src.length > MAX_EXPR_LENGTH) throw new ExprSyntaxError(`expression is longer than ${MAX_EXPR_LENGTH} characters`, 0);
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const at = i;
    if (isDigit(c)) {
      let j = i + 1;
      const hex = c === '0' && (src[j] === 'x' || src[j] === 'X');
      if (hex) j++;
      while (j < src.length && (hex ? isHexDigit(src[j]!) : isDigit(src[j]!) || src[j] === '_')) j++;
      const text = src.slice(i, j).replace(/_/g, '');
      if (hex && text.length <= 2) throw new ExprSyntaxError('hex literal has no digits', at);
      // Literals are bounded like every result (operators.ts, INT_BITS): a 1,000-digit literal is refused here.
      if (text.length > 42) throw new ExprSyntaxError('integer literal is too large (integers have a magnitude below 2^128)', at);
      const v = BigInt(text);
      if (v > MAX_LITERAL) throw new ExprSyntaxError('integer literal is too large (integers have a magnitude below 2^128)', at);
      out.push({ t: 'int', v, at });
      i = j;
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < src.length && isIdPart(src[j]!)) j++;
      out.push({ t: 'id', v: src.slice(i, j), at });
      i = j;
    } else if (c === "'" || c === '"') {
      const { value, next } = stringLiteral(src, i);
      out.push({ t: 'str', v: value, at });
      i = next;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw new ExprSyntaxError(`unexpected character ${JSON.stringify(c)}`, at);
      out.push({ t: 'op', v: op, at });
      i += op.length;
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', '0': '\0' };

/**
 * A quoted literal starting at `start`. Byte strings are written with escapes (`"PK\x05\x06"`):
 * each character stands for one byte (Latin-1), so `\xHH` gives any byte.
 */
function stringLiteral(src: string, start: number): { value: string; next: number } {
  const quote = src[start]!;
  let value = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === quote) return { value, next: i + 1 };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e === 'x') {
      const hex = src.slice(i + 2, i + 4);
      if (hex.length !== 2 || !isHexDigit(hex[0]!) || !isHexDigit(hex[1]!)) throw new ExprSyntaxError('\\x needs two hex digits', i);
      value += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else if (e !== undefined && Object.prototype.hasOwnProperty.call(ESCAPES, e)) {
      value += ESCAPES[e]!;
      i += 2;
    } else {
      throw new ExprSyntaxError(`unknown escape \\${e ?? ''} (use \\xHH, \\n, \\r, \\t, \\0, \\\\ or a quote)`, i);
    }
  }
  throw new ExprSyntaxError('unterminated string literal', start);
}
