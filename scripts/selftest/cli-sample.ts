import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/schema/index.js';
import type { SelftestOptions } from './campaign.js';
import type { SelftestFormat } from './formats.js';
import { InputSource } from './inputs.js';
import type { Failure } from './protocol.js';
import { cliCommand } from './save.js';
import { COMMANDS, type SelftestCommand } from './targets.js';

export interface CliSampleStats {
  readonly runs: number;
  readonly byCommand: Record<string, number>;
  readonly byExit: Record<string, number>;
  /** The largest peak RSS of a run over the same command's run on a corpus file (MB). */
  readonly maxRssGrowthMb: number;
  readonly maxRssMb: number;
}

/** Exit codes each command may give for a readable file (its --help says which). */
const ALLOWED: Readonly<Record<SelftestCommand, readonly number[]>> = {
  validate: [0, 1],
  inspect: [0],
  explain: [0, 1],
  diff: [0, 1],
  report: [0],
  unpack: [0, 2],
  replay: [0, 1],
};

/** A stack frame or preflight's own words for a bug. */
const INTERNAL = /internal error|^\s+at .+(:\d+:\d+\)?|\(node:)/m;

const CLI = (): string => join(packageRoot(), 'dist', 'cli', 'main.js');

/**
 * Runs inputs through the real CLI, one at a time (the workers use the other cores), until
 * `cliSample` runs are done or the campaign stops: exit codes within each command's contract, no
 * "internal error" and no stack on stderr, peak RSS (from /usr/bin/time) within 64 MB + 2x the
 * input over the same command's run on a small corpus file, and the time budget.
 */
export async function runCliSample(o: SelftestOptions, formats: readonly SelftestFormat[], stop: () => boolean, onFailure: (f: Failure) => void): Promise<CliSampleStats> {
  const stats = { runs: 0, byCommand: {} as Record<string, number>, byExit: {} as Record<string, number>, maxRssGrowthMb: 0, maxRssMb: 0 };
  if (!existsSync(CLI())) {
    process.stderr.write(`selftest: ${CLI()} is missing (npm run build): no CLI sample\n`);
    return stats;
  }
  const source = new InputSource(formats, o.seed ^ 0xc11);
  const dir = mkdtempSync(join(tmpdir(), 'preflight-selftest-cli-'));
  const baselines = new Map<string, number>();
  const hasTime = existsSync('/usr/bin/time');
  try {
    for (let i = 0; stats.runs < o.cliSample && (i === 0 || !stop() || stats.runs < Math.min(o.cliSample, 20)); i++) {
      // Format (index mod 5) and command (i mod 7) both walk.
      const input = source.draw(i * 6);
      const drawn = input.jobFor(COMMANDS[i % COMMANDS.length]!);
      // A process argument cannot hold a NUL byte (the in-process run gets `--path "\0"`; here it would
      // be execFile's own TypeError, which ended a long run): that one input goes without --path.
      const job = drawn.path?.includes('\u0000') ? { ...drawn, path: undefined } : drawn;
      const file = join(dir, 'input.bin');
      const old = job.old !== undefined ? join(dir, 'old.bin') : undefined;
      writeFileSync(file, job.bytes);
      if (old !== undefined) writeFileSync(old, job.old!);
      const args = cliCommand(job, input.format.schemaFile, file, old, join(dir, 'out.html'));
      const key = `${job.command}|${input.format.name}`;
      if (hasTime && !baselines.has(key) && input.format.seeds[0] !== undefined) {
        writeFileSync(join(dir, 'seed.bin'), input.format.seeds[0].bytes);
        const b = await run(cliCommand({ command: job.command }, input.format.schemaFile, join(dir, 'seed.bin'), job.old !== undefined ? join(dir, 'seed.bin') : undefined, join(dir, 'out.html')), dir, o.budgetMs, hasTime);
        baselines.set(key, b.rssMb ?? 0);
      }
      const r = await run(args, dir, o.budgetMs * (old !== undefined ? 2 : 1), hasTime);
      stats.runs++;
      stats.byCommand[job.command] = (stats.byCommand[job.command] ?? 0) + 1;
      stats.byExit[String(r.code)] = (stats.byExit[String(r.code)] ?? 0) + 1;
      const problems: [Failure['reason'], string][] = [];
      if (r.timedOut) problems.push(['cli time', `killed after ${Math.round(r.ms / 1000)} s`]);
      else if (!allowed(job.command, job.at !== undefined || job.path !== undefined, input.format.consumers !== undefined, r.code)) problems.push(['cli exit code', `exit ${r.code}: ${r.stderr.slice(0, 300)}`]);
      if (INTERNAL.test(r.stderr)) problems.push(['cli internal error', r.stderr.slice(0, 2000)]);
      if (r.rssMb !== undefined) {
        stats.maxRssMb = Math.max(stats.maxRssMb, r.rssMb);
        const growth = r.rssMb - (baselines.get(key) ?? r.rssMb);
        stats.maxRssGrowthMb = Math.max(stats.maxRssGrowthMb, growth);
        const bound = 64 + (2 * (job.bytes.length + (job.old?.length ?? 0))) / 2 ** 20;
        if (growth > bound) problems.push(['cli memory', `peak RSS ${r.rssMb.toFixed(0)} MB, ${growth.toFixed(0)} MB over the same command on a corpus file (bound ${bound.toFixed(1)} MB)`]);
      }
      for (const [reason, message] of problems) {
        onFailure({
          index: -1 - i, command: job.command, format: input.format.name, kind: 'cli', how: `${input.how}; cli: ${args.join(' ')}`,
          reason, message, ms: r.ms, bytes: job.bytes, ...(job.old !== undefined ? { old: job.old } : {}),
          ...(job.at !== undefined ? { at: job.at } : {}), ...(job.path !== undefined ? { path: job.path } : {}),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return stats;
}

function allowed(command: SelftestCommand, inspectOptions: boolean, hasConsumers: boolean, code: number | null): boolean {
  if (code === null) return false;
  // replay needs consumers: a format without a model is a one-line usage error.
  if (command === 'replay' && !hasConsumers) return code === 2;
  if (command === 'inspect' && inspectOptions) return code === 0 || code === 2;
  return ALLOWED[command].includes(code);
}

interface CliRun { code: number | null; stderr: string; ms: number; rssMb: number | undefined; timedOut: boolean }

function run(args: string[], dir: string, budgetMs: number, hasTime: boolean): Promise<CliRun> {
  const rssFile = join(dir, 'rss.txt');
  const [cmd, argv] = hasTime ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, CLI(), ...args]] : [process.execPath, [CLI(), ...args]];
  const started = performance.now();
  return new Promise((resolve) => {
    // execFile throws at once for arguments no process can get; that is the sample's bug, not the CLI's.
    try {
      spawnOne();
    } catch (e) {
      resolve({ code: null, stderr: `the selftest could not start the CLI: ${e instanceof Error ? e.message : String(e)}`, ms: 0, rssMb: undefined, timedOut: false });
    }
    function spawnOne(): void {
    execFile(cmd, argv as string[], { cwd: packageRoot(), timeout: budgetMs * 3 + 10_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, _stdout, stderr) => {
      const ms = performance.now() - started;
      const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null;
      let rssMb: number | undefined;
      if (hasTime && existsSync(rssFile)) {
        const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        if (Number.isFinite(kb)) rssMb = kb / 1024;
        rmSync(rssFile, { force: true });
      }
      resolve({ code, stderr: String(stderr), ms, rssMb, timedOut });
    });
    }
  });
}
