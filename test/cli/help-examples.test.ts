import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

/** Options whose value is a file the example writes, not one it reads. */
const WRITES = new Set(['-o', '--output', '--json', '--sarif', '--junit', '--write-baseline', '--out']);
/** Options whose value is not a path at all. */
const NOT_PATHS = new Set(['--format', '--seed', '--runs', '--time', '--workers', '--shard', '--max-file-size', '--path', '--at', '--max-nodes', '--max-bytes', '--max-changes']);
const REPO_FOLDERS = /^(corpus|profiles|schemas|docs)\//;

interface Example { readonly line: string; readonly reads: string[]; readonly writes: string[] }

/** The `$ ...` lines of a help text, each with the paths it reads and writes. */
function examplesOf(help: string): Example[] {
  return help.split('\n').filter((l) => l.trim().startsWith('$ ')).map((raw) => {
    const line = raw.trim().slice(2).replace(/#.*$/, '').trim();
    const reads: string[] = [];
    const writes: string[] = [];
    const tokens = line.split(/\s+/);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === '>' && tokens[i + 1] !== undefined) writes.push(tokens[++i]!);
      else if (WRITES.has(t) && tokens[i + 1] !== undefined) writes.push(tokens[++i]!);
      else if (NOT_PATHS.has(t)) i++;
      else if (!t.startsWith('-') && /[/.]/.test(t) && !['|', '&&'].includes(t)) reads.push(t);
    }
    return { line, reads, writes: writes.filter((w) => w !== '-') };
  });
}

describe('help examples use paths that exist (issue 8)', () => {
  // Before: validate --help and pack --help used corpus/ccf/story/july-19.bin, which does not exist.
  it.each([['validate'], ['pack'], ['unpack'], ['inspect'], ['explain'], ['diff'], ['report']])('every file %s --help reads exists, or an earlier example writes it', (cmd) => {
    const help = runCli([cmd, '--help']).stdout;
    const examples = examplesOf(help);
    expect(examples.length).toBeGreaterThan(0);
    const written = new Set<string>();
    for (const e of examples) {
      for (const path of e.reads) expect(existsSync(join(ROOT, path)) || written.has(path), `${e.line}: ${path}`).toBe(true);
      for (const w of e.writes) written.add(w);
    }
  });

  it.each([[[]], [['fuzz']], [['replay']], [['corpus', 'merge']]])('repository paths in the help of preflight %s exist', (args) => {
    const r = runCli([...args, '--help']);
    for (const e of examplesOf(r.stdout)) {
      for (const path of e.reads.filter((p) => REPO_FOLDERS.test(p))) expect(existsSync(join(ROOT, path)), `${e.line}: ${path}`).toBe(true);
    }
  });
});
