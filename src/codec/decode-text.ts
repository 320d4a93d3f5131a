import type { TextEncoding } from '../schema/model.js';
import { CP437 } from './cp437.js';

/** Text as read: always a readable string, and whether the bytes were valid in their encoding. */
export interface DecodedText {
  /** Invalid data is replaced with U+FFFD, so a person can still read the rest. */
  readonly text: string;
  readonly valid: boolean;
}

const REPLACEMENT = '\uFFFD';

// Decoders are made once: TextDecoder construction costs more than decoding a short name.
const strict = {
  'utf-8': new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
} as const;
const lossy = {
  'utf-8': new TextDecoder('utf-8', { ignoreBOM: true }),
  'utf-16le': new TextDecoder('utf-16le', { ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { ignoreBOM: true }),
} as const;

/**
 * Decodes `bytes` in `encoding`. The strict and the lossy reading are one call because the
 * decoder needs both: the text for the tree, the validity for a finding when the schema asks.
 * A BOM is kept as a character (ignoreBOM): the value is what the bytes say, nothing dropped.
 * Latin-1 is ISO-8859-1 (every byte valid), not the WHATWG label's windows-1252.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding = 'utf-8'): DecodedText {
  switch (encoding) {
    case 'utf-8': case 'utf-16le': case 'utf-16be':
      try {
        return { text: strict[encoding].decode(bytes), valid: true };
      } catch {
        return { text: lossy[encoding].decode(bytes), valid: false };
      }
    case 'latin1':
      return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), valid: true };
    case 'ascii': {
      let valid = true;
      let text = '';
      for (const b of bytes) {
        if (b < 0x80) text += String.fromCharCode(b);
        else {
          valid = false;
          text += REPLACEMENT;
        }
      }
      return { text, valid };
    }
    case 'cp437': {
      let text = '';
      for (const b of bytes) text += CP437[b];
      return { text, valid: true };
    }
  }
}
