import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundValue, MAX_ECHO, oneLine } from '../../src/cli/bound-text.js';
import { fsProblem } from '../../src/cli/fs-words.js';
import { formatSize, parseSize } from '../../src/cli/size-arg.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: something, open 'x'`), { code });

describe('fsProblem: errno in words', () => {
  // Before: `cannot write: ENOENT`.
  it('names the missing folder on a write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-words-'));
    const file = join(dir, 'a', 'b', 'report.sarif');
    expect(fsProblem(errno('ENOENT'), 'write', file)).toBe(`cannot write ${file}: the folder ${join(dir, 'a')} does not exist`);
    const rel = relative(process.cwd(), file);
    if (!rel.startsWith('..')) expect(fsProblem(errno('ENOENT'), 'write', rel)).toMatch(/the folder [^/]/);
  });

  it('names the part of the path that is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-words-'));
    writeFileSync(join(dir, 'plain'), '');
    expect(fsProblem(errno('ENOTDIR'), 'write', join(dir, 'plain', 'x', 'r.json'))).toBe(`cannot write ${join(dir, 'plain', 'x', 'r.json')}: ${join(dir, 'plain')} is a file, not a folder`);
  });

  it('never shows an errno code', () => {
    for (const code of ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'EROFS', 'ENOSPC', 'EMFILE', 'ELOOP', 'ENAMETOOLONG', 'EBUSY', 'ENXIO', 'EIO', 'EEXIST', 'EWHATEVER']) {
      for (const action of ['read', 'write'] as const) {
        expect(fsProblem(errno(code), action, '/nowhere/f'), code).not.toMatch(/\bE[A-Z]{2,}\b/);
      }
    }
  });
});

describe('bounded echoes', () => {
  it('cuts any long value with its length, and makes it one visible line', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => {
      const b = boundValue(s);
      expect(b).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(b.length).toBeLessThanOrEqual(MAX_ECHO + 40);
      const line = oneLine(`bad value ${s} here`);
      expect(line).not.toMatch(/[\n\r]/);
      expect(line.length).toBeLessThanOrEqual(2100);
    }));
  });

  // Issue 7 §4: a 5 MB number came back as a 5 MB line.
  it('bounds a 5 MB value inside a message', () => {
    const line = oneLine(`s.yaml:3: instances[0].instance_id: must be an integer, got ${'9'.repeat(5_000_000)}`);
    expect(line).toMatch(/^s\.yaml:3: instances\[0\]\.instance_id: must be an integer, got 9{200}… \(5,000,000 characters\)$/);
  });
});

describe('--max-file-size values', () => {
  it('reads units', () => {
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('10MB')).toBe(10_000_000);
    expect(parseSize('10 MiB')).toBe(10 * 1024 * 1024);
    expect(parseSize('1GiB')).toBe(1024 ** 3);
    expect(parseSize('1.5k')).toBe(1536);
    for (const bad of ['', '0', '-5', 'ten', '5 parsecs', '5GB5', '999GiB']) expect(parseSize(bad), bad).toBeUndefined();
  });

  it('prints a size so that it reads back as itself', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 * 1024 ** 3 }), (n) => {
      const printed = formatSize(n);
      const exact = /\(([\d,]+) bytes\)$/.exec(printed)?.[1] ?? printed.replace(/ /, '');
      expect(parseSize(exact.replace(/,/g, '').replace(/bytes?$/, ''))).toBe(n);
    }));
  });
});
