/** `preflight diff` as a release reviewer runs it: the text, the JSON, the exit codes, the help. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, stderrLines } from '../../cli/run-cli.js';
import { JULY, REVERT, SPRING } from './helpers.js';

describe('preflight diff', () => {
  it('spring → July: the added instance, criterion 20, and agent-7.11 load → crash on 8,500,000 endpoints; exit 1', () => {
    const r = runCli(['diff', SPRING, JULY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('content: 2 added, 0 removed, 1 changed; 7 layout fields');
    expect(out).toContain('  changed  header @ 0 (0x0): content_seq 1004 → 1006');
    expect(out).toContain('  added    instances[instance_id=106] at instances[5] @ 318 (0x13e)');
    expect(out).toContain('             criteria[20]: op EQ_STR, text "ntdll.dll"');
    expect(out).toMatch(/ {2}agent-7\.11 {2}load → crash +WORSE +8,500,000\n {6}OOB_INPUT_READ at instances\[5\]\.criteria\[20\] @ 358 \(0x166\)\n/);
    expect(out).toContain('worse on agent-7.11: 8,500,000 of 9,700,000 endpoints (87.6%)');
    expect(out).toContain('  appeared  error    OOB_INPUT_READ  instances[5].criteria[20] @ 358 (0x166) on agent-7.11');
    expect(out).toContain('  resolved  warning  INPUT_COUNT_MISMATCH  types[0].field_count @ 42 (0x2a) on agent-7.11');
    expect(out.trimEnd().split('\n').at(-1)).toBe('WORSE: 1 consumer fares worse on the new file (exit 1)');
  });

  it('July → revert: better, exit 0', () => {
    const r = runCli(['diff', JULY, REVERT]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/agent-7\.11 {2}crash → load +better/);
    expect(r.stdout).toContain('  removed  instances[instance_id=106] was instances[5] @ 318 (0x13e)');
    expect(r.stdout).toContain('no consumer fares worse on the new file (exit 0)');
  });

  it('identical files: no changes, exit 0', () => {
    const r = runCli(['diff', SPRING, SPRING]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('content: identical files');
    expect(r.stdout).toContain('findings: none appeared, none went away');
  });

  it('--format json is one document with the changes, the consumers and the gate', () => {
    const r = runCli(['diff', SPRING, JULY, '--format', 'json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(doc.old).toMatchObject({ file: SPRING, size: 376, verdict: 'warn' });
    expect(doc.worse).toBe(true);
    expect(doc.changes.map((c: { path: string }) => c.path)).toEqual(['header', 'instances[instance_id=105]', 'instances[instance_id=106]']);
    expect(doc.consumers[0]).toMatchObject({ profile: 'agent-7.11', change: 'worse', population: 8_500_000, old: { outcome: 'load' }, new: { outcome: 'crash' } });
  });

  it('--max-changes lists that many and counts the rest; one file may come from stdin', () => {
    const r = runCli(['diff', '--max-changes', '1', '-', JULY], { input: readFileSync(join(ROOT, SPRING)) });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('diff <stdin> → ');
    expect(r.stdout).toContain('  … and 2 more changes (raise --max-changes to list them)');
  });

  it('a format without a consumer model: content and findings, a note on stderr, exit 0', () => {
    const r = runCli(['diff', '--schema', 'schemas/examples/png.yaml', SPRING, JULY]);
    expect(r.status).toBe(0);
    expect(stderrLines(r)).toEqual(['preflight: schema png has no consumer model (png.consumer.yaml): content changes and findings only, no consumer outcomes']);
    expect(r.stdout).not.toContain('consumers');
  });

  it.each([
    [['diff', SPRING], /missing required argument 'new'/],
    [['diff', 'no-such.bin', JULY], /cannot read no-such\.bin/],
    [['diff', '-', '-'], /stdin \(-\) can be read only once/],
    [['diff', '--max-changes', 'many', SPRING, JULY], /--max-changes takes a whole number/],
    [['diff', '--schema', 'schemas/examples/png.yaml', '--profile', 'profiles/default/agent-7.11.yaml', SPRING, JULY], /need a consumer model/],
    [['diff', '--format', 'sarif', SPRING, JULY], /--format/],
  ])('usage and input errors are one line and exit 2: %j', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('every example in diff --help runs, with the exit code it states', () => {
    const help = runCli(['diff', '--help']).stdout;
    const examples = help.split('\n').filter((l) => l.trim().startsWith('$ preflight diff'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const line of examples) {
      const [command, comment] = line.trim().slice('$ preflight '.length).split('#');
      const expected = /exit (\d)/.exec(comment ?? '')?.[1] ?? '0';
      const r = runCli(command!.trim().split(/\s+/));
      expect(`${line}: ${r.status} ${r.stderr}`).toBe(`${line}: ${expected} `);
    }
  });

  it('diff --help loads commander and nothing heavier (the action loads the rest)', () => {
    const tsx = fileURLToPath(import.meta.resolve('tsx'));
    const preload = `data:text/javascript,${encodeURIComponent(`
import Module from 'node:module';
process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(Module._cache).filter((f) => f.includes('node_modules')).map((f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f)[1]).filter((p, i, a) => a.indexOf(p) === i)) + '\\n'));
`)}`;
    const r = spawnSync(process.execPath, ['--import', tsx, '--import', preload, join(ROOT, 'src', 'cli', 'main.ts'), 'diff', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const loaded = (JSON.parse(/\nLOADED (.*)\n/.exec(r.stderr)![1]!) as string[]).filter((p) => !['tsx', 'esbuild', 'get-tsconfig', 'resolve-pkg-maps'].includes(p));
    expect(loaded).toEqual(['commander']);
  });
});
