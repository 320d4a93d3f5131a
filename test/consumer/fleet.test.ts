import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadModelFleet, ProfileError } from '../../src/consumer/index.js';
import { loadModelProfile } from '../../src/model/index.js';
import { ccfConsumers } from '../helpers/consumers.js';

/** Fleets are read through the consumer model: here the CCF one, whose default fleet is profiles/default/. */
const model = ccfConsumers().model;
const loadFleet = (d: string) => loadModelFleet(d, model).profiles;
const loadProfile = (f: string) => loadModelProfile(f, model);
const kind = (n: string): number => model.schema.enums.get('field_kind')!.byName.get(n)!;

const TYPE1_KINDS = ['STR', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'STR', 'STR'];

const profileText = (name: string): string =>
  `name: ${name}\ntemplates:\n  1:\n    inputs: [STR]\nops: [ANY]\nlimits: {max_instances: 1, max_file_size: 100, regex_max_length: 1}\n`;

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'preflight-fleet-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadModelFleet', () => {
  it('loads *.yaml and *.yml files sorted by file name, not recursively', () => {
    writeFileSync(join(dir, 'b.yml'), profileText('bee'));
    writeFileSync(join(dir, 'a.yaml'), profileText('ay'));
    writeFileSync(join(dir, 'notes.txt'), 'not a profile');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'c.yaml'), profileText('sea'));
    const fleet = loadFleet(dir);
    expect(fleet.map((p) => p.name)).toEqual(['ay', 'bee']);
    expect(fleet[0]!.source).toBe(join(dir, 'a.yaml'));
  });

  it('rejects duplicate profile names, naming both files', () => {
    writeFileSync(join(dir, 'a.yaml'), profileText('same'));
    writeFileSync(join(dir, 'b.yaml'), profileText('same'));
    const err = (() => { try { loadFleet(dir); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as ProfileError).message).toContain(join(dir, 'a.yaml'));
    expect((err as ProfileError).message).toContain(join(dir, 'b.yaml'));
    expect(err).toMatchObject({ key: 'name', line: 1 });
  });

  it('rejects an empty folder and a missing one', () => {
    writeFileSync(join(dir, 'readme.md'), '# nothing');
    expect(() => loadFleet(dir)).toThrow(/no \*\.yaml/);
    expect(() => loadFleet(join(dir, 'nope'))).toThrow(ProfileError);
  });

  it('passes on the error of a bad profile, with its file and line', () => {
    writeFileSync(join(dir, 'a.yaml'), profileText('ok').replace('ops: [ANY]', 'ops: [ANY, NOPE]'));
    expect(() => loadFleet(dir)).toThrow(`${join(dir, 'a.yaml')}:5:`);
  });

  it('loadProfile turns a missing file into a ProfileError', () => {
    expect(() => loadProfile(join(dir, 'missing.yaml'))).toThrow(ProfileError);
  });
});

describe('the bundled default fleet', () => {
  it('is the CCF model\'s fleet: folder, profiles/default under the package root', () => {
    const d = model.fleetDir!;
    expect(isAbsolute(d)).toBe(true);
    expect(d.replace(/\\/g, '/')).toMatch(/\/profiles\/default$/);
    expect(JSON.parse(readFileSync(join(d, '..', '..', 'package.json'), 'utf8')).name).toBe('preflight');
  });

  it('holds agent-7.11 (20 inputs for type 1) and agent-7.16 (21 inputs)', () => {
    const fleet = ccfConsumers().profiles;
    const p711 = fleet.find((p) => p.name === 'agent-7.11')!;
    const p716 = fleet.find((p) => p.name === 'agent-7.16')!;
    expect(p711.population).toBe(8_500_000);
    expect(p716.population).toBe(1_200_000);
    expect(p711.inputs.get(1)).toEqual(TYPE1_KINDS.slice(0, 20).map(kind));
    expect(p716.inputs.get(1)).toEqual(TYPE1_KINDS.map(kind));
    for (const p of [p711, p716]) {
      expect(p.inputs.get(2)).toEqual(['STR', 'INT', 'STR', 'STR'].map(kind));
      expect(p.tags.get('ops')).toHaveLength(6);
      expect(Object.fromEntries(p.limits)).toEqual({ max_instances: 4096, max_file_size: 1048576, regex_max_length: 256 });
    }
  });
});
