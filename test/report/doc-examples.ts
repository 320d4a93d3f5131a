import { ROOT, runCli } from '../cli/run-cli.js';

/**
 * The examples of docs/output-formats.md: each shell block whose next block (after one blank line)
 * is its output, and the SARIF rule and result excerpts. The checkout's folder is written
 * `/work/main` in the doc (it appears in the bundled schema's path and in file: help links).
 */
export interface DocExample {
  readonly args: string[];
  readonly exit: number;
  /** The output block's text, and where it sits in the document. */
  readonly output: string;
  readonly start: number;
}

export const DOC_ROOT = '/work/main';

export function docExamples(markdown: string): DocExample[] {
  const fences = [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```\n(\n*)/gm)];
  const out: DocExample[] = [];
  for (let i = 0; i + 1 < fences.length; i++) {
    const [whole, info, body] = fences[i]!;
    const next = fences[i + 1]!;
    if (info !== 'sh' || next.index !== fences[i]!.index! + whole.length) continue;
    const line = body!.trim();
    const exit = Number(/# exit (\d+)/.exec(line)?.[1] ?? 0);
    const args = line.replace(/\s*#.*$/, '').split(/\s+/).slice(1);
    out.push({ args, exit, output: next[2]!, start: next.index! + next[0].indexOf('\n') + 1 });
  }
  return out;
}

/** What the CLI prints for an example now, with the checkout's folder written as in the doc. */
export function currentOutput(args: readonly string[]): { status: number | null; stdout: string } {
  const r = runCli(args);
  return { status: r.status, stdout: r.stdout.split(ROOT).join(DOC_ROOT) };
}

/** The JSON blocks of the doc holding the July file's SARIF rule and result. */
export function sarifExcerpts(markdown: string): { rule: string; result: string } {
  const blocks = [...markdown.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return { rule: blocks.find((b) => b.includes('"helpUri"'))!, result: blocks.find((b) => b.includes('"ruleId"'))! };
}

export function julySarif(): { rule: unknown; result: unknown } {
  const r = currentOutput(['validate', 'corpus/ccf/story/2024-07-19-0409-channel-291.bin', '--format', 'sarif']);
  const run = JSON.parse(r.stdout).runs[0];
  return { rule: run.tool.driver.rules[0], result: run.results[0] };
}
