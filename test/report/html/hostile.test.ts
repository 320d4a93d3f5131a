/**
 * Hostile files make bounded reports, quickly: every corpus file of each format (one per finding
 * code: truncated, zero-filled, absurd counts, offsets anywhere), and a megabyte of zeros and of
 * noise. The page is written whatever the file, its size stays in proportion, and its embedded
 * data parses.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConsumers } from '../../../src/cli/load-options.js';
import { collectHtmlReport, REPORT_MAX_NODES } from '../../../src/report/html/collect.js';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { loadSchema } from '../../../src/schema/index.js';
import { ROOT } from '../../cli/run-cli.js';

const FORMATS = [
  { schemaFile: 'schemas/ccf-v1.yaml', folder: 'corpus/ccf/codes' },
  { schemaFile: 'schemas/sigpack-v1.yaml', folder: 'corpus/sigpack' },
];

function reportOf(schemaFile: string, files: { name: string; bytes: Uint8Array }[]): { html: string; ms: number } {
  const schema = loadSchema(join(ROOT, schemaFile));
  const consumers = resolveConsumers(join(ROOT, schemaFile), schema, [], []);
  const started = performance.now();
  const html = renderHtmlReport(collectHtmlReport({ version: 'test', schema, ...(consumers !== undefined ? { consumers } : {}), files }));
  return { html, ms: performance.now() - started };
}

function embedded(html: string): { count: number } | undefined {
  const json = /<script type="application\/json" data-file="0">([^<]*)<\/script>/.exec(html)?.[1];
  expect(json).toBeDefined();
  return (JSON.parse(json!) as { tree?: { count: number } }).tree;
}

describe.each(FORMATS)('reports of $folder', ({ schemaFile, folder }) => {
  const files = readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.bin')).sort();

  it.each(files)('%s', (name) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, folder, name)));
    const { html, ms } = reportOf(schemaFile, [{ name, bytes }]);
    expect(ms).toBeLessThan(20_000);
    // A small file, a small page: the fixed part (~40 KB of script and style) and the file's data.
    expect(html.length).toBeLessThan(200_000 + bytes.length * 200);
    expect(html.endsWith('</html>\n')).toBe(true);
    const tree = embedded(html);
    expect(tree?.count ?? 0).toBeLessThanOrEqual(REPORT_MAX_NODES);
    expect(html.includes('internal error')).toBe(false);
  });
});

describe('a megabyte of zeros, and of noise, as CCF', () => {
  it.each([['zeros', new Uint8Array(1 << 20)], ['noise', new Uint8Array(randomBytes(1 << 20))]])('%s', (_, bytes) => {
    const { html, ms } = reportOf('schemas/ccf-v1.yaml', [{ name: 'hostile.bin', bytes }]);
    expect(ms).toBeLessThan(30_000);
    // The bytes (1.4 MB of base64) and a tree of at most REPORT_MAX_NODES fields in varint
    // columns (noise declares ~1 million): in proportion to the file, like a real 1 MiB file's.
    expect(html.length).toBeLessThan(200_000 + bytes.length * 8);
    expect(embedded(html)?.count ?? 0).toBeLessThanOrEqual(REPORT_MAX_NODES);
    expect(html.includes('<span class="verdict fail">fail</span>')).toBe(true);
    expect(html.includes('internal error')).toBe(false);
  });
});
