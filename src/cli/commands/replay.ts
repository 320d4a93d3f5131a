import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { describe, replayBytes, type ReplayVerdict } from '../../fuzz/engine/replay.js';
import { readBounded } from '../../fuzz/store/crash-store.js';
import { MAX_SIDECAR_BYTES, parseSidecar, sidecarProblemText, type Sidecar } from '../../fuzz/store/sidecar.js';
import { CliError, EXIT } from '../cli-error.js';
import { readInput } from '../io.js';
import { collect } from '../collect.js';
import { chooseReplaySetup, type ReplaySetup } from './replay-setup.js';
import { addExecOptions, execSetupOf, type ExecOpts } from '../exec-options.js';
import { closeRunners } from '../../exec/hits.js';
import { EXEC_NAME } from '../../exec/runner.js';

interface ReplayOpts extends ExecOpts { schema?: string; profile: string[]; fleet: string[]; format: 'text' | 'json'; trustSidecarPaths: boolean }

export function replayCommand(): Command {
  return addExecOptions(new Command('replay'))
    .description('run a fuzzer reproducer again: does it still fail the same way?')
    .argument('<file>', 'reproducer (.bin); its .json sidecar, when next to it, says how it failed')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .option('--profile <file>', 'consumer profile YAML (repeatable; default: the bundled fleet)', collect, [])
    .option('--fleet <dir>', 'folder of consumer profiles (repeatable)', collect, [])
    .option('--trust-sidecar-paths', "load the schema and profile files the sidecar names (only for sidecars you made: they are paths from the sidecar's author)", false)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `
With a sidecar (FILE.json next to FILE), replay reruns the check that failed and compares.
Without one, it reports what the file does now: validate's verdict and each consumer's outcome.
It says which schema and profiles it used: by default the bundled ones (or --schema, --profile,
--fleet); the paths a sidecar names are loaded only with --trust-sidecar-paths.

Exit codes: 1 it still fails (with no sidecar: validate fails it or a consumer does not load it),
0 fixed (or passes), 2 usage or input error.

Example:
  $ preflight replay fuzz-out/crashes/OOB_INPUT_READ-agent-7.11-3f2a9c1b04.bin`)
    .action((file: string, opts: ReplayOpts) => {
      if (/\.json$/i.test(file)) {
        throw new CliError(`${file}: this is a sidecar, not a reproducer; replay the .bin next to it: ${file.replace(/\.json$/i, '.bin')}`);
      }
      const bytes = readInput(file);
      const sidecar = readSidecar(file);
      const setup = chooseReplaySetup(file, sidecar, { ...opts, ...(opts.exec !== undefined ? { execName: opts.execName ?? EXEC_NAME } : {}) });
      const exec = execSetupOf(opts, setup.fleet);
      let v: ReplayVerdict;
      try {
        v = replayBytes(bytes, { schema: setup.schema, model: setup.model, fleet: setup.fleet, ...(exec !== undefined ? { exec } : {}) }, sidecar?.bucket);
      } finally {
        closeRunners();
      }
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(jsonOf(file, setup, v))}\n`);
      else process.stdout.write(textOf(file, bytes.length, sidecar, setup, v));
      process.exitCode = v.status === 'fails' ? EXIT.findings : EXIT.ok;
    });
}

function readSidecar(file: string): Sidecar | undefined {
  const json = `${file.replace(/\.bin$/i, '')}.json`;
  if (!existsSync(json)) return undefined;
  const got = readBounded(json, MAX_SIDECAR_BYTES);
  if (typeof got !== 'object') throw new CliError(`${json}: the sidecar cannot be used: ${got}`);
  const parsed = parseSidecar(Buffer.from(got.bytes).toString('utf8'));
  if (!parsed.ok) throw new CliError(`${json}: invalid sidecar: ${parsed.problems.map(sidecarProblemText).join('; ')}`);
  return parsed.sidecar;
}

const LABEL = { fails: 'FAILS', fixed: 'FIXED', passes: 'PASSES' } as const;

function textOf(file: string, size: number, sidecar: Sidecar | undefined, setup: ReplaySetup, v: ReplayVerdict): string {
  const was = sidecar !== undefined
    ? `saved as ${sidecar.fault}${sidecar.profile ? ` on ${sidecar.profile}` : ''} at ${sidecar.location}`
    : 'no sidecar: reporting what the file does now';
  const lines = [`${file} (${size} bytes; ${was})`, `  schema: ${setup.schemaNote}`, `  profiles: ${setup.fleetNote}`];
  lines.push(`  ${LABEL[v.status]}: ${v.message}`);
  if (sidecar !== undefined) for (const h of v.now) lines.push(`  now: ${describe(h)}`);
  return `${lines.join('\n')}\n`;
}

function jsonOf(file: string, setup: ReplaySetup, v: ReplayVerdict): Record<string, unknown> {
  return {
    file, status: v.status, same: v.same, expected: v.expected ?? null, message: v.message, now: v.now,
    verdict: v.current.verdict, findings: v.current.findings,
    consumers: v.current.consumers.map((c) => ({ profile: c.profile, outcome: c.outcome, fault: c.fault })),
    schema: setup.schemaUsed, profiles: setup.fleetUsed,
  };
}
