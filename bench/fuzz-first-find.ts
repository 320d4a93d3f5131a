import { runCampaign, type CampaignOptions, type CampaignResult } from '../src/fuzz/index.js';
import { CRASH_CODES } from '../src/findings/index.js';
import { factor, fleet, median, num, SCHEMA_FILE, SEEDS, springSeeds, table } from './fuzz-setup.js';

interface Find {
  /** ms since the campaign started (schema load and seed files included). */
  readonly ms: number;
  /** Runs up to and including the first find (0: a seed file itself). */
  readonly runs: number;
}

/** First find of each crash class in a campaign that stops once `want` are all found, or at `capMs`. */
async function firstFinds(extra: Partial<CampaignOptions>, seed: number, want: readonly string[], capMs: number): Promise<Map<string, Find>> {
  const r: CampaignResult = await runCampaign({
    schemaFile: SCHEMA_FILE, fleet, seed, workers: 1, timeMs: capMs, shrink: false, batchSize: 128, ...extra,
    stopWhen: (s) => want.every((c) => [...s.buckets.values()].some((b) => b.kind === 'crash' && b.fault === c)),
  });
  const out = new Map<string, Find>();
  for (const b of r.buckets) {
    if (b.kind !== 'crash') continue;
    const f = { ms: b.first.foundMs, runs: Math.max(0, b.first.r + 1) };
    const cur = out.get(b.fault);
    if (cur === undefined || f.runs < cur.runs) out.set(b.fault, f);
  }
  return out;
}

interface Column {
  readonly ms: number[];
  readonly runs: number[];
}

async function column(extra: Partial<CampaignOptions>, want: readonly string[], capMs: number): Promise<Map<string, Column>> {
  const cols = new Map<string, Column>(want.map((c) => [c, { ms: [], runs: [] }]));
  for (const seed of SEEDS) {
    const finds = await firstFinds(extra, seed, want, capMs);
    for (const c of want) {
      const f = finds.get(c);
      cols.get(c)!.ms.push(f?.ms ?? Number.POSITIVE_INFINITY);
      cols.get(c)!.runs.push(f?.runs ?? Number.POSITIVE_INFINITY);
    }
  }
  return cols;
}

const found = (c: Column): string => `${c.ms.filter(Number.isFinite).length}/${c.ms.length}`;
const ms = (c: Column, capMs: number): string => {
  const m = median(c.ms);
  return Number.isFinite(m) ? num(Math.round(m)) : `>${num(capMs)}`;
};
const ratio = (slow: Column, fast: Column): string => factor(median(slow.ms), median(fast.ms));

/** Time to the first find of each crash class, median of 5 seeds: preflight fuzz against the flipBytes baseline. */
export async function classes(capMs: number): Promise<string> {
  const fuzz = await column({}, CRASH_CODES, capMs);
  const flip = await column({ seeds: springSeeds, strategy: 'flip' }, CRASH_CODES, capMs);
  const rows = CRASH_CODES.map((c) => {
    const a = fuzz.get(c)!;
    const b = flip.get(c)!;
    return [c, found(a), ms(a, capMs), num(median(a.runs)), found(b), ms(b, capMs), num(median(b.runs)), ratio(b, a)];
  });
  return table(['crash class', 'fuzz found', 'ms (median)', 'runs', 'flip found', 'ms (median)', 'runs', 'flip/fuzz'], rows);
}

/** Generation alone against mutation of the spring 2024 files: time to the first OOB_INPUT_READ. */
export async function springVersusGeneration(capMs: number): Promise<string> {
  const want = ['OOB_INPUT_READ'];
  const gen = (await column({ strategy: 'generate' }, want, capMs)).get('OOB_INPUT_READ')!;
  const mut = (await column({ strategy: 'mutate', seeds: springSeeds }, want, capMs)).get('OOB_INPUT_READ')!;
  const mixed = (await column({ seeds: springSeeds }, want, capMs)).get('OOB_INPUT_READ')!;
  const blind = (await column({ strategy: 'generate', fleetHints: false }, want, capMs)).get('OOB_INPUT_READ')!;
  const row = (name: string, c: Column): string[] => [name, found(c), ms(c, capMs), num(median(c.runs)), c.runs.map((x) => (Number.isFinite(x) ? String(x) : '—')).join(' '), ratio(gen, c)];
  return table(['first OOB_INPUT_READ', 'found', 'ms (median)', 'runs (median)', 'runs per seed', 'speed-up vs generation'], [
    row('generation only (no corpus)', gen),
    row('mutation of spring seeds only', mut),
    row('mixed, spring seeds (default)', mixed),
    row('generation only, no fleet hints', blind),
    row('mutation of spring seeds, no fleet hints', (await column({ strategy: 'mutate', seeds: springSeeds, fleetHints: false }, want, capMs)).get('OOB_INPUT_READ')!),
  ]);
}
