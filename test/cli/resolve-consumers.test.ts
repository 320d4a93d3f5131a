import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import { noModelNote, resolveConsumers } from '../../src/cli/load-options.js';
import { ProfileError } from '../../src/consumer/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

const ccf = loadSchema(defaultSchemaPath());
const sigpack = loadSchema('schemas/sigpack-v1.yaml');

/** A copy of the sigpack schema (and, when given, a model text beside it) in a fresh folder. */
function sigpackCopy(model?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-resolve-'));
  copyFileSync('schemas/sigpack-v1.yaml', join(dir, 'sigpack-v1.yaml'));
  if (model !== undefined) writeFileSync(join(dir, 'sigpack-v1.consumer.yaml'), model);
  return join(dir, 'sigpack-v1.yaml');
}

describe('resolveConsumers: the model beside the schema and its fleet', () => {
  it('the bundled schema: the CCF model and its default fleet, profiles/default/', () => {
    const c = resolveConsumers(undefined, ccf, [], [])!;
    expect(c.model.source.replace(/\\/g, '/')).toMatch(/schemas\/ccf-v1\.consumer\.yaml$/);
    expect(c.profiles.map((p) => [p.name, p.population])).toEqual([['agent-7.11', 8_500_000], ['agent-7.16', 1_200_000]]);
  });

  it('any schema with a model: sigpack gets its own fleet, and --profile/--fleet replace it', () => {
    expect(resolveConsumers('schemas/sigpack-v1.yaml', sigpack, [], [])!.profiles.map((p) => p.name)).toEqual(['scanner-2.3', 'scanner-2.4']);
    const one = resolveConsumers('schemas/sigpack-v1.yaml', sigpack, ['profiles/sigpack-v1/scanner-2.4.yaml'], [])!;
    expect(one.profiles.map((p) => p.name)).toEqual(['scanner-2.4']);
  });

  it('a schema without a model: undefined (the caller says so), and profiles for it are an error', () => {
    const file = sigpackCopy();
    expect(resolveConsumers(file, sigpack, [], [])).toBeUndefined();
    expect(noModelNote(file, sigpack)).toMatch(/^schema "?sigpack-v1"? has no consumer model \(sigpack-v1\.consumer\.yaml\)$/);
    expect(thrownBy(CliError, () => resolveConsumers(file, sigpack, [], ['profiles/sigpack-v1'])).message).toMatch(/need a consumer model/);
  });

  it('a model that names no default fleet needs --profile or --fleet', () => {
    const model = readFileSync('schemas/sigpack-v1.consumer.yaml', 'utf8').replace(/^fleet: .*$/m, '');
    const file = sigpackCopy(model);
    expect(thrownBy(CliError, () => resolveConsumers(file, sigpack, [], [])).message).toMatch(/names no default fleet \(fleet:\)/);
    expect(resolveConsumers(file, sigpack, [], [join(process.cwd(), 'profiles/sigpack-v1')])!.profiles).toHaveLength(2);
  });

  it('a profile of another format is a ProfileError with file, line and key; a name given twice is refused', () => {
    const e = thrownBy(ProfileError, () => resolveConsumers('schemas/sigpack-v1.yaml', sigpack, ['profiles/default/agent-7.11.yaml'], []));
    expect(e.file).toBe('profiles/default/agent-7.11.yaml');
    expect(e.line).toBeGreaterThan(0);
    expect(e.key).not.toBe('');
    expect(thrownBy(CliError, () => resolveConsumers(undefined, ccf, ['profiles/default/agent-7.11.yaml'], ['profiles/default'])).message)
      .toMatch(/profile name "?agent-7\.11"? is given twice/);
  });

  it('--fleet must be a folder', () => {
    expect(thrownBy(CliError, () => resolveConsumers(undefined, ccf, [], ['profiles/default/agent-7.11.yaml'])).message).toMatch(/--fleet takes a folder/);
  });
});
