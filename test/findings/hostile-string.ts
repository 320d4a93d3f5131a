import fc from 'fast-check';

/**
 * One "character" of a hostile string: any code point (surrogate halves included, so lone
 * surrogates occur), ASCII with controls, or a piece known to break an output format:
 * CDATA ends, XML specials, terminal escapes (CSI, OSC, C1 CSI), bidi overrides and isolates,
 * zero-width and tag characters, non-characters.
 */
const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp))), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      ']]>', '(]]>', '<![CDATA[', '&', '<', '>', '"', "'", '&amp;', '\u001b[2J', '\u001b]8;;http://x\u0007', '\u009b31m', '\r', '\n', '\t',
      '\u202e', '\u2066', '\u200b', '\u200f', '\u2028', '\ufeff', '\udb40\udc41', '\ufffe', '\uffff', '\ud800', '\udfff', '\u0000', '\u00ad',
    ),
    weight: 2,
  },
);

/** Any string a file could hold, as fc.string with a full-unicode unit that includes lone surrogates. */
export const hostileString = (maxLength = 200): fc.Arbitrary<string> => fc.string({ unit: hostileUnit, maxLength });
