import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../cli/run-cli.js';

/**
 * docs/output-formats.md shows real output (issue 8: it showed `instances[1]`, `@ 412` and a
 * corpus path that does not exist). Every shell block there whose next block is its output is run
 * here, and the output must match byte for byte. The checkout's folder is written `/work/main` in
 * the doc (it appears in the bundled schema's path and in file: help links), so it is replaced here.
 */
const DOC = readFileSync(join(ROOT, 'docs', 'output-formats.md'), 'utf8');

interface Example {
  readonly args: string[];
  readonly exit: number;
  readonly output: string;
}

function examples(markdown: string): Example[] {
  const fences = [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```\n(\n*)/gm)];
  const out: Example[] = [];
  for (let i = 0; i + 1 < fences.length; i++) {
    const [whole, info, body] = fences[i]!;
    const next = fences[i + 1]!;
    // Output blocks follow their command directly (one blank line between).
    if (info !== 'sh' || next.index !== fences[i]!.index! + whole.length) continue;
    const line = body!.trim();
    const exit = Number(/# exit (\d+)/.exec(line)?.[1] ?? 0);
    const args = line.replace(/\s*#.*$/, '').split(/\s+/).slice(1);
    out.push({ args, exit, output: next[2]! });
  }
  return out;
}

describe('docs/output-formats.md', () => {
  const found = examples(DOC);

  it('shows the July file of the corpus, as it is', () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(DOC).not.toMatch(/corpus\/july|c-00000291|instances\[1\]\.criteria\[20\]|@ 412/);
  });

  it.each(found.map((e) => [e.args.join(' '), e] as const))('%s prints what the doc shows', (_, example) => {
    const r = runCli(example.args);
    expect(r.status).toBe(example.exit);
    expect(r.stdout.split(ROOT).join('/work/main')).toBe(example.output);
  });

  it('shows the SARIF rule and result of the July file as the CLI writes them', () => {
    const r = runCli(['validate', 'corpus/ccf/story/2024-07-19-0409-channel-291.bin', '--format', 'sarif']);
    expect(r.status).toBe(1);
    const run = JSON.parse(r.stdout.split(ROOT).join('/work/main')).runs[0];
    const blocks = [...DOC.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    const rule = blocks.find((b) => b.includes('"helpUri"'));
    const result = blocks.find((b) => b.includes('"ruleId"'));
    expect(JSON.parse(rule!)).toEqual(run.tool.driver.rules[0]);
    expect(JSON.parse(result!)).toEqual(run.results[0]);
  });
});
