/**
 * Integer literals of the schema's rule keys (`eq`, `min`, `max`, `in`, `mask`), exact to 64 bits
 * and beyond: the loader reads YAML integers as bigint and keeps any that a double would round as
 * the digits' text, so `eq: 0x89504E470D0A1A0A` means exactly that, quoted or not.
 */
export function intLiteral(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/_/g, '');
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!/^(0[xX][0-9A-Fa-f]{1,32}|[0-9]{1,40})$/.test(digits)) return undefined;
  const v = BigInt(digits);
  return negative ? -v : v;
}

/**
 * `contents:` as bytes: a string is Latin-1 (one character, one byte: YAML's "\x89PNG" is the PNG
 * signature's first four bytes); a list mixes bytes (0-255) and such strings. Undefined when a
 * character is past U+00FF.
 */
export function contentsBytes(value: unknown): Uint8Array | undefined {
  const out: number[] = [];
  const addText = (s: string): boolean => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) return false;
      out.push(c);
    }
    return true;
  };
  if (typeof value === 'string') return addText(value) ? Uint8Array.from(out) : undefined;
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    if (typeof item === 'string') {
      if (!addText(item)) return undefined;
    } else if (typeof item === 'number' || typeof item === 'bigint') out.push(Number(item));
    else return undefined;
  }
  return Uint8Array.from(out);
}
