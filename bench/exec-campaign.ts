/**
 * Issue 13's acceptance campaign: preflight fuzzing the CCF C example (ASan build, persistent
 * mode, profile agent-7.11) for SECONDS (default 60), seeded with the spring 2024 corpus only (the
 * three story files before July: every one of them loads), must find the out-of-bounds input read,
 * and ASan must report it as a read past the input array. Writes its section into
 * bench/exec-results.md. `npx tsx bench/exec-campaign.ts [seconds]`.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../src/fuzz/engine/campaign.js';
import { ExecRunner } from '../src/exec/runner.js';
import { ccfConsumers, examples, make, OOB_INPUT_READ, profileFile, schemaFile, secondsArg, springSeeds, writeSection } from './exec-setup.js';

const seconds = secondsArg(60);
make();
const program = join(examples, 'ccf-consumer');
const consumers = ccfConsumers();
const spring = springSeeds();
const load0 = loadavg()[0]!;
const result = await runCampaign({
  schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed: 1, seeds: spring, timeMs: seconds * 1000, workers: 1, shrink: false, batchSize: 64, // epochs of 64 runs: the time box is checked between epochs
  exec: { argv: [program, profileFile, '--persistent'], persistent: true, timeoutMs: 5000, name: 'exec' },
});
const found = result.buckets.find((b) => b.key === OOB_INPUT_READ);
const real = result.buckets.filter((b) => b.profile === 'exec');
let asan = 'not found';
if (found !== undefined) {
  const runner = new ExecRunner({ argv: [program, profileFile, '@@'], persistent: false, timeoutMs: 10_000, name: 'exec' });
  const r = runner.run(found.smallest.input.bytes);
  runner.close();
  const region = /located 0 bytes to the right of (\d+)-byte region/.exec(r.stderr);
  asan = `${r.sanitizer?.kind} ${r.sanitizer?.access} of size ${r.sanitizer?.size} in ${r.sanitizer?.frames[0]}, ${region ? `0 bytes to the right of a ${region[1]}-byte region (inputs[${Number(region[1]) / 8}] of ${Number(region[1]) / 8} pointers)` : 'no region line'}`;
}
const line = `| ${seconds} s, seed 1, spring corpus (3 files) | ${result.runs} runs in ${(result.fuzzMs / 1000).toFixed(0)} s, ${result.execsPerSec.toFixed(1)} execs/s | ${found ? `yes, after ${(found.first.foundMs / 1000).toFixed(1)} s (run ${found.first.r}), ${found.smallest.input.bytes.length}-byte reproducer` : 'NO'} | ${asan} | ${real.length} |`;
console.log(line);
const section = `## The 60-second campaign (bench/exec-campaign.ts)

preflight fuzz on the CCF C example (persistent, ASan), profile agent-7.11, seeded with the spring
2024 story files only (all three load); load average ${load0.toFixed(1)} at the start.

| campaign | runs | found the OOB input read | ASan on its reproducer | real-consumer buckets |
|---|---|---|---|---:|
${line}
`;
writeSection('## The 60-second campaign', section); // bench/exec.ts keeps the sections below its own
process.exit(found ? 0 : 1);
