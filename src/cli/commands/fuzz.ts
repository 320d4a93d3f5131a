import { Command, Option } from 'commander';
import { randomInt } from 'node:crypto';
import { branchTable } from '../../model/index.js';
// Not the fuzz barrel: the campaign (and fast-check under it) loads only when `fuzz` runs.
import { campaignDocument, hasFindings, type PreviousEntry } from '../../fuzz/engine/document.js';
import { DEFAULT_BUDGET_MS } from '../../fuzz/engine/options.js';
import { ProgressLine } from '../../fuzz/engine/progress.js';
import { renderCampaignText } from '../../fuzz/engine/render-text.js';
import type { SeedFile } from '../../fuzz/engine/seeds.js';
import type { Shard } from '../../fuzz/engine/shard.js';
import type { RerunReport } from '../../fuzz/store/failure-db.js';
import { FuzzOut } from '../../fuzz/store/fuzz-out.js';
import { acquireOutLock } from '../../fuzz/store/out-lock.js';
import { prepareOutFolder } from '../../fuzz/store/prepare-out.js';
import { ProfileError } from '../../consumer/index.js';
import { EncodeError } from '../../encode/index.js';
import { defaultSchemaPath, SchemaError } from '../../schema/index.js';
import { CliError, EXIT } from '../cli-error.js';
import { expandInputs, readInput } from '../io.js';
import { collect } from '../collect.js';
import { noModelNote, resolveConsumers, resolveSchema } from '../load-options.js';
import { useColor } from '../runtime.js';
import { maxWorkers, positiveArg, seedArg, shardArg, uintArg, workersArg } from './fuzz-args.js';
import { asCliError, isStoreError } from './fuzz-errors.js';
import { Interrupts } from './fuzz-interrupts.js';
import { checkBucketBaselineOutput, gateBuckets, loadBucketBaseline, saveBucketBaseline } from './fuzz-baseline.js';
import { addExecOptions, execSetupOf, type ExecOpts } from '../exec-options.js';

const DEFAULT_RUNS = 10_000;

export function fuzzCommand(): Command {
  return addExecOptions(new Command('fuzz'))
    .description('search for content files that crash a consumer, or that the validator passes although a consumer crashes on them')
    .option('--schema <file>', 'format schema, with its consumer model NAME.consumer.yaml beside it (default: the bundled CCF v1 schema)')
    .option('--seed <n>', 'campaign seed: any integer; outside 0..4294967295 it is hashed to 32 bits (default: random, printed)', seedArg)
    .option('--runs <n>', `inputs to run (default ${DEFAULT_RUNS} unless --time is given)`, uintArg('--runs', Number.MAX_SAFE_INTEGER))
    .option('--time <seconds>', 'run for this long instead of a number of runs', positiveArg('--time'))
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect, [])
    .option('--fleet <dir>', "folder of consumer profiles (repeatable; default: the consumer model's fleet)", collect, [])
    .option('--corpus <path>', 'seed files to mutate: a file, or every *.bin below a folder (repeatable)', collect, [])
    .option('--out <dir>', 'output folder: crashes/ (reproducers), fixed/, corpus/', 'fuzz-out')
    .option('--workers <n>', `worker threads, 1..${maxWorkers()} (4 × the cores; default: all cores; 1 runs in-process)`, workersArg)
    .option('--shard <k/n>', 'run slice K of N of the campaign (same seed on every shard)', shardArg)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--baseline <file>', 'accept the known buckets listed in this file (its buckets: list): only new buckets fail the run')
    .option('--write-baseline <file>', "write a baseline accepting this campaign's buckets (.json: JSON, else YAML)")
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
Same --seed and --runs give the same buckets and reproducers with any --workers. A campaign first
reruns every reproducer saved in OUT/crashes and moves those that no longer fail to OUT/fixed.
One campaign at a time per --out (the lock file OUT/.preflight.lock names the process holding it).
Ctrl-C stops the campaign and saves what it found; a second Ctrl-C skips the rest of the shrinking.
Exit codes: 0 nothing new found, 1 a crash, soundness or robustness finding (or a saved reproducer
still fails) that --baseline does not accept, 2 usage or input error.

Examples:
  $ preflight fuzz --profile profiles/default/agent-7.11.yaml --time 30
  $ preflight fuzz --seed 42 --runs 100000 --shard 2/4 --out fuzz-2 --format json
  $ preflight replay fuzz-out/crashes/<id>.bin
  $ preflight fuzz --profile profiles/default/agent-7.11.yaml --corpus corpus/ccf/story --time 60 --persistent \
      --exec "examples/consumer-c/ccf-consumer profiles/default/agent-7.11.yaml --persistent"`)
    .action(guardAsync(fuzzAction));
}

interface FuzzOpts extends ExecOpts {
  schema?: string; seed?: { seed: number; given: string }; runs?: number; time?: number; profile: string[]; fleet: string[]; corpus: string[];
  out: string; workers?: number; shard?: Shard; format: 'text' | 'json'; color: boolean; baseline?: string; writeBaseline?: string;
}

async function fuzzAction(opts: FuzzOpts): Promise<void> {
  if (opts.runs !== undefined && opts.time !== undefined) throw new CliError('give --runs or --time, not both');
  const schemaFile = opts.schema ?? defaultSchemaPath();
  const schema = resolveSchema(opts.schema);
  const consumers = resolveConsumers(opts.schema, schema, opts.profile, opts.fleet);
  // Inputs run against nothing find nothing: a blind campaign would exit 0 and look like a pass.
  if (consumers === undefined) throw new CliError(`fuzz needs consumers to run inputs against: ${noModelNote(opts.schema, schema)}`);
  const { model, profiles: fleet } = consumers;
  const exec = execSetupOf(opts, fleet);
  const seeds: SeedFile[] = opts.corpus.length === 0 ? [] : expandInputs(opts.corpus, '.bin').map((f) => ({ name: f, bytes: readInput(f) }));
  const baseline = opts.baseline !== undefined ? loadBucketBaseline(opts.baseline) : undefined;
  if (opts.writeBaseline !== undefined) checkBucketBaselineOutput(opts.writeBaseline);
  // The output folder is checked before any work: a bad --out is one line, not a stack trace later.
  asCliError(() => prepareOutFolder(opts.out));
  const lock = asCliError(() => acquireOutLock(opts.out, 'fuzz campaign'));
  if (lock.staleNote !== undefined) process.stderr.write(`preflight: ${lock.staleNote}\n`);
  const interrupts = new Interrupts().install();
  const progress = new ProgressLine(process.stderr, branchTable(model).names.length);
  try {
    const seed = opts.seed?.seed ?? randomInt(0x7fffffff);
    if (opts.seed === undefined) process.stderr.write(`preflight: fuzz seed ${seed}\n`);
    const shard = opts.shard ?? { index: 0, count: 1 };
    const out = new FuzzOut(opts.out, { schema, model, fleet, ...(exec !== undefined ? { exec } : {}) }, { seed, shard, schemaFile });
    const previous = await out.rerun(DEFAULT_BUDGET_MS, () => interrupts.stopRequested, (n) => {
      process.stderr.write(`preflight: fuzz rerunning ${n} saved reproducer(s) from ${out.store.dir}\n`);
    });
    const { runCampaign } = await import('../../fuzz/engine/campaign.js');
    const result = await runCampaign({
      schemaFile, modelFile: model.source, fleet, seed, seeds, shard, ...(exec !== undefined ? { exec } : {}),
      // A time-boxed campaign also boxes its shrinking (a quarter of the time, at least 5 s); --runs shrinks fully.
      ...(opts.time !== undefined ? { timeMs: opts.time * 1000, shrinkMs: Math.max(5000, opts.time * 250) } : { runs: opts.runs ?? DEFAULT_RUNS }),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      onNewBuckets: (b) => out.saveFound(b),
      onProgress: (p) => progress.update(p),
      stopWhen: () => interrupts.stopRequested,
      shrinkWhile: () => interrupts.shrinkAllowed(),
    });
    progress.end();
    const saved = out.saveFinal(result);
    out.saveCorpus(result.corpus);
    const found = campaignDocument(result, saved, previousEntry(previous), {
      interrupted: interrupts.stopRequested,
      ...(opts.seed !== undefined && String(opts.seed.seed) !== opts.seed.given ? { seed_given: opts.seed.given } : {}),
    });
    const note = (line: string): void => void process.stderr.write(`preflight: ${line}\n`);
    const doc = baseline !== undefined ? gateBuckets(found, baseline, note) : found;
    if (opts.writeBaseline !== undefined) saveBucketBaseline(opts.writeBaseline, doc, baseline, note);
    for (const p of previous.invalid) process.stderr.write(`preflight: ${p.file}: left alone: ${p.problem}\n`);
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(doc)}\n` : renderCampaignText(doc, opts.color && useColor(), textWidth()));
    process.exitCode = hasFindings(doc) ? EXIT.findings : EXIT.ok;
  } finally {
    progress.end();
    lock.release();
    interrupts.uninstall();
  }
}

function previousEntry(r: RerunReport): PreviousEntry {
  return {
    still_failing: r.stillFailing.map((s) => s.id), fixed: r.fixed.map((f) => f.id), skipped: r.skipped.map((s) => s.id),
    invalid: r.invalid.map((p) => ({ file: p.file, problem: p.problem })), not_run: r.notRun,
  };
}

/** The report fits the terminal; 80 columns when stdout is not one (a pipe, a CI log). */
function textWidth(): number {
  const cols = process.stdout.isTTY === true ? process.stdout.columns : undefined;
  return cols !== undefined && cols >= 40 ? cols : 80;
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
      if (e instanceof CliError || e instanceof SchemaError || e instanceof ProfileError || e instanceof EncodeError || isStoreError(e)) {
        process.stderr.write(`preflight: ${e.message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.stderr.write(`preflight: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    }
  };
}
