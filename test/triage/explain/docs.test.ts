import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { ROOT } from './helpers.js';

/** Each `$ preflight explain …` block of docs/explain.md with the output block after it, and the exit code it states. */
function examples(): Array<{ args: string[]; exit: number; output: string }> {
  const doc = readFileSync(join(ROOT, 'docs', 'explain.md'), 'utf8');
  const re = /```sh\n\$ preflight (explain [^\n#]*?)(?:\s+# exit (\d))?\n```\n\n```text\n([\s\S]*?)\n```/g;
  return [...doc.matchAll(re)].map((m) => ({ args: m[1]!.trim().split(/\s+/), exit: Number(m[2] ?? 0), output: m[3]! }));
}

describe('docs/explain.md shows what explain prints', () => {
  const list = examples();

  it('has the examples', () => {
    expect(list.length).toBeGreaterThanOrEqual(8);
  });

  it.each(list.map((e) => [e.args.join(' '), e] as const))('%s', (_, e) => {
    const r = runCli(e.args);
    expect(r.status).toBe(e.exit);
    expect((e.exit === 2 ? r.stderr : r.stdout).trimEnd()).toBe(e.output);
  });
});
