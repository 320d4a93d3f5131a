import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { drawDefinition, type DefinitionOutcome } from './definitions-check.js';

export interface DefinitionFailure { kind: string; reason: string; message: string; saved: string; index: number }
export interface DefinitionSummary { runs: number; byKind: Record<string, number>; refused: number; accepted: number; slowestMs: number; failures: DefinitionFailure[] }

/** A definition still loading after this long is a hang (the loaders take milliseconds). */
export const DEFINITION_HANG_MS = 30_000;
/** The heap a definition may take: 64 MB over the loaders' own, whatever the document claims. */
const HEAP_CAP_MB = 256;
const CHUNK = 20;

/**
 * Hostile schemas, consumer models and profiles (hostile-definitions.ts) through the loaders on a
 * worker thread with a watchdog: each must load or be refused with its kind's one-line error with
 * file and line, never run code, throw anything else, hang or exhaust the heap. Failures are saved
 * to OUT/definitions/ with what was done to which bundled document.
 */
export async function runDefinitionCampaign(o: { seed: number; runs: number; out: string; progress?: (line: string) => void; stopped?: () => boolean }): Promise<DefinitionSummary> {
  const s: DefinitionSummary = { runs: 0, byKind: {}, refused: 0, accepted: 0, slowestMs: 0, failures: [] };
  let next = 0;
  let said = performance.now();
  // Checked between chunks: a SIGINT or SIGTERM ends this phase too, with the summary of what ran.
  while (next < o.runs && o.stopped?.() !== true) {
    if (performance.now() - said >= 15_000) {
      said = performance.now();
      o.progress?.(`definitions: ${next.toLocaleString('en-US')} of ${o.runs.toLocaleString('en-US')}, ${s.failures.length} failure(s)`);
    }
    const from = next;
    const to = Math.min(o.runs, from + CHUNK);
    const stopped = await chunk(o.seed, from, to, (index, kind, ms, outcome) => {
      s.runs++;
      s.byKind[kind] = (s.byKind[kind] ?? 0) + 1;
      s.slowestMs = Math.max(s.slowestMs, ms);
      if (outcome.ok) {
        if (outcome.refused) s.refused++;
        else s.accepted++;
      } else fail(index, outcome.reason, outcome.message);
    });
    next = stopped === undefined ? to : stopped.index + 1;
    if (stopped !== undefined) {
      s.runs++;
      fail(stopped.index, stopped.reason, stopped.message);
    }
  }
  return s;

  function fail(index: number, reason: string, message: string): void {
    const d = drawDefinition(o.seed, index);
    const dir = join(o.out, 'definitions');
    mkdirSync(dir, { recursive: true });
    const saved = join(dir, `${d.kind}-${index}.yaml`);
    writeFileSync(saved, d.text);
    writeFileSync(`${saved}.json`, `${JSON.stringify({ kind: d.kind, base: d.base, how: d.how, reason, message, seed: o.seed, index }, null, 2)}\n`);
    s.failures.push({ kind: d.kind, reason, message, saved, index });
    o.progress?.(`FAIL definition ${d.kind} #${index}: ${reason}: ${message.split('\n')[0]!.slice(0, 200)} -> ${saved}`);
  }
}

type OnResult = (index: number, kind: string, ms: number, outcome: DefinitionOutcome) => void;

async function chunk(seed: number, from: number, to: number, onResult: OnResult): Promise<{ index: number; reason: string; message: string } | undefined> {
  const shared = new SharedArrayBuffer(16);
  const watch = new Float64Array(shared);
  watch[0] = -1;
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: { seed, watch: shared }, resourceLimits: { maxOldGenerationSizeMb: HEAP_CAP_MB } });
  try {
    return await new Promise((resolve) => {
      let lastError = '';
      const timer = setInterval(() => {
        if (watch[0]! >= 0 && Date.now() - watch[1]! > DEFINITION_HANG_MS) {
          clearInterval(timer);
          resolve({ index: watch[0]!, reason: 'hang', message: `still loading after ${DEFINITION_HANG_MS / 1000} s` });
        }
      }, 250);
      worker.on('error', (e) => {
        lastError = `${(e as { code?: string }).code ?? ''} ${e.message}`;
      });
      worker.on('exit', (code) => {
        clearInterval(timer);
        resolve({ index: Math.max(from, watch[0]!), reason: 'worker died', message: `exit ${code}: ${lastError} (heap cap ${HEAP_CAP_MB} MB)` });
      });
      worker.on('message', (m: { type: string; index: number; kind: string; ms: number; outcome: DefinitionOutcome }) => {
        if (m.type === 'ready') worker.postMessage({ from, to });
        else if (m.type === 'result') onResult(m.index, m.kind, m.ms, m.outcome);
        else if (m.type === 'done') {
          clearInterval(timer);
          resolve(undefined);
        }
      });
    });
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

const entry = ((): { code: string | URL; eval: boolean } => {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { code: new URL('./definitions-worker.js', self), eval: false };
  const tsxRoot = dirname(createRequire(self).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = new URL('./definitions-worker.ts', self).href;
  return {
    eval: true,
    code: `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`
      + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`,
  };
})();
