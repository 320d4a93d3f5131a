/**
 * Which coverage should steer a campaign on a real consumer: the binary's edges (clang's
 * SanitizerCoverage, read through the shared map of src/exec/edge-map.ts) or the consumer model's
 * branches? The CCF C example built with trace-pc-guard + ASan + UBSan (`make -C
 * examples/consumer-c cov`), persistent, profile agent-7.11, seeded with the spring 2024 story
 * files, SECONDS per campaign (default 60), for each seed: once steered by the edges
 * (coverage 'steer'), once by the model while the same edges are counted (coverage 'observe').
 * Reports edges covered, model branches, time to the first out-of-bounds input read, execs/s and
 * the real consumer's crash buckets; writes the table into bench/exec-results.md.
 * `npx tsx bench/exec-coverage.ts [seconds] [seeds, e.g. 1,2]`. Needs clang (not in npm run bench).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../src/fuzz/engine/campaign.js';
import { ExecRunner } from '../src/exec/runner.js';
import { ccfConsumers, examples, make, OOB_INPUT_READ, profileFile, schemaFile, secondsArg, springSeeds, writeSection } from './exec-setup.js';

const seconds = secondsArg(60);
const seeds = (process.argv[3] ?? '1,2').split(',').map(Number);
make('ccf-consumer-cov');
const program = join(examples, 'ccf-consumer-cov');
const consumers = ccfConsumers();
const spring = springSeeds();
// The binary's edge count, from the header cov_shm.c writes.
const probe = new ExecRunner({ argv: [program, profileFile, '@@'], persistent: false, timeoutMs: 10_000, name: 'exec' });
const EDGES = probe.run(spring[2]!.bytes).edges?.edges ?? 0;
probe.close();
if (EDGES === 0) throw new Error(`${program} wrote no edge coverage: is it built with make cov?`);

const rows: string[] = [];
const loads: number[] = [];
for (const seed of seeds) {
  for (const [coverage, mode] of [['steer', '--persistent'], ['observe', '--persistent'], ['steer', '--fork-server']] as const) {
    loads.push(loadavg()[0]!);
    const r = await runCampaign({
      schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed, seeds: spring, timeMs: seconds * 1000, workers: 1, shrink: false, batchSize: 64,
      exec: { argv: [program, profileFile, mode], persistent: true, timeoutMs: 5000, name: 'exec', coverage },
    });
    const found = r.buckets.find((b) => b.key === OOB_INPUT_READ);
    const real = r.buckets.filter((b) => b.profile === 'exec').length;
    const row = `| ${coverage === 'steer' ? 'binary edges' : 'model branches'}${mode === '--fork-server' ? ', fork server' : ''} | ${seed} | ${r.coverage.edges ?? 0} of ${EDGES} | ${r.coverage.branches} of ${r.coverage.of} | `
      + `${found ? `${(found.first.foundMs / 1000).toFixed(1)} s (run ${found.first.r})` : 'not found'} | ${r.runs} | ${r.execsPerSec.toFixed(1)} | ${r.corpus.length} | ${real} |`;
    console.log(row);
    rows.push(row);
  }
}

const section = `## Binary edges or model branches steering (bench/exec-coverage.ts)

The CCF C example built with clang, trace-pc-guard, ASan and UBSan (\`make cov\`), persistent,
profile agent-7.11, seeded with the spring 2024 story files; ${seconds} s per campaign, one after
the other, one worker; load average ${loads.map((l) => l.toFixed(1)).join(', ')} at the starts
(2 cores, shared). All count the same binary's edges; only what keeps an input differs, and the
last of each seed runs the C example's --fork-server (a crash costs a fork, not a new process).
Time to the OOB input read is from the campaign's start (seed files included).

| steered by | seed | edges covered | model branches | first OOB input read | runs | execs/s | corpus | real-consumer buckets |
|---|---:|---:|---:|---|---:|---:|---:|---:|
${rows.join('\n')}
`;
writeSection('## Binary edges or model branches steering', section);
