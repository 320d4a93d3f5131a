import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CP437, decodeText, encodeText } from '../../src/codec/index.js';
import type { TextEncoding } from '../../src/schema/model.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeText', () => {
  it('reads UTF-8 and reports invalid sequences, keeping a readable string', () => {
    expect(decodeText(bytes(0x68, 0xc3, 0xa9), 'utf-8')).toEqual({ text: 'hé', valid: true });
    expect(decodeText(bytes(0x68, 0xc3), 'utf-8')).toEqual({ text: 'h\uFFFD', valid: false });
  });

  it('keeps a byte-order mark as a character (the value is what the bytes say)', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x41), 'utf-8').text).toBe('\uFEFFA');
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0), 'utf-16le').text).toBe('\uFEFFA');
  });

  it('ASCII: a byte above 0x7F is invalid', () => {
    expect(decodeText(bytes(0x41, 0x42), 'ascii')).toEqual({ text: 'AB', valid: true });
    expect(decodeText(bytes(0x41, 0xc9), 'ascii')).toEqual({ text: 'A\uFFFD', valid: false });
  });

  it('Latin-1 is ISO-8859-1, not windows-1252', () => {
    expect(decodeText(bytes(0x80, 0xe9, 0xff), 'latin1')).toEqual({ text: '\u0080\u00e9\u00ff', valid: true });
  });

  it('CP437: the PC code page, ASCII below 0x80', () => {
    expect(CP437).toHaveLength(256);
    expect(new Set(CP437).size).toBe(256);
    expect(decodeText(bytes(0x41, 0x80, 0x81, 0xb0, 0xe1, 0xff), 'cp437')).toEqual({ text: 'AÇü░ß\u00a0', valid: true });
  });

  it('UTF-16: both byte orders; an odd length or a lone surrogate is invalid', () => {
    expect(decodeText(bytes(0x41, 0, 0x3d, 0xd8, 0x00, 0xde), 'utf-16le')).toEqual({ text: 'A😀', valid: true });
    expect(decodeText(bytes(0, 0x41, 0xd8, 0x3d, 0xde, 0x00), 'utf-16be')).toEqual({ text: 'A😀', valid: true });
    expect(decodeText(bytes(0x41, 0, 0x42), 'utf-16le').valid).toBe(false);
    expect(decodeText(bytes(0x00, 0xd8), 'utf-16le').valid).toBe(false);
  });

  it('defaults to UTF-8', () => {
    expect(decodeText(bytes(0x61)).text).toBe('a');
  });
});

describe('encodeText', () => {
  it('refuses characters the encoding cannot carry', () => {
    expect(encodeText('é', 'ascii')).toBeUndefined();
    expect(encodeText('€', 'latin1')).toBeUndefined();
    expect(encodeText('€', 'cp437')).toBeUndefined();
    expect(encodeText('\ud800', 'utf-8')).toBeUndefined();
    expect(encodeText('\udc00x', 'utf-16be')).toBeUndefined();
  });

  it('writes each encoding', () => {
    expect(encodeText('Aé', 'latin1')).toEqual(bytes(0x41, 0xe9));
    expect(encodeText('Aé', 'cp437')).toEqual(bytes(0x41, 0x82));
    expect(encodeText('A', 'utf-16be')).toEqual(bytes(0, 0x41));
    expect(encodeText('A', 'utf-16le')).toEqual(bytes(0x41, 0));
    expect(encodeText('é')).toEqual(bytes(0xc3, 0xa9));
  });
});

describe('round trips', () => {
  const singleByte: [TextEncoding, number][] = [['latin1', 256], ['cp437', 256], ['ascii', 128]];
  for (const [enc, range] of singleByte) {
    it(`${enc}: every byte string decodes and encodes back`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }).map((a) => a.map((b) => b % range)), (raw) => {
        const d = decodeText(raw, enc);
        expect(d.valid).toBe(true);
        expect(encodeText(d.text, enc)).toEqual(raw);
      }));
    });
  }

  for (const enc of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
    it(`${enc}: every well-formed string encodes and decodes back`, () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 32 }), (s) => {
        const raw = encodeText(s, enc)!;
        expect(decodeText(raw, enc)).toEqual({ text: s, valid: true });
      }));
    });

    it(`${enc}: valid bytes encode back to themselves; invalid bytes still give a string`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 32 }), (raw) => {
        const d = decodeText(raw, enc);
        if (d.valid) expect(encodeText(d.text, enc)).toEqual(raw);
        else expect(typeof d.text).toBe('string');
      }));
    });
  }
});
