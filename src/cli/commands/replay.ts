import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { defaultFleetDir, loadFleet, loadProfile, type ConsumerProfile } from '../../consumer/index.js';
import { parseBucketKey } from '../../fuzz/engine/bucket.js';
import { describe, replayBytes } from '../../fuzz/engine/replay.js';
import { parseSidecar, type Sidecar } from '../../fuzz/store/sidecar.js';
import { CliError, EXIT } from '../cli-error.js';
import { readInput, readText } from '../io.js';
import { collect, resolveFleet, resolveSchema } from '../load-options.js';

export function replayCommand(): Command {
  return new Command('replay')
    .description('run a fuzzer reproducer again: does it still fail the same way?')
    .argument('<file>', 'reproducer (.bin); its .json sidecar, when next to it, says how it failed')
    .option('--schema <file>', "format schema (default: the sidecar's, else the bundled CCF v1 schema)")
    .option('--profile <file>', "consumer profile YAML (repeatable; default: the sidecar's profile, else the bundled fleet)", collect, [])
    .option('--fleet <dir>', 'folder of consumer profiles (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `
Exit codes: 1 it still fails (crashes, or the validator still passes it), 0 fixed, 2 error.

Example:
  $ preflight replay fuzz-out/crashes/OOB_INPUT_READ-agent-7.11-3f2a9c1b04.bin`)
    .action((file: string, opts: { schema?: string; profile: string[]; fleet: string[]; format: 'text' | 'json' }) => {
      const bytes = readInput(file);
      const sidecar = readSidecar(file);
      const schemaFile = opts.schema ?? (sidecar !== undefined && existsSync(sidecar.schema) ? sidecar.schema : undefined);
      const schema = resolveSchema(schemaFile);
      const fleet = opts.profile.length > 0 || opts.fleet.length > 0 ? resolveFleet(schema, opts.profile, opts.fleet) : sidecarFleet(sidecar);
      const k = sidecar !== undefined ? parseBucketKey(sidecar.bucket) : undefined;
      if (k !== undefined && k.profile !== '' && !fleet.some((p) => p.name === k.profile)) {
        throw new CliError(`${file}: it failed on profile ${k.profile}, which the given profiles do not include`);
      }
      const v = replayBytes(bytes, { schema, fleet }, sidecar?.bucket);
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify({ file, status: v.status, same: v.same, expected: v.expected ?? null, message: v.message, now: v.now })}\n`);
      } else {
        const was = sidecar !== undefined ? `saved as ${sidecar.fault}${sidecar.profile ? ` on ${sidecar.profile}` : ''} at ${sidecar.location}` : 'no sidecar';
        process.stdout.write(`${file} (${bytes.length} bytes; ${was})\n  ${v.status === 'fails' ? 'FAILS' : 'FIXED'}: ${v.message}\n`);
        for (const h of v.now) process.stdout.write(`  now: ${describe(h)}\n`);
      }
      process.exitCode = v.status === 'fails' ? EXIT.findings : EXIT.ok;
    });
}

function readSidecar(file: string): Sidecar | undefined {
  const json = file.replace(/\.bin$/, '') + '.json';
  if (json === file || !existsSync(json)) return undefined;
  const s = parseSidecar(readText(json));
  if (s === undefined) throw new CliError(`${json}: not a preflight reproducer sidecar`);
  return s;
}

/** The profile the reproducer was found on when its file is still there; else the bundled fleet. */
function sidecarFleet(sidecar: Sidecar | undefined): readonly ConsumerProfile[] {
  if (sidecar?.profile_source !== undefined && existsSync(sidecar.profile_source)) {
    const p = loadProfile(sidecar.profile_source);
    if (p.name === sidecar.profile) return [p];
  }
  return loadFleet(defaultFleetDir());
}
