// The differential acceptance run of issue 13: N generated and mutated inputs (default 10,000) to
// each bundled consumer model and to its C example (examples/consumer-c, built first), counting
// agreements by outcome and every disagreement. Usage:
//   npx tsx scripts/differential.ts [N] [ccf|sigpack ...]
// Writes (or updates, format by format) bench/differential.json, and each disagreement's input to
// out/differential/FORMAT-rN.bin; progress every 500 inputs on stderr; exits 1 on any disagreement.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDifferential } from '../src/exec/differential.js';

const root = join(import.meta.dirname, '..');
const n = Number(process.argv[2] ?? 10_000);
const only = process.argv.slice(3);
const make = spawnSync('make', ['-C', join(root, 'examples', 'consumer-c')], { stdio: 'inherit' });
if (make.status !== 0) process.exit(2);
const runs = [
  { format: 'ccf', schema: 'schemas/ccf-v1.yaml', profile: 'profiles/default/agent-7.11.yaml', program: 'ccf-consumer', corpus: 'corpus/ccf' },
  { format: 'sigpack', schema: 'schemas/sigpack-v1.yaml', profile: 'profiles/sigpack-v1/scanner-2.3.yaml', program: 'sigpack-consumer', corpus: 'corpus/sigpack' },
].filter((r) => only.length === 0 || only.includes(r.format));
const results: { format: string; [key: string]: unknown }[] = [];
let failed = false;
for (const r of runs) {
  const command = `${join(root, 'examples', 'consumer-c', r.program)} ${join(root, r.profile)} --persistent`;
  const t0 = Date.now();
  const onProgress = (k: number, bad: number): void => console.error(`${r.format}: ${k} inputs, ${bad} disagreement(s), ${Math.round((Date.now() - t0) / 1000)} s`);
  const d = await runDifferential({ schemaFile: join(root, r.schema), profileFile: join(root, r.profile), command, persistent: true, inputs: n, seed: 13, corpus: [join(root, r.corpus)], onProgress });
  const line = { format: r.format, profile: r.profile, inputs: d.inputs, agree: d.agree, undecided: d.undecided, disagreements: d.disagreements.length, seconds: Math.round(d.ms / 1000) };
  // Each disagreement's input is kept (out/ is not committed), so it can be run again and explained.
  const saved = d.disagreements.slice(0, 20).map((x) => {
    const file = join('out', 'differential', `${r.format}-r${x.r}.bin`);
    mkdirSync(join(root, 'out', 'differential'), { recursive: true });
    writeFileSync(join(root, file), x.bytes);
    return { r: x.r, how: x.how, model: x.model, real: x.real.outcome, summary: x.real.sanitizer?.summary, file };
  });
  results.push({ ...line, first: saved });
  console.log(JSON.stringify(line));
  if (d.disagreements.length > 0) failed = true;
}
const file = join(root, 'bench', 'differential.json');
const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { results: { format: string }[] }).results : [];
const merged = [...before.filter((b) => !results.some((r) => r.format === b.format)), ...results].sort((a, b) => a.format.localeCompare(b.format));
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), results: merged }, null, 2)}\n`);
process.exit(failed ? 1 : 0);
