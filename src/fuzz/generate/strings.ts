import { below, chance, pick, weighted, type Source } from './choice.js';

/** Ordinary text, first the simplest. */
export const PLAIN_STRINGS: readonly string[] = [
  'a', '', 'cmd.exe', 'svchost.exe', 'C:\\Windows\\System32\\', '\\\\.\\pipe\\x', 'ünïcødé', 'abc', '0', ' ', 'evil.dll',
];
/** Patterns every engine compiles and matches in linear time. */
export const PLAIN_PATTERNS: readonly string[] = ['^a', 'a', '^cmd\\.exe$', '[a-z]+', '.*', 'a|b', '\\d{1,3}', '^$', '(?i)Evil'];
/** Text that stresses a consumer: long (past 256-byte buffers), not RE2, backtracking-prone, odd bytes. */
export const HOSTILE_STRINGS: readonly string[] = [
  'a'.repeat(257), 'x'.repeat(300), 'é'.repeat(150), 'a'.repeat(256), 'a'.repeat(255),
  '([', '(', '[a-', '*', 'a{2,1}', '\\', '(?<', 'a**', '\\p{Foo}', '(?=a)', '\\1',
  '(a+)+$', '(a|a)*b', '(.*a){12}', '(a*)*$', '^(\\w+\\s?)*$',
  '%s%s%n', '\u0000', '\u{1F600}', '\ufffd',
];

/** A string (or raw bytes: not UTF-8) for a str field; `hostile` is the chance of a hostile one. */
export function drawString(src: Source, isPattern: boolean, hostile: number, maxString: number): string | Uint8Array {
  if (chance(src, hostile)) {
    if (chance(src, 0.08)) return Uint8Array.of(0xff, 0xfe, 0x41);
    return clip(pick(src, HOSTILE_STRINGS), maxString);
  }
  switch (weighted(src, [5, 3, 2])) {
    case 0: return clip(pick(src, isPattern ? PLAIN_PATTERNS : PLAIN_STRINGS), maxString);
    case 1: return clip(pick(src, isPattern ? PLAIN_LITERALS : PLAIN_PATTERNS), maxString);
    default: return randomAscii(src, below(src, Math.min(24, maxString) + 1), isPattern);
  }
}

/** ASCII text of exactly `n` bytes. */
export function sizedString(src: Source, n: number): string {
  return randomAscii(src, n, false);
}

const LITERAL = /^[A-Za-z0-9 _-]*$/;
/** The plain strings that are also patterns matching themselves. */
const PLAIN_LITERALS = PLAIN_STRINGS.filter((s) => LITERAL.test(s));
const SAFE = 'abcdefghijklmnopqrstuvwxyz0123456789_-';

function randomAscii(src: Source, n: number, safe: boolean): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += safe ? SAFE[below(src, SAFE.length)]! : String.fromCharCode(0x20 + below(src, 95));
  }
  return s;
}

/** Cut to at most `max` UTF-8 bytes (whole characters). */
function clip(s: string, max: number): string {
  if (s.length * 3 <= max) return s;
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    bytes += n;
    out += ch;
  }
  return out;
}
