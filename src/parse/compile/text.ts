const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lossyDecoder = new TextDecoder('utf-8');

/** UTF-8 text like the interpreter's decodeText: lossy, or (`fatal`) undefined when invalid. */
export function utf8(raw: Uint8Array, fatal: boolean): string | undefined {
  if (!fatal) return lossyDecoder.decode(raw);
  try {
    return strictDecoder.decode(raw);
  } catch {
    return undefined;
  }
}
