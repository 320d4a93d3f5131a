import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadSchema, type FormatSchema } from '../../../src/schema/index.js';
import type { FileView } from '../../../src/triage/view/index.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';

const schemas = new Map<string, FormatSchema>();
export function schemaAt(file: string): FormatSchema {
  let s = schemas.get(file);
  if (!s) schemas.set(file, (s = loadSchema(join(ROOT, file))));
  return s;
}
export const ccf = () => schemaAt('schemas/ccf-v1.yaml');
export const sigpack = () => schemaAt('schemas/sigpack-v1.yaml');
export const png = () => schemaAt('schemas/examples/png.yaml');
export const zip = () => schemaAt('schemas/examples/zip.yaml');

export const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, file)));

/** The hostile corpus: one file per finding code (truncated, absurd counts, offsets outside the file). */
export function hostileFiles(): { file: string; schema: () => FormatSchema }[] {
  const list = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.bin')).sort().map((f) => `${dir}/${f}`);
  return [
    ...list('corpus/ccf/codes').map((file) => ({ file, schema: ccf })),
    ...list('corpus/sigpack').map((file) => ({ file, schema: sigpack })),
  ];
}

/** What every view must be, whatever the bytes: a preorder tree, nodes and regions inside the file. */
export function expectWellFormed(view: FileView, size: number, maxNodes = 200_000): void {
  expect(view.size).toBe(size);
  expect(view.nodes.length).toBeGreaterThan(0);
  expect(view.nodes.length).toBeLessThanOrEqual(Math.max(maxNodes, 1 + 16));
  expect(view.nodes[0]!.parent).toBe(-1);
  expect(view.nodes[0]!.path).toBe('');
  const children = new Array<number>(view.nodes.length).fill(0);
  view.nodes.forEach((n, i) => {
    expect(n.id).toBe(i);
    if (i > 0) {
      expect(n.parent).toBeGreaterThanOrEqual(0);
      expect(n.parent).toBeLessThan(i);
      expect(n.depth).toBe(view.nodes[n.parent]!.depth + 1);
      children[n.parent]!++;
    }
    expect(n.offset).toBeGreaterThanOrEqual(0);
    expect(n.size).toBeGreaterThanOrEqual(0);
    expect(n.offset + n.size).toBeLessThanOrEqual(size);
  });
  view.nodes.forEach((n, i) => expect(n.children).toBe(children[i]));
  let end = 0;
  for (const r of view.regions) {
    expect(r.offset).toBeGreaterThanOrEqual(end);
    expect(r.size).toBeGreaterThan(0);
    end = r.offset + r.size;
  }
  expect(end).toBeLessThanOrEqual(size);
  if (!view.complete) expect(view.stopped).toBeDefined();
}
