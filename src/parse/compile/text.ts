import { decodeText } from '../../codec/decode-text.js';

/** UTF-8 text exactly as the interpreter's decodeText reads it (the codec's): lossy, or (`fatal`) undefined when invalid. */
export function utf8(raw: Uint8Array, fatal: boolean): string | undefined {
  const d = decodeText(raw, 'utf-8');
  return fatal && !d.valid ? undefined : d.text;
}
