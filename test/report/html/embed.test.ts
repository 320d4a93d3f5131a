/**
 * The embedded data round-trips: the page's own script (client/file-data.ts, run here in Node)
 * rebuilds every node's path, parent and offset from the compact columns, finds each node by its
 * path, and picks for every byte the same innermost field as the view's nodeAt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_DATA_JS } from '../../../src/report/html/client/file-data.js';
import { collectHtmlReport } from '../../../src/report/html/collect.js';
import { embedFile } from '../../../src/report/html/embed-file.js';
import { partValue, type ReportView } from '../../../src/report/html/model.js';
import { decodeColumn, encodeColumn } from '../../../src/report/html/varint-column.js';
import { loadSchema, defaultSchemaPath } from '../../../src/schema/index.js';
import { nodeAt, type FileView } from '../../../src/triage/view/index.js';
import { ROOT } from '../../cli/run-cli.js';

interface PageTree {
  count: number;
  parent: Int32Array;
  offset: Float64Array;
  size: Float64Array;
  path(i: number): string;
  byPath(p: string): number;
  at(offset: number): number;
  text(column: string, i: number): string;
}
const { FileData } = new Function(`${FILE_DATA_JS}\nreturn { FileData };`)() as { FileData: new (raw: unknown) => { bytes: Uint8Array; tree: PageTree | null } };

function pageData(file: string) {
  const bytes = new Uint8Array(readFileSync(join(ROOT, file)));
  const report = collectHtmlReport({ version: 'test', schema: loadSchema(defaultSchemaPath()), files: [{ name: file, bytes }] });
  const html = report.files[0]!;
  const raw = JSON.parse(JSON.stringify(embedFile(html)));
  return { bytes, view: partValue(html.view)! as ReportView, page: new FileData(raw) };
}

describe('embedded file data', () => {
  it.each(['corpus/ccf/story/2024-07-19-0409-channel-291.bin', 'corpus/ccf/codes/truncated.bin', 'corpus/ccf/codes/bad-offset.bin'])('%s: the page rebuilds every node and finds the same field for every byte', (file) => {
    const { bytes, view, page } = pageData(file);
    expect([...page.bytes]).toEqual([...bytes]);
    const tree = page.tree!;
    expect(tree.count).toBe(view.nodes.length);
    for (const node of view.nodes) {
      expect(tree.path(node.id)).toBe(node.path);
      expect(tree.parent[node.id]).toBe(node.parent);
      expect(tree.offset[node.id]).toBe(node.offset);
      expect(tree.size[node.id]).toBe(node.size);
      expect(tree.text('kind', node.id)).toBe(node.kind);
      expect(tree.text('type', node.id)).toBe(node.type ?? '');
    }
    for (const node of view.nodes) {
      // Paths are unique but for nodes that share one (an inline switch and its case): the first is found.
      expect(view.nodes[tree.byPath(node.path)]!.path).toBe(node.path);
    }
    for (let o = 0; o < bytes.length; o++) {
      const theirs = nodeAt(view as FileView, o).at(-1);
      const ours = tree.at(o);
      expect(ours >= 0 ? view.nodes[ours]!.path : undefined, `byte ${o}`).toBe(theirs?.path);
    }
  });

  it('varint columns round-trip any integers, signed and unsigned', () => {
    fc.assert(fc.property(fc.array(fc.maxSafeInteger().map(Math.abs)), (values) => {
      expect(decodeColumn(encodeColumn(values), values.length)).toEqual(values);
    }));
    fc.assert(fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 })), (values) => {
      expect(decodeColumn(encodeColumn(values, true), values.length, true)).toEqual(values.map((v) => v + 0));
    }));
  });
});
