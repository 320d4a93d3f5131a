import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, stderrLines } from '../../cli/run-cli.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';

/** A usage error: exit 2, nothing on stdout, one line on stderr that matches. */
function expectUsage(args: string[], message: RegExp): void {
  const r = runCli(['inspect', ...args]);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(stderrLines(r)).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe('preflight inspect (issue 11)', () => {
  it('shows the July file: tree, hex dump, the finding at its bytes, the consumers; exit 0 with findings', () => {
    const r = runCli(['inspect', JULY]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const part of ['field tree', 'hex dump', 'findings', 'consumers']) expect(r.stdout).toContain(`\n${part}`);
    expect(r.stdout).toContain('◀ OOB_INPUT_READ');
    expect(r.stdout).not.toMatch(/\x1b\[/); // piped: no colour
  });

  it('--at 358 and --at 0x166 name instances[5].criteria[20]', () => {
    for (const at of ['358', '0x166']) {
      const r = runCli(['inspect', JULY, '--at', at]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('  field    instances[5].criteria[20].op\n  record   instances[5]\n  element  instances[5].criteria[20]\n');
    }
  });

  it('--path with --format json gives the subtree as JSON', () => {
    const r = runCli(['inspect', JULY, '--path', 'instances[5].criteria[20]', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { path: string; nodes: { path: string }[]; findings: { code: string }[] };
    expect(doc.path).toBe('instances[5].criteria[20]');
    expect(doc.nodes.map((n) => n.path)).toEqual(['instances[5].criteria[20]', 'instances[5].criteria[20].op', 'instances[5].criteria[20].str_off', 'instances[5].criteria[20].str_len', 'instances[5].criteria[20].text']);
    expect(doc.findings.map((f) => f.code)).toEqual(['OOB_INPUT_READ']);
  });

  it('bad --at and --path values are one line naming the problem, exit 2', () => {
    expectUsage([JULY, '--at', 'abc'], /^preflight: --at abc: not a byte offset; give a whole number such as 358 or 0x166\n$/);
    expectUsage([JULY, '--at', '0x20c'], /--at 524 \(0x20c\) is past the end of the file: it has 524 byte\(s\)/);
    expectUsage([JULY, '--path', 'instances[5].criteria[21]'], /--path "instances\[5\]\.criteria\[21\]": this file has no such node; instances\[5\]\.criteria has 21 element\(s\)/);
    expectUsage([JULY, '--at', '1', '--path', 'header'], /--at and --path cannot be combined/);
    expectUsage([JULY, '--max-bytes', 'lots'], /--max-bytes takes a whole number/);
    expectUsage(['corpus/no-such.bin'], /no-such\.bin/);
  });

  it('a truncated sigpack file says where reading stopped', () => {
    const r = runCli(['inspect', 'corpus/sigpack/cut-short.bin', '--schema', 'schemas/sigpack-v1.yaml']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('reading stopped at records @ 14 (0xe): TRUNCATED');
    expect(r.stdout.length).toBeLessThan(200 * 1024);
  });

  it('every example of inspect --help runs (exit 0)', () => {
    const help = runCli(['inspect', '--help']).stdout;
    expect(help).toContain('Exit codes:');
    const examples = help.split('\n').filter((l) => l.trim().startsWith('$ preflight inspect ')).map((l) => l.trim().slice('$ preflight '.length));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const line of examples) {
      const args = line.match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'(.*)'$/, '$1'));
      const r = runCli(args);
      expect(r.status, `${line}: ${r.stderr}`).toBe(0);
    }
  }, 120_000);

  it('inspect --help loads no package but commander (the decoder and renderers load in the action)', () => {
    const preload = `data:text/javascript,${encodeURIComponent(`import Module from 'node:module';
process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify([...new Set(Object.keys(Module._cache).map((f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)[\\\\/]/.exec(f)?.[1]).filter(Boolean))].sort()) + '\\n'));`)}`;
    const tsx = fileURLToPath(import.meta.resolve('tsx'));
    const r = spawnSync(process.execPath, ['--import', tsx, '--import', preload, join(ROOT, 'src', 'cli', 'main.ts'), 'inspect', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const loaded = (JSON.parse(/\nLOADED (.*)\n/.exec(r.stderr)![1]!) as string[]).filter((p) => !['tsx', 'esbuild', 'get-tsconfig', 'resolve-pkg-maps'].includes(p));
    expect(loaded).toEqual(['commander']);
  });
});
