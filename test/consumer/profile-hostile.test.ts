import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/consumer/index.js';
import { parseModelProfile } from '../../src/model/index.js';
import { MAX_MODEL_PROFILE_BYTES as MAX_PROFILE_BYTES } from '../../src/model/load/read-profile.js';
import { ccfConsumers } from '../helpers/consumers.js';
import { thrownBy } from '../helpers/thrown.js';

const model = ccfConsumers().model;
const parseProfile = (text: string, source: string) => parseModelProfile(text, source, model);

const profileWith = (ids: number): string =>
  `name: big\ntemplates:\n${Array.from({ length: ids }, (_, i) => `  ${i}: { inputs: [INT] }`).join('\n')}\nops: [ANY]\nlimits: { max_instances: 9, max_file_size: 99, regex_max_length: 9 }\n`;

const bestOf = (runs: number, fn: () => void): number => {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
};

describe('hostile profiles (issue 7 §4)', () => {
  it('loads in linear time: 4x the template ids costs well under 16x (the yaml package\'s uniqueKeys was quadratic)', () => {
    const small = profileWith(4_000);
    const large = profileWith(16_000);
    parseProfile(small, 'warm.yaml');
    const ratio = bestOf(2, () => parseProfile(large, 'l.yaml')) / bestOf(2, () => parseProfile(small, 's.yaml'));
    // Measured: 4-5x now; 14-16x with uniqueKeys (2.1 s for 20,000 ids, 58 s for 60,000).
    expect(ratio).toBeLessThan(9);
    expect(parseProfile(large, 'l.yaml').inputs.size).toBe(16_000);
  }, 60_000);

  it('still finds a duplicate key, with its line', () => {
    const e = thrownBy(ProfileError, () => parseProfile(profileWith(3) + 'name: again\n', 'p.yaml'));
    expect(e.message).toMatch(/^p\.yaml:8:1: name: not valid YAML: duplicate key "name"/);
  });

  it('refuses a profile over the size limit in one line, without parsing it', () => {
    const e = thrownBy(ProfileError, () => parseProfile(`name: x\n#${'x'.repeat(MAX_PROFILE_BYTES)}\n`, 'huge.yaml'));
    expect(e.message).toMatch(/^huge\.yaml: the profile is [\d,]+ characters, over the 4,194,304-byte limit/);
  });
});
