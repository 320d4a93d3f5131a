/**
 * docs/sigpack.md quotes sigpack's files as they are: every YAML block is a run of lines of the
 * consumer model or of a profile of its fleet, the xxd dump is the corpus file's bytes, and every
 * corpus file its crash table names crashes (or loads) each version as the table says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFleet } from '../../src/consumer/index.js';
import { loadModel, simulateModel } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'sigpack.md'), 'utf8');
const fences = [...doc.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
const quoted = ['schemas/sigpack-v1.consumer.yaml', 'profiles/sigpack-v1/scanner-2.3.yaml', 'profiles/sigpack-v1/scanner-2.4.yaml']
  .map((f) => readFileSync(join(root, f), 'utf8'));

describe('docs/sigpack.md', () => {
  it('quotes the model and the profiles line for line', () => {
    const yaml = fences.filter((f) => f.lang === 'yaml');
    expect(yaml.length).toBeGreaterThanOrEqual(2);
    for (const { body } of yaml) {
      // Blank lines in a quote may stand for a cut; every other line follows the one before it.
      const parts = body.split(/\n\s*\n/).map((p) => p.trimEnd());
      for (const part of parts) expect(quoted.some((text) => text.includes(part)), part).toBe(true);
    }
  });

  it('shows the bytes of oob-input-read.bin', () => {
    const dump = fences.find((f) => f.lang === '' && f.body.startsWith('00000000:'))!;
    const hex = dump.body.split('\n').filter(Boolean).map((l) => l.slice(10, 50).replace(/\s/g, '')).join('');
    expect(hex).toBe(readFileSync(join(root, 'corpus/sigpack/oob-input-read.bin')).toString('hex'));
  });

  it('its crash table says what each version does with each file', () => {
    const schema = loadSchema(join(root, 'schemas/sigpack-v1.yaml'));
    const model = loadModel(join(root, 'schemas/sigpack-v1.consumer.yaml'), schema);
    const fleet = loadModelFleet(model.fleetDir!, model).profiles;
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| [^|]+ \| `([\w-]+\.bin)` \| \**(\w+)\** \| \**(\w+)\** \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const [, code, file, v23, v24] of rows) {
      const bytes = new Uint8Array(readFileSync(join(root, 'corpus/sigpack', file!)));
      const sims = fleet.map((p) => simulateModel(bytes, model, p));
      expect(sims.map((s) => s.outcome), file).toEqual([v23, v24]);
      for (const s of sims) if (s.outcome === 'crash') expect(s.fault!.code, file).toBe(code);
    }
  });
});
