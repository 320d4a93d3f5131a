import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDifferential } from '../../src/exec/differential.js';
import { buildConsumers, CCF, ROOT, SIGPACK } from './build.js';

beforeAll(buildConsumers, 180_000);

// Issue 13's acceptance is 10,000 inputs per format: scripts/differential.ts (bench/differential.json).
const INPUTS = 250;

describe('--differential: each bundled consumer model agrees with its C example', () => {
  it.each([
    ['ccf', 'schemas/ccf-v1.yaml', 'profiles/default/agent-7.11.yaml', CCF, 'corpus/ccf'],
    ['sigpack', 'schemas/sigpack-v1.yaml', 'profiles/sigpack-v1/scanner-2.3.yaml', SIGPACK, 'corpus/sigpack'],
  ])(`%s: ${INPUTS} generated and mutated inputs, no disagreement in outcome`, async (_, schema, profile, program, corpus) => {
    const r = await runDifferential({
      schemaFile: join(ROOT, schema), profileFile: join(ROOT, profile), command: `${program} ${join(ROOT, profile)} --persistent`, persistent: true,
      inputs: INPUTS, seed: 5, corpus: [join(ROOT, corpus)],
    });
    expect(r.disagreements.map((d) => `run ${d.r} (${d.how}): model ${d.model}, real ${d.real.outcome} ${d.real.sanitizer?.summary ?? ''}`)).toEqual([]);
    expect(r.inputs).toBe(INPUTS);
    // Not a vacuous agreement: every outcome occurs.
    expect(r.agree.load).toBeGreaterThan(10);
    expect(r.agree.reject).toBeGreaterThan(10);
    expect(r.agree.crash).toBeGreaterThan(10);
  }, 600_000);
});
