import { describe, expect, it } from 'vitest';
import { BaselineError, parseBaseline } from '../../src/baseline/index.js';

const SHA = 'a'.repeat(64);
const entry = (extra = '', reason = 'known: fixed in 7.17'): string =>
  `version: 1\nentries:\n  - code: OOB_INPUT_READ\n    path: instances[5].criteria[20]\n    sha256: ${SHA}\n    reason: "${reason}"\n${extra}`;

function errorOf(text: string): string {
  try {
    parseBaseline(text, 'b.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(BaselineError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('parseBaseline', () => {
  it('reads entries with their line, optional profile, file and expiry', () => {
    const b = parseBaseline(entry('    profile: agent-7.11\n    expires: 2030-01-31\n    file: release/a.bin\n'), 'b.yaml');
    expect(b.entries).toEqual([{ code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', sha256: SHA, reason: 'known: fixed in 7.17', line: 3, profile: 'agent-7.11', expires: '2030-01-31', file: 'release/a.bin' }]);
  });

  it('reads JSON too', () => {
    const b = parseBaseline(JSON.stringify({ version: 1, entries: [{ code: 'GAP', path: 'pool', sha256: SHA, reason: 'ok' }] }), 'b.json');
    expect(b.entries[0]!.code).toBe('GAP');
  });

  it('refuses unknown keys, with file:line:col and the key', () => {
    expect(errorOf(entry('    profil: agent-7.11\n'))).toBe('b.yaml:7:5: entries[0].profil: unknown key (allowed: code, path, sha256, profile, file, reason, expires)');
    expect(errorOf(`version: 1\nentries: []\nextra: 1\n`)).toBe('b.yaml:3:1: extra: unknown key (allowed: version, entries, buckets)');
  });

  it('refuses what would make an entry silently useless or dangerous', () => {
    expect(errorOf(entry().replace('OOB_INPUT_READ', 'OOB_INPUT_RAED'))).toMatch(/^b\.yaml:3:\d+: entries\[0\]\.code: unknown finding code "OOB_INPUT_RAED"$/);
    expect(errorOf(entry().replace(SHA, 'abc'))).toMatch(/^b\.yaml:5:\d+: entries\[0\]\.sha256: must be 64 lowercase hex digits/);
    expect(errorOf(entry('    expires: 2030-02-30\n'))).toMatch(/^b\.yaml:7:\d+: entries\[0\]\.expires: must be a date YYYY-MM-DD/);
    expect(errorOf(entry('', 'TODO: say why this finding is accepted'))).toMatch(/^b\.yaml:6:\d+: entries\[0\]\.reason: say why/);
    expect(errorOf(entry('', '  '))).toMatch(/entries\[0\]\.reason: say why/);
    expect(errorOf(entry().replace(/    reason.*\n/, ''))).toMatch(/^b\.yaml:3:\d+: entries\[0\]: missing required key "reason"$/);
    expect(errorOf('version: 2\nentries: []\n')).toMatch(/^b\.yaml:1:\d+: version: must be 1$/);
    expect(errorOf('entries: []\n')).toMatch(/missing required key "version"/);
    expect(errorOf(`${entry()}    code: GAP\n`)).toMatch(/^b\.yaml:7:\d+: not valid YAML: Map keys must be unique/);
  });

  it('refuses YAML aliases (no alias bombs) and malformed YAML with a position', () => {
    expect(errorOf(`version: 1\nentries:\n  - &e { code: GAP, path: p, sha256: ${SHA}, reason: r }\n  - *e\n`)).toMatch(/^b\.yaml:4:\d+: entries\[1\]: aliases are not allowed/);
    expect(errorOf('version: 1\nentries: [\n')).toMatch(/^b\.yaml:\d+:\d+: /);
  });
});
