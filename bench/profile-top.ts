/**
 * The top of a V8 CPU profile (`node --cpu-prof` writes one .cpuprofile per thread): self time
 * per function, as a share of all samples, idle and GC shown as V8 names them. Used by
 * bench/profile.ts; run alone as `npx tsx bench/profile-top.ts FILE.cpuprofile [N]`.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileRow {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly share: number;
}

export function profileTop(file: string, top = 15, root = process.cwd()): { totalMs: number; rows: ProfileRow[] } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const f = byId.get(id)!.callFrame;
    const url = f.url.startsWith('file://') ? relative(root, new URL(f.url).pathname) : f.url;
    const where = url === '' ? '' : `${url}:${f.lineNumber + 1}`;
    const key = `${f.functionName}@${where}`;
    const e = self.get(key) ?? { name: f.functionName || '(anonymous)', where, us: 0 };
    e.us += dt;
    self.set(key, e);
  });
  const rows = [...self.values()].sort((a, b) => b.us - a.us).slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, share: total > 0 ? e.us / total : 0 }));
  return { totalMs: total / 1000, rows };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { totalMs, rows } = profileTop(process.argv[2]!, Number(process.argv[3] ?? 15));
  console.log(`${totalMs.toFixed(0)} ms sampled`);
  for (const r of rows) console.log(`${(r.share * 100).toFixed(1).padStart(5)}%  ${r.selfMs.toFixed(0).padStart(6)} ms  ${r.name}  ${r.where}`);
}
