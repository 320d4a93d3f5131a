import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../src/fuzz/store/shell-quote.js';

// Issue 7 §1: the sidecar's `command` was `preflight replay ${path}`, unquoted.
describe('shellQuote', () => {
  it('gives one word that sh reads back as exactly the string', () => {
    // No NUL (a POSIX argument cannot hold one), no lone surrogates (not text).
    const special = fc.constantFrom("'", '"', '$', '`', '\\', ' ', '\n', '\t', '*', '?', ';', '|', '&', '(', '!', '~', '#', '=');
    const ascii = fc.integer({ min: 1, max: 0x7f }).map((c) => String.fromCharCode(c));
    const text = fc.string({ unit: fc.oneof(special, ascii, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) });
    fc.assert(fc.property(text, (s) => {
      const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(s)}`], { encoding: 'utf8' });
      return out === s;
    }), { numRuns: 60 });
  });

  it('leaves plain paths as they are', () => {
    expect(shellQuote('fuzz-out/crashes/OOB_INPUT_READ-agent-7.11-9056f23681.bin')).toBe('fuzz-out/crashes/OOB_INPUT_READ-agent-7.11-9056f23681.bin');
    expect(shellQuote("a b'c")).toBe(`'a b'\\''c'`);
  });
});
