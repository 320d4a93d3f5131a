/**
 * Start-up of the compiled CLI (`npx tsx bench/startup.ts`, after `npm install` built dist/):
 * wall time of whole processes, beside `node -e 0` measured in the same run, median of 7.
 * A CI gate pays the start-up on every call.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { medianTime } from './median-time.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm install (or npm run build) first`);

const run = (args: readonly string[]) => (): void => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.error) throw r.error;
};
const rows: [string, number][] = [
  ['node -e 0 (baseline)', medianTime(run(['-e', '0']), 7)],
  ['preflight --version', medianTime(run([cli, '--version']), 7)],
  ['preflight validate --help', medianTime(run([cli, 'validate', '--help']), 7)],
  ['preflight validate (one 0.2 KB file)', medianTime(run([cli, 'validate', 'corpus/ccf/codes/clean.bin']), 7)],
];
const base = rows[0]![1];
console.log('start-up, whole process, median of 7');
for (const [name, ms] of rows) console.log(`  ${name.padEnd(38)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / base).toFixed(1)}x`);
