import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadModelProfile, modelBeside } from '../model/index.js';
import { loadSchema } from '../schema/index.js';
import { InputDeriver } from '../fuzz/engine/derive-input.js';
import { executorConfig } from '../fuzz/engine/options.js';
import { seedInput } from '../fuzz/engine/seeds.js';
import { simulateBounded } from '../fuzz/engine/_internals/bounded.js';
import { DEFAULT_BUDGET_MS } from '../fuzz/engine/options.js';
import { splitCommand } from './argv.js';
import { realOutcome } from './hits.js';
import { ExecRunner, DEFAULT_EXEC_TIMEOUT_MS, type ExecResult } from './runner.js';

export interface DifferentialOptions {
  readonly schemaFile: string;
  readonly profileFile: string;
  /** The real consumer's command (split like --exec). */
  readonly command: string;
  readonly persistent: boolean;
  readonly inputs: number;
  readonly seed: number;
  /** Seed files to mutate (a folder of *.bin, searched below), besides generated inputs. */
  readonly corpus?: readonly string[];
  /** Called every 500 inputs with the count so far (a long run's progress line). */
  readonly onProgress?: (inputs: number, disagreements: number) => void;
}

export interface Disagreement {
  readonly r: number;
  readonly how: string;
  readonly model: string;
  readonly real: ExecResult;
  readonly bytes: Uint8Array;
}

export interface DifferentialResult {
  readonly inputs: number;
  /** Inputs both sides agree on, by outcome. */
  readonly agree: { load: number; reject: number; crash: number };
  /** Inputs the model could not decide within its budget (not compared). */
  readonly undecided: number;
  readonly disagreements: readonly Disagreement[];
  readonly ms: number;
}

/**
 * The model against the real consumer on `inputs` inputs of a campaign's own kind (generated,
 * and mutated from the corpus files), the same inputs for the same seed: what `--differential`
 * checks on every input of a campaign, as one measured run (test/exec/differential.test.ts,
 * scripts/differential.ts). Async only to let the event loop reap the processes that crashed.
 */
export async function runDifferential(o: DifferentialOptions): Promise<DifferentialResult> {
  const schema = loadSchema(o.schemaFile);
  const model = loadModel(modelBeside(o.schemaFile)!, schema);
  const profile = loadModelProfile(o.profileFile, model);
  const config = executorConfig({ schemaFile: o.schemaFile, modelFile: model.source, fleet: [profile], seed: o.seed });
  const deriver = new InputDeriver(schema, model, [profile], config);
  const corpus = (o.corpus ?? []).flatMap((c) => binFiles(c)).map((f) => seedInput({ name: f, bytes: readFileSync(f) }, schema));
  const runner = new ExecRunner({ argv: splitCommand(o.command), persistent: o.persistent, timeoutMs: DEFAULT_EXEC_TIMEOUT_MS, name: 'exec' });
  const agree = { load: 0, reject: 0, crash: 0 };
  const disagreements: Disagreement[] = [];
  let undecided = 0;
  let inputs = 0;
  const t0 = performance.now();
  try {
    for (let r = 0; inputs < o.inputs; r++) {
      const input = r < corpus.length ? corpus[r]! : deriver.derive(config.seed, r - corpus.length, corpus);
      if (input === null) continue;
      inputs++;
      // The runner is synchronous: let Node reap the consumer processes that crashed (no zombies pile up).
      if ((inputs & 15) === 0) await new Promise((resolve) => setImmediate(resolve));
      if (inputs % 500 === 0) o.onProgress?.(inputs, disagreements.length);
      const sim = simulateBounded(input.bytes, model, profile, undefined, DEFAULT_BUDGET_MS * 4);
      const result = runner.run(input.bytes);
      if (sim.outcome === 'undecided') {
        undecided++;
        continue;
      }
      const real = realOutcome(result);
      if (sim.outcome === real) agree[real]++;
      else disagreements.push({ r, how: input.how, model: `${sim.outcome}${sim.fault ? ` ${sim.fault.code}` : ''}`, real: result, bytes: input.bytes });
    }
  } finally {
    runner.close();
  }
  return { inputs, agree, undecided, disagreements, ms: performance.now() - t0 };
}

function binFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin')).sort().map((f) => join(path, f));
}
