import pc from 'picocolors';
import type { BucketEntry, CampaignDocument } from './document.js';

const fmt = new Intl.NumberFormat('en-US');
type Colors = ReturnType<typeof pc.createColors>;

/** The human report of a campaign: soundness bugs first, then crashes, then robustness. */
export function renderCampaignText(doc: CampaignDocument, color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  const prev = doc.previous;
  const reran = prev.still_failing.length + prev.fixed.length + prev.skipped.length;
  if (reran > 0) {
    out.push(`saved reproducers rerun: ${reran}; ${prev.still_failing.length} still fail, ${prev.fixed.length} fixed (moved to fixed/), ${prev.skipped.length} skipped`);
    for (const id of prev.fixed) out.push(`  ${c.green('fixed')} ${id}`);
    out.push('');
  }
  section(out, 'SOUNDNESS', 'files the validator passes although a consumer crashes on or refuses them', doc.soundness, c, true);
  section(out, 'CRASHES', 'consumer crash buckets (profile, fault, location)', doc.buckets, c, false);
  section(out, 'ROBUSTNESS', "preflight's own faults (throws, over budget, round trip)", doc.robustness, c, false);
  const secs = (doc.elapsed_ms / 1000).toFixed(1);
  out.push(`${fmt.format(doc.runs)} runs (+${doc.seeds_run} seed files) in ${secs} s, ${fmt.format(doc.execs_per_sec)} execs/s on ${doc.workers} worker(s), shard ${doc.shard}; `
    + `coverage ${doc.coverage.branches}/${doc.coverage.of} branches, ${doc.coverage.features} features; corpus ${doc.corpus}`);
  out.push(`seed ${doc.seed}: rerun with --seed ${doc.seed} and the same --runs for the same buckets; replay one with: preflight replay <reproducer>`);
  return `${out.join('\n')}\n`;
}

/** A summary line per fault class, then one line per bucket. */
function section(out: string[], name: string, what: string, entries: readonly BucketEntry[], c: Colors, alarm: boolean): void {
  const count = entries.length === 0 ? c.green('none') : (alarm ? c.red : c.yellow)(`${entries.length} bucket(s)`);
  out.push(`${c.bold(name)} — ${what}: ${count}`);
  if (entries.length === 0) return void out.push('');
  const classes = new Map<string, BucketEntry[]>();
  for (const e of entries) classes.set(e.fault, [...(classes.get(e.fault) ?? []), e]);
  for (const [fault, list] of classes) {
    const hits = list.reduce((s, e) => s + e.hits, 0);
    const first = Math.min(...list.map((e) => e.first_found_ms));
    const smallest = Math.min(...list.map((e) => e.size));
    out.push(`  ${c.red(fault.padEnd(16))} ${String(list.length).padStart(4)} bucket(s), ${fmt.format(hits)} hit(s), first after ${fmt.format(first)} ms, smallest reproducer ${smallest} bytes`);
  }
  out.push('');
  const width = (f: (e: BucketEntry) => string): number => Math.max(...entries.map((e) => f(e).length));
  const wp = width((e) => e.profile);
  const wf = width((e) => e.fault);
  const wl = width((e) => e.location);
  for (const e of entries) {
    const size = `${e.size} B (first ${e.first_size})`;
    out.push(`  ${e.profile.padEnd(wp)}  ${e.fault.padEnd(wf)}  ${e.location.padEnd(wl)}  ${fmt.format(e.hits).padStart(6)} hit(s)  ${size.padEnd(20)}  ${e.reproducer}`);
    if (e.detail !== undefined) out.push(`      ${c.dim(e.detail)}`);
  }
  out.push('');
}
