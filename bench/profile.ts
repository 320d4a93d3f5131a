/**
 * Profiles `validate` once (issue 12: profile before optimising): `node --cpu-prof` over the
 * 69 MB set (100 copies of the 689 KB file; PROFILE_COPIES=N for fewer), and prints the top of
 * the profile as Markdown, self time by function and by source file, for bench/results.md's
 * "Profile (before optimisation)". It runs tsc's unbundled dist/cli/main-modules.js (the same
 * code as the bundle dist/cli/main.js loads) so that each function names its file and line.
 * Run: npx tsx bench/profile.ts (after npm run build). Not part of npm run bench.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';
import { profileTop } from './profile-top.js';
import { buildCopies } from './scale/files.js';

const ROOT = join(import.meta.dirname, '..');
const COPIES = Number(process.env['PROFILE_COPIES'] ?? 100);
const TOP = Number(process.env['PROFILE_TOP'] ?? 20);
const work = mkdtempSync(join(tmpdir(), 'preflight-profile-'));
try {
  const set = join(work, 'set');
  const { fileBytes } = buildCopies(loadSchema(defaultSchemaPath()), set, COPIES);
  const profDir = join(work, 'prof');
  const load = loadavg()[0]!;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, 'dist/cli/main-modules.js', 'validate', set, '--no-progress'], { cwd: ROOT, stdio: 'ignore' });
  const wall = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`validate exited ${r.status}`);
  // One profile per thread: the main thread's is the largest.
  const main = readdirSync(profDir).map((f) => join(profDir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  const { totalMs, rows } = profileTop(main, TOP, ROOT);
  const byFile = new Map<string, number>();
  for (const row of profileTop(main, Number.MAX_SAFE_INTEGER, ROOT).rows) {
    const file = row.where.replace(/:\d+$/, '') || row.name;
    byFile.set(file, (byFile.get(file) ?? 0) + row.selfMs);
  }
  const pct = (ms: number): string => `${((100 * ms) / totalMs).toFixed(1)}%`;
  console.log(`\`node --cpu-prof dist/cli/main-modules.js validate DIR\` on ${COPIES} copies of the ${fileBytes.toLocaleString('en')}-byte file, ${new Date().toISOString().slice(0, 10)}, node ${process.version}: ${(wall / 1000).toFixed(1)} s wall, ${(totalMs / 1000).toFixed(1)} s sampled on the main thread, load average ${load.toFixed(2)}.\n`);
  console.log('| self | ms | function | where |\n|---:|---:|---|---|');
  for (const x of rows) console.log(`| ${pct(x.selfMs)} | ${x.selfMs.toFixed(0)} | \`${x.name}\` | ${x.where} |`);
  console.log('\nSelf time by source file:\n\n| self | ms | file |\n|---:|---:|---|');
  for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${pct(ms)} | ${ms.toFixed(0)} | ${file} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
