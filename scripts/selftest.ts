/**
 * npm run selftest: a campaign that fuzzes preflight itself (issue 12). Arbitrary bytes, mutants
 * of every corpus file and absurd headers generated from each schema go to every command that
 * reads a file (validate, inspect, explain, diff, report, unpack, replay), in process on worker
 * threads, and a sample through the real CLI; hostile schemas, consumer models and profiles go to
 * the loaders. Nothing may throw an unexplained exception, exceed the per-file time budget or the
 * memory bound. Failing inputs are saved as reproducers. Exit 1 when anything failed.
 *
 *   npx tsx scripts/selftest.ts [--inputs N] [--time SECONDS] [--seed N] [--workers N] [--out DIR]
 *                               [--budget MS] [--cli N] [--definitions N] [--formats ccf,sigpack] [--only I,J]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_TIME_MS } from '../src/budget/work-budget.js';
import { defaultOut, defaultWorkers, runSelftest, stopWorkers, type SelftestSummary } from './selftest/campaign.js';
import { runDefinitionCampaign, type DefinitionSummary } from './selftest/definitions.js';
import { COMMANDS, type SelftestCommand, type Shares } from './selftest/targets.js';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string' },
    time: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    out: { type: 'string' },
    budget: { type: 'string' },
    cli: { type: 'string' },
    definitions: { type: 'string' },
    formats: { type: 'string' },
    commands: { type: 'string' },
    share: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(`${[
    'npm run selftest -- [options]: fuzz preflight itself (every command that reads a file, and the schema/model/profile loaders)',
    '  --inputs N        stop after N inputs (default: 2,000 when --time is not given)',
    '  --time SECONDS    stop after this long',
    '  --seed N          campaign seed (default: the time); the same seed draws the same inputs',
    `  --workers N       worker threads (default: the number of cores, ${defaultWorkers()})`,
    '  --out DIR         reproducers (default: a folder in the system temporary folder)',
    `  --budget MS       per-file time budget of one command (default ${DEFAULT_TIME_MS}, validate's)`,
    '  --cli N           inputs also run through node dist/cli/main.js (default 20; 0: none)',
    '  --definitions N   hostile schemas, consumer models and profiles (default: 1 per 50 inputs, at least 200)',
    '  --formats a,b     only these formats (ccf, sigpack, rulebook, png, zip)',
    `  --commands a,b    every input goes through these commands (default all: ${COMMANDS.join(', ')})`,
    '  --share c=N,...   command c runs on 1 input in N only (e.g. unpack=4,report=2; default: every input)',
    '  --only I,J        run only these input indexes (reproduce a failure with its --seed)',
  ].join('\n')}\n`);
  process.exit(0);
}

const whole = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) {
    process.stderr.write(`selftest: --${name} takes a whole number\n`);
    process.exit(2);
  }
  return Number(v);
};

const seed = whole('seed', values.seed) ?? (Date.now() % 0x1_0000_0000);
const timeS = whole('time', values.time);
const only = values.only?.split(',').map((s) => whole('only', s.trim())!);
const inputs = whole('inputs', values.inputs) ?? (timeS === undefined && only === undefined ? 2000 : undefined);
const out = values.out ?? defaultOut(seed);
const commands = values.commands?.split(',').map((c) => c.trim());
const unknown = commands?.filter((c) => !(COMMANDS as readonly string[]).includes(c)) ?? [];
if (unknown.length > 0 || commands?.length === 0) {
  process.stderr.write(`selftest: --commands takes some of ${COMMANDS.join(', ')} (not ${unknown.join(', ')})\n`);
  process.exit(2);
}
const log = (line: string): void => {
  process.stderr.write(`selftest: ${line}\n`);
};

log(`seed ${seed}; reproducers in ${out}`);
// A first SIGINT or SIGTERM ends the campaign early with its summary; a second one ends it at once.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: finishing the inputs in flight, then the summary`);
  });
}
const summary = await runSelftest({
  seed, ...(inputs !== undefined ? { inputs } : {}), ...(timeS !== undefined ? { timeS } : {}),
  workers: whole('workers', values.workers) ?? defaultWorkers(), out,
  budgetMs: whole('budget', values.budget) ?? DEFAULT_TIME_MS,
  ...(values.formats !== undefined ? { formats: values.formats.split(',') } : {}),
  ...(commands !== undefined ? { commands: commands as SelftestCommand[] } : {}),
  ...(values.share !== undefined ? { shares: parseShares(values.share) } : {}),
  cliSample: whole('cli', values.cli) ?? (only !== undefined ? 0 : 20),
  ...(only !== undefined ? { only } : {}),
  progress: log,
  stopped: () => interrupted,
});
await stopWorkers();
const defCount = interrupted ? 0 : whole('definitions', values.definitions) ?? (only !== undefined ? 0 : Math.max(200, Math.round(summary.inputs / 50)));
const definitions = defCount > 0 ? await runDefinitionCampaign({ seed, runs: defCount, out, progress: log, stopped: () => interrupted }) : undefined;
process.stdout.write(renderSummary(summary, definitions));
process.exitCode = summary.failures > 0 || (definitions?.failures.length ?? 0) > 0 ? 1 : 0;

function parseShares(text: string): Shares {
  const shares: Shares = {};
  for (const part of text.split(',')) {
    const m = /^\s*(\w+)=(\d+)\s*$/.exec(part);
    if (!m || !(COMMANDS as readonly string[]).includes(m[1]!) || Number(m[2]) < 1) {
      process.stderr.write(`selftest: --share takes command=N pairs (N >= 1), not ${JSON.stringify(part)}\n`);
      process.exit(2);
    }
    shares[m[1] as SelftestCommand] = Number(m[2]);
  }
  return shares;
}

function renderSummary(s: SelftestSummary, d: DefinitionSummary | undefined): string {
  const list = (r: Record<string, number>): string => Object.entries(r).sort().map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`).join(', ');
  const lines = [
    `selftest, seed ${s.seed}: ${s.inputs.toLocaleString('en-US')} inputs in ${s.seconds.toFixed(1)} s (${(s.inputs / s.seconds).toFixed(1)} inputs/s, start-up included)`,
    `  runs by command: ${list(s.byCommand)}`,
    `  mean ms per run: ${Object.entries(s.msByCommand).sort().map(([k, ms]) => `${k} ${(ms / (s.byCommand[k] ?? 1)).toFixed(2)}`).join(', ')}`,
    `  by kind:    ${list(s.byKind)}`,
    `  by format:  ${list(s.byFormat)}`,
    `  explained with one line (exit 2 in the CLI): ${s.explained.toLocaleString('en-US')}`,
    `  slowest: ${s.slowestMs.toFixed(0)} ms (${s.slowest}); worker heap cap ${s.heapCapMb} MB, largest heap seen after a chunk ${s.peakHeapMb.toFixed(0)} MB; worker restarts ${s.workerRestarts}`,
  ];
  if (s.cli) {
    lines.push(`  CLI sample: ${s.cli.runs} runs (${list(s.cli.byCommand)}); exits ${list(s.cli.byExit)}; peak RSS ${s.cli.maxRssMb.toFixed(0)} MB, at most ${s.cli.maxRssGrowthMb.toFixed(0)} MB over the same command on a corpus file`);
  }
  if (d) lines.push(`  hostile definitions: ${d.runs} (${list(d.byKind)}); refused with a clear error ${d.refused}, accepted ${d.accepted}; slowest ${d.slowestMs.toFixed(0)} ms; failures ${d.failures.length}`);
  lines.push(`  failures: ${s.failures} (${s.distinct.length} distinct)${d && d.failures.length > 0 ? ` + ${d.failures.length} in definitions` : ''}`);
  for (const f of s.distinct) lines.push(`    ${f.count}x ${f.signature}\n      ${f.message}\n      saved: ${f.saved}`);
  for (const f of d?.failures.slice(0, 20) ?? []) lines.push(`    definition ${f.kind}: ${f.reason}: ${f.message.split('\n')[0]}\n      saved: ${f.saved}`);
  return `${lines.join('\n')}\n`;
}
