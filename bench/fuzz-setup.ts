import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadModelProfile, modelBeside } from '../src/model/index.js';
import type { SeedFile } from '../src/fuzz/index.js';
import { defaultSchemaPath, loadSchema, packageRoot } from '../src/schema/index.js';

export const ROOT = packageRoot();
export const SCHEMA_FILE = defaultSchemaPath();
export const schema = loadSchema(SCHEMA_FILE);
export const MODEL_FILE = modelBeside(SCHEMA_FILE)!;
export const model = loadModel(MODEL_FILE, schema);
/** The 20-input consumer of July 2024, alone: the acceptance setting. */
export const fleet = [loadModelProfile(join(ROOT, 'profiles/default/agent-7.11.yaml'), model)];
export const SEEDS = [1, 2, 3, 4, 5];

/** corpus/ccf/story/2024-0[2-4]*.bin: the spring 2024 files, latent hazard and all. */
export const springSeeds: SeedFile[] = ['2024-02-28-stress-test.bin', '2024-03-05-first-instance.bin', '2024-04-24-spring.bin']
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'corpus/ccf/story', name))) }));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export const num = (n: number): string => (Number.isFinite(n) ? fmt.format(n) : '—');

/** `a / b` as a readable factor: 20x, 1.5x, 0.04x. */
export function factor(a: number, b: number): string {
  if (!Number.isFinite(b) || b === 0) return '—';
  if (!Number.isFinite(a)) return 'inf';
  const r = a / b;
  return `${r >= 10 ? Math.round(r) : r >= 0.1 ? r.toFixed(1) : r.toPrecision(1)}x`;
}

/** A plain text table, columns padded. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
