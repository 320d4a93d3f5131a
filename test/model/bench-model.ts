/**
 * Side by side on a ~1 MiB CCF file: the hand-written simulator and the model-driven consumer,
 * per default profile, median of 5 (issue 9 wants the model at most 2x the simulator, once compiled).
 * Run: npx tsx test/model/bench-model.ts. Writes nothing.
 */
import { defaultFleetDir, loadFleet } from '../../src/consumer/index.js';
import { bigCcfFile } from '../../bench/big-ccf-file.js';
import { medianTime } from '../../bench/median-time.js';
import { loadModel, loadModelProfile, simulateModel } from '../../src/model/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { simulateConsumer } from '../../src/simulate/index.js';
import { summary } from './compare.js';

const schema = loadSchema(defaultSchemaPath());
const model = loadModel('schemas/ccf-v1.consumer.yaml', schema);
const fleet = loadFleet(defaultFleetDir());


const bytes = bigCcfFile(schema, 3900);
console.log(`${(bytes.length / 1048576).toFixed(2)} MiB CCF file (3900 instances x 21 criteria), median of 5`);
for (const p of fleet) {
  const mp = loadModelProfile(p.source, model);
  const same = JSON.stringify(summary(simulateConsumer(bytes, p))) === JSON.stringify(summary(simulateModel(bytes, model, mp)));
  const hand = medianTime(() => simulateConsumer(bytes, p));
  const driven = medianTime(() => simulateModel(bytes, model, mp));
  console.log(`${p.name}: simulator ${hand.toFixed(1)} ms, model ${driven.toFixed(1)} ms, ratio ${(driven / hand).toFixed(1)}x, agree: ${same}`);
}
