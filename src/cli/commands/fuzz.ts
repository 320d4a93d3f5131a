import { Command, InvalidArgumentError, Option } from 'commander';
import { randomInt } from 'node:crypto';
import { basename } from 'node:path';
import { BRANCH_COUNT } from '../../simulate/index.js';
// Not the fuzz barrel: the campaign (and fast-check under it) loads only when `fuzz` runs.
import { campaignDocument, hasFindings } from '../../fuzz/engine/document.js';
import { DEFAULT_BUDGET_MS } from '../../fuzz/engine/options.js';
import { ProgressLine } from '../../fuzz/engine/progress.js';
import { renderCampaignText } from '../../fuzz/engine/render-text.js';
import type { SeedFile } from '../../fuzz/engine/seeds.js';
import { parseShard, type Shard } from '../../fuzz/engine/shard.js';
import { FuzzOut } from '../../fuzz/store/fuzz-out.js';
import { ProfileError } from '../../consumer/index.js';
import { EncodeError } from '../../encode/index.js';
import { defaultSchemaPath, SchemaError } from '../../schema/index.js';
import { CliError, EXIT } from '../cli-error.js';
import { expandInputs, readInput } from '../io.js';
import { collect, resolveFleet, resolveSchema } from '../load-options.js';
import { useColor } from '../runtime.js';

const DEFAULT_RUNS = 10_000;

export function fuzzCommand(): Command {
  return new Command('fuzz')
    .description('search for content files that crash a consumer, or that the validator passes although a consumer crashes on them')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .option('--seed <n>', 'campaign seed, 0..4294967295 (default: random, printed)', uint('--seed', 0xffffffff))
    .option('--runs <n>', `inputs to run (default ${DEFAULT_RUNS} unless --time is given)`, uint('--runs', Number.MAX_SAFE_INTEGER))
    .option('--time <seconds>', 'run for this long instead of a number of runs', positive('--time'))
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect, [])
    .option('--fleet <dir>', 'folder of consumer profiles (repeatable; default: the bundled fleet)', collect, [])
    .option('--corpus <path>', 'seed files to mutate: a file, or every *.bin below a folder (repeatable)', collect, [])
    .option('--out <dir>', 'output folder: crashes/ (reproducers), fixed/, corpus/', 'fuzz-out')
    .option('--workers <n>', 'worker threads (default: all cores; 1 runs in-process)', uint('--workers', 1024, 1))
    .option('--shard <k/n>', 'run slice K of N of the campaign (same seed on every shard)', shardArg)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
Same --seed and --runs give the same buckets and reproducers with any --workers. A campaign first
reruns every reproducer saved in OUT/crashes and moves those that no longer fail to OUT/fixed.
Exit codes: 0 nothing found, 1 a crash, soundness or robustness finding (or a saved reproducer
still fails), 2 usage or input error.

Examples:
  $ preflight fuzz --profile profiles/default/agent-7.11.yaml --time 30
  $ preflight fuzz --seed 42 --runs 100000 --shard 2/4 --out fuzz-2 --format json
  $ preflight replay fuzz-out/crashes/<id>.bin`)
    .action(guardAsync(fuzzAction));
}

interface FuzzOpts {
  schema?: string; seed?: number; runs?: number; time?: number; profile: string[]; fleet: string[]; corpus: string[];
  out: string; workers?: number; shard?: Shard; format: 'text' | 'json'; color: boolean;
}

async function fuzzAction(opts: FuzzOpts): Promise<void> {
  if (opts.runs !== undefined && opts.time !== undefined) throw new CliError('give --runs or --time, not both');
  const schemaFile = opts.schema ?? defaultSchemaPath();
  const schema = resolveSchema(opts.schema);
  const fleet = resolveFleet(schema, opts.profile, opts.fleet);
  const seeds: SeedFile[] = opts.corpus.length === 0 ? [] : expandInputs(opts.corpus, '.bin').map((f) => ({ name: f, bytes: readInput(f) }));
  const seed = opts.seed ?? randomInt(0x7fffffff);
  if (opts.seed === undefined) process.stderr.write(`preflight fuzz: seed ${seed}\n`);
  const shard = opts.shard ?? { index: 0, count: 1 };
  const out = new FuzzOut(opts.out, { schema, fleet }, { seed, shard, schemaFile });
  const previous = out.rerun(DEFAULT_BUDGET_MS);
  const progress = new ProgressLine(process.stderr, BRANCH_COUNT);
  let interrupted = false;
  const onSigint = (): void => { interrupted = true; };
  process.once('SIGINT', onSigint);
  try {
    const { runCampaign } = await import('../../fuzz/engine/campaign.js');
    const result = await runCampaign({
      schemaFile, fleet, seed, seeds, shard,
      // A time-boxed campaign also boxes its shrinking (a quarter of the time, at least 5 s); --runs shrinks fully.
      ...(opts.time !== undefined ? { timeMs: opts.time * 1000, shrinkMs: Math.max(5000, opts.time * 250) } : { runs: opts.runs ?? DEFAULT_RUNS }),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      onNewBuckets: (b) => out.saveFound(b),
      onProgress: (p) => progress.update(p),
      stopWhen: () => interrupted,
    });
    progress.end();
    const saved = out.saveFinal(result);
    out.saveCorpus(result.corpus);
    const doc = campaignDocument(result, saved, {
      still_failing: previous.stillFailing.map((s) => s.id), fixed: previous.fixed.map((f) => f.id), skipped: previous.skipped.map((s) => s.id),
    });
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(doc)}\n` : renderCampaignText(doc, opts.color && useColor()));
    process.exitCode = hasFindings(doc) ? EXIT.findings : EXIT.ok;
  } finally {
    progress.end();
    process.off('SIGINT', onSigint);
  }
}

function uint(flag: string, max: number, min = 0): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${flag} takes an integer ${min}..${max}`);
    return n;
  };
}

function positive(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} takes a positive number of seconds`);
    return n;
  };
}

function shardArg(v: string): Shard {
  const s = parseShard(v);
  if (s === undefined) throw new InvalidArgumentError(`--shard takes K/N with 1 <= K <= N (got ${basename(v)})`);
  return s;
}

/**
 * main.ts runs commands synchronously and maps errors to exit codes; the campaign is async,
 * so its action applies the same policy itself: known errors one line and exit 2, anything
 * else an internal error (exit 3).
 */
function guardAsync<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (e) {
      if (e instanceof CliError || e instanceof SchemaError || e instanceof ProfileError || e instanceof EncodeError) {
        process.stderr.write(`preflight: ${e.message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.stderr.write(`preflight: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    }
  };
}
