import { Executor, runCampaign, type CarriedInput, type CampaignOptions } from '../src/fuzz/index.js';
import { executorConfig } from '../src/fuzz/engine/options.js';
import { factor, fleet, model, MODEL_FILE, num, SCHEMA_FILE, schema, springSeeds, table } from './fuzz-setup.js';

const MAX_FILE = 2048;

export interface Throughput {
  readonly name: string;
  readonly execsPerSec: number;
  readonly note: string;
}

/** A campaign on one in-process worker for `ms`: end-to-end runs per second (derive + all checks). */
async function campaignRate(name: string, extra: Partial<CampaignOptions>, ms: number, note: string): Promise<Throughput> {
  const r = await runCampaign({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet, seed: 1, workers: 1, timeMs: ms, shrink: false, ...extra });
  return { name, execsPerSec: r.execsPerSec, note: `${num(r.runs)} runs; ${note}` };
}

/**
 * The checks alone (simulate with coverage, sampled validation, round trip), on inputs of at
 * most 2 KiB that the structured deriver makes, the second time round (RE2 verdicts cached).
 */
function checksRate(): Throughput {
  const ex = new Executor({ schema, model, fleet }, executorConfig({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet, seed: 9 }));
  ex.apply({ corpusAdds: springSeeds.map((s): CarriedInput => ({ bytes: s.bytes, how: 'seed' })), features: [], bucketSizes: [] });
  const inputs: { input: CarriedInput; r: number }[] = [];
  let derived = 0;
  for (let r = 0; inputs.length < 3000 && r < 20_000; r++) {
    const input = ex.derive(r);
    if (input !== null) derived++;
    if (input !== null && input.bytes.length <= MAX_FILE) inputs.push({ input, r });
  }
  // A first pass warms the caches and fills the coverage map and the bucket table, as a campaign
  // would have by then (else every run looks new, and new runs are validated).
  for (const { input, r } of inputs) {
    const report = ex.execute(input, r);
    ex.apply({ corpusAdds: [], features: report.novel ?? [], bucketSizes: (report.hits ?? []).map((h) => [h.key, 0] as const) });
  }
  const t = performance.now();
  for (let k = 0; k < 3; k++) for (const { input, r } of inputs) ex.execute(input, r);
  const rate = (3 * inputs.length * 1000) / (performance.now() - t);
  const bytes = inputs.reduce((s, x) => s + x.input.bytes.length, 0) / inputs.length;
  return { name: 'checks only (warm)', execsPerSec: rate, note: `${inputs.length} derived inputs <= 2 KiB (${Math.round((100 * inputs.length) / derived)}% of those derived), mean ${Math.round(bytes)} bytes` };
}

export async function throughput(ms: number): Promise<string> {
  const rows: Throughput[] = [
    await campaignRate('preflight fuzz (mixed)', {}, ms, 'generation + coverage-guided mutation, no corpus'),
    await campaignRate('preflight fuzz (spring seeds)', { seeds: springSeeds }, ms, 'same, seeded with the spring 2024 files'),
    await campaignRate('baseline: flipBytes', { seeds: springSeeds, strategy: 'flip' }, ms, 'random bit flips of the spring files, no feedback'),
    checksRate(),
  ];
  const base = rows[2]!.execsPerSec;
  return table(['engine (1 worker)', 'execs/s', 'vs baseline', 'notes'],
    rows.map((t) => [t.name, num(Math.round(t.execsPerSec)), factor(t.execsPerSec, base), t.note]));
}
