/**
 * Side by side on a ~1 MiB CCF file: the hand-written simulator and the model-driven consumer,
 * per default profile, median of 5 (issue 9 wants the model at most 2x the simulator, once compiled).
 * Run: npx tsx test/model/bench-model.ts. Writes nothing.
 */
import { defaultFleetDir, loadFleet } from '../../src/consumer/index.js';
import { encode } from '../../src/encode/index.js';
import { loadModel, loadModelProfile, simulateModel } from '../../src/model/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { simulateConsumer } from '../../src/simulate/index.js';
import { summary } from './compare.js';

const schema = loadSchema(defaultSchemaPath());
const model = loadModel('schemas/ccf-v1.consumer.yaml', schema);
const fleet = loadFleet(defaultFleetDir());
const KINDS = ['STR', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'STR', 'STR'];

/** The same file as bench/validate.ts: 3,900 instances × 21 criteria, unique strings. */
function bigFile(instances: number): Uint8Array {
  const criteria = (i: number) => KINDS.map((k, f) => {
    if (f === 20 || (f + i) % 3 !== 0) return { op: 'ANY' };
    return k === 'INT' ? { op: 'EQ_INT', value: BigInt(i * 31 + f) } : { op: 'PREFIX_STR', text: `\\\\.\\pipe\\agent-${i}-field-${f}-${'x'.repeat(4 + ((i * f) % 20))}` };
  });
  return encode(schema, {
    types: [{ type_id: 1, field_kinds: KINDS }],
    instances: Array.from({ length: instances }, (_, i) => ({ instance_id: i + 1, type_id: 1, action: 'block', criteria: criteria(i) })),
  });
}

function time(fn: () => unknown, reps = 5): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

const bytes = bigFile(3900);
console.log(`${(bytes.length / 1048576).toFixed(2)} MiB CCF file (3900 instances x 21 criteria), median of 5`);
for (const p of fleet) {
  const mp = loadModelProfile(p.source, model);
  const same = JSON.stringify(summary(simulateConsumer(bytes, p))) === JSON.stringify(summary(simulateModel(bytes, model, mp)));
  const hand = time(() => simulateConsumer(bytes, p));
  const driven = time(() => simulateModel(bytes, model, mp));
  console.log(`${p.name}: simulator ${hand.toFixed(1)} ms, model ${driven.toFixed(1)} ms, ratio ${(driven / hand).toFixed(1)}x, agree: ${same}`);
}
