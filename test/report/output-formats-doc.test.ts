import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { currentOutput, docExamples, julySarif, sarifExcerpts } from './doc-examples.js';

/**
 * docs/output-formats.md shows real output (issue 8: it showed `instances[1]`, `@ 412` and a
 * corpus path that does not exist). Every example there is run here and must match byte for byte.
 * After a deliberate change of output: `npx tsx test/report/update-output-formats-doc.ts`.
 */
const DOC = readFileSync(join(ROOT, 'docs', 'output-formats.md'), 'utf8');

describe('docs/output-formats.md', () => {
  const found = docExamples(DOC);

  it('shows the July file of the corpus, as it is', () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(DOC).not.toMatch(/corpus\/july|c-00000291|instances\[1\]\.criteria\[20\]|@ 412/);
  });

  it.each(found.map((e) => [e.args.join(' '), e] as const))('%s prints what the doc shows', (_, example) => {
    const r = currentOutput(example.args);
    expect(r.status).toBe(example.exit);
    expect(r.stdout).toBe(example.output);
  });

  it('shows the SARIF rule and result of the July file as the CLI writes them', () => {
    const shown = sarifExcerpts(DOC);
    const real = julySarif();
    expect(JSON.parse(shown.rule)).toEqual(real.rule);
    expect(JSON.parse(shown.result)).toEqual(real.result);
  });

  it('shows the suppression a baselined July result carries as the CLI writes it', () => {
    const block = /^```json\n("suppressions": [\s\S]*?)^```$/m.exec(DOC);
    expect(block).not.toBeNull();
    const args = ['validate', 'corpus/ccf/story/2024-07-19-0409-channel-291.bin', '--baseline', 'docs/examples/july-baseline.yaml', '--format', 'sarif'];
    const r = currentOutput(args);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout).runs[0].results[0];
    expect(JSON.parse(`{${block![1]}}`)).toEqual({ suppressions: result.suppressions });
  });
});
