/**
 * Throughput of a real consumer (issue 13): the same inputs through the CCF C example
 * (examples/consumer-c, built first) one process per input and in persistent mode, side by side,
 * through preflight's own runner (src/exec/runner.ts), as `--exec` drives it. Two input sets:
 * files every version loads (the campaign's common case: no restart), and the whole CCF corpus,
 * where a crash costs the persistent mode a restart too. Writes bench/exec-results.md.
 * `npx tsx bench/exec.ts [seconds per measurement]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ExecRunner } from '../src/exec/runner.js';
import { ccfCorpus, examples, make, profileFile as profile, resultsFile as file, secondsArg } from './exec-setup.js';

const seconds = secondsArg(8);
make();
const program = join(examples, 'ccf-consumer');
const corpus = ccfCorpus();
const loads = corpus.filter((f) => /story\/2024-0[2-4]|clean|range-inverted|gap|crc-mismatch/.test(f.name));

/** Inputs per second over about `seconds` (whole passes over the set), and the outcomes seen. */
function measure(persistent: boolean, set: readonly { bytes: Uint8Array }[]): { perSec: number; runs: number; outcomes: Record<string, number> } {
  const runner = new ExecRunner({ argv: persistent ? [program, profile, '--persistent'] : [program, profile, '@@'], persistent, timeoutMs: 10_000, name: 'exec' });
  const outcomes: Record<string, number> = {};
  try {
    runner.run(set[0]!.bytes); // start-up of the first process, and the file cache
    let runs = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      for (const f of set) {
        const o = runner.run(f.bytes).outcome;
        outcomes[o] = (outcomes[o] ?? 0) + 1;
        runs++;
      }
    }
    return { perSec: (runs * 1000) / (performance.now() - t0), runs, outcomes };
  } finally {
    runner.close();
  }
}

const rows: string[] = [];
const load0 = loadavg()[0]!;
for (const [name, set] of [[`${loads.length} files every version loads`, loads], [`the whole CCF corpus (${corpus.length} files: load, reject, crash)`, corpus]] as const) {
  const once = measure(false, set);
  const kept = measure(true, set);
  const ratio = kept.perSec / once.perSec;
  const line = `| ${name} | ${once.perSec.toFixed(1)} | ${kept.perSec.toFixed(1)} | ${ratio.toFixed(1)}x | ${JSON.stringify(kept.outcomes)} |`;
  rows.push(line);
  console.log(`${name}: one process per input ${once.perSec.toFixed(1)} execs/s, persistent ${kept.perSec.toFixed(1)} execs/s: ${ratio.toFixed(1)}x`);
}
const md = `# Real consumer throughput (bench/exec.ts)

The CCF C example (examples/consumer-c, ASan + UBSan, -O1) on profile agent-7.11, driven by
preflight's runner as \`--exec\` drives it: one process per input (\`@@\`, a temporary file) and
persistent (\`--persistent\`, length-prefixed inputs on stdin). ${seconds} s per measurement;
${cpus().length} cores, load average ${load0.toFixed(1)} at the start (a shared machine: absolute
figures move with the load, the ratio less). Issue 13 asks for at least 10x.

| inputs | one process per input (execs/s) | persistent (execs/s) | ratio | persistent outcomes |
|---|---:|---:|---:|---|
${rows.join('\n')}

In persistent mode a crash ends the process and the next input starts a new one, so a set that
crashes often pays a start-up and the crash report per crash in both modes (bench/exec-crash.ts
measures what symbolising the report on preflight's side saves).
`;
// The other benches' sections (exec-campaign, exec-afl, exec-coverage, exec-crash) stay below this one.
const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
const rest = old.indexOf('\n## ');
writeFileSync(file, rest < 0 ? md : `${md}${old.slice(rest)}`);
