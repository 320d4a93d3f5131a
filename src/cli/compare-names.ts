/**
 * File names in the order `a.localeCompare(b)` gives them, without loading ICU's collation data
 * for the common names: the first locale call maps ~3 MB of ICU into the process (issue 12's RSS
 * bound), and a folder of `copy-0001.bin` names needs none of it. For names made only of
 * `_ - . 0-9 a-z` the root collation orders characters as below (punctuation, then digits, then
 * letters; no case or accent levels apply), so comparing ranks gives the same answer
 * (test/cli/compare-names.test.ts checks it against localeCompare); any other name goes to
 * localeCompare as before.
 */
const ORDER = '_-.0123456789abcdefghijklmnopqrstuvwxyz';
const RANK = new Int8Array(128).fill(-1);
for (let i = 0; i < ORDER.length; i++) RANK[ORDER.charCodeAt(i)] = i;

function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || RANK[c]! < 0) return false;
  }
  return true;
}

export function compareNames(a: string, b: string): number {
  if (!plain(a) || !plain(b)) return a.localeCompare(b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = RANK[a.charCodeAt(i)]! - RANK[b.charCodeAt(i)]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
