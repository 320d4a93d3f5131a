import pc from 'picocolors';
import type { BucketEntry, CampaignDocument } from './document.js';
import { wrapText } from './_internals/wrap-text.js';

const fmt = new Intl.NumberFormat('en-US');
type Colors = ReturnType<typeof pc.createColors>;

/**
 * The human report of a campaign: soundness bugs first, then crashes, then robustness. Lines
 * fit `width` columns (the terminal's; 80 in a pipe or a CI log); only a single word longer
 * than the width (a reproducer's path) overflows, because a cut path cannot be copied.
 */
export function renderCampaignText(doc: CampaignDocument, color: boolean, width = 80): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  const say = (text: string, indent = ''): void => void out.push(...wrapText(text, width, indent));
  if (doc.interrupted) say(`${c.yellow('interrupted')}: stopped early by a signal; what was found is saved (buckets not shrunk keep their smallest find).`);
  const prev = doc.previous;
  const reran = prev.still_failing.length + prev.fixed.length + prev.skipped.length;
  if (reran > 0 || (prev.invalid?.length ?? 0) > 0 || (prev.not_run ?? 0) > 0) {
    say(`saved reproducers rerun: ${reran}; ${prev.still_failing.length} still fail, ${prev.fixed.length} fixed (moved to fixed/), ${prev.skipped.length} skipped`
      + `${prev.invalid?.length ? `, ${prev.invalid.length} invalid (left alone)` : ''}${prev.not_run ? `, ${prev.not_run} not rerun (interrupted)` : ''}`);
    for (const id of prev.fixed) say(`${c.green('fixed')} ${id}`, '  ');
    for (const p of prev.invalid ?? []) say(`${c.red('invalid')} ${p.file}: ${p.problem}`, '  ');
    out.push('');
  }
  section(out, say, width, 'SOUNDNESS', 'validate passes them, a consumer crashes on or refuses them', doc.soundness, c, true);
  section(out, say, width, 'CRASHES', 'consumer crash buckets (profile, fault, location)', doc.buckets, c, false);
  section(out, say, width, 'ROBUSTNESS', "preflight's own faults (throws, budget, round trip)", doc.robustness, c, false);
  if ((doc.baselined?.length ?? 0) > 0) {
    say(`${c.dim('baselined')}: ${plural(doc.baselined!.length, 'known bucket')} accepted by the baseline, not failing the run`);
    for (const b of doc.baselined!.slice(0, 5)) say(`${b.bucket}: ${b.reason}${b.expires !== undefined ? ` (until ${b.expires})` : ''}`, '  ');
    if (doc.baselined!.length > 5) say(`… and ${fmt.format(doc.baselined!.length - 5)} more`, '  ');
    out.push('');
  }
  const secs = (doc.elapsed_ms / 1000).toFixed(1);
  // --time bounds the runs only: say where the rest went, so a 60 s campaign that took 80 s is not a surprise.
  const rest = doc.fuzz_ms !== undefined && doc.elapsed_ms - doc.fuzz_ms >= 1000
    ? ` (${(doc.fuzz_ms / 1000).toFixed(1)} s of runs; set-up, seed files and shrinking the rest)` : '';
  say(`${fmt.format(doc.runs)} runs (+${doc.seeds_run} seed files) in ${secs} s${rest}, ${fmt.format(doc.execs_per_sec)} execs/s on ${doc.workers} worker(s), shard ${doc.shard}; `
    + `coverage ${doc.coverage.branches}/${doc.coverage.of} branches, ${doc.coverage.features} features${doc.coverage.edges !== undefined ? `, ${fmt.format(doc.coverage.edges)} binary edges` : ''}; corpus ${doc.corpus}`);
  const given = doc.seed_given !== undefined ? ` (the 32-bit hash of --seed ${doc.seed_given})` : '';
  say(`seed ${doc.seed}${given}: rerun with --seed ${doc.seed} and the same --runs for the same buckets; replay one with: preflight replay <reproducer>`);
  return `${out.join('\n')}\n`;
}

type Say = (text: string, indent?: string) => void;

const plural = (n: number, word: string): string => `${fmt.format(n)} ${word}${n === 1 ? '' : 's'}`;

/** A summary line per fault class, then each bucket: on one line when it fits, else on two or three. */
function section(out: string[], say: Say, width: number, name: string, what: string, entries: readonly BucketEntry[], c: Colors, alarm: boolean): void {
  const count = entries.length === 0 ? c.green('none') : (alarm ? c.red : c.yellow)(`${entries.length} bucket(s)`);
  say(`${c.bold(name)} — ${what}: ${count}`);
  if (entries.length === 0) return void out.push('');
  const classes = new Map<string, BucketEntry[]>();
  for (const e of entries) classes.set(e.fault, [...(classes.get(e.fault) ?? []), e]);
  const rows = [...classes].map(([fault, list]) => [
    fault, plural(list.length, 'bucket'), plural(list.reduce((s, e) => s + e.hits, 0), 'hit'),
    `first ${fmt.format(Math.min(...list.map((e) => e.first_found_ms)))} ms`, `smallest ${Math.min(...list.map((e) => e.size))} B`,
  ] as const);
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  // A model's own codes can be long (SIG_PATTERN_OVERFLOW): when the padded row is wider than the
  // terminal, the code goes on a line of its own, so the columns stay columns instead of wrapping.
  const split = 2 + w.reduce((a, b) => a + b, 0) + 8 > width;
  for (const [fault, buckets, hits, first, smallest] of rows) {
    const numbers = `${buckets.padStart(w[1]!)}  ${hits.padStart(w[2]!)}  ${first.padEnd(w[3]!)}  ${smallest}`;
    if (split) {
      say(c.red(fault), '  ');
      say(numbers, '    ');
    } else say(`${c.red(fault.padEnd(w[0]!))}  ${numbers}`, '  ');
  }
  out.push('');
  const col = (f: (e: BucketEntry) => string): number => Math.max(...entries.map((e) => f(e).length));
  const [wp, wf, wl] = [col((e) => e.profile), col((e) => e.fault), col((e) => e.location)];
  const size = (e: BucketEntry): string => `${e.size} B (first ${e.first_size})`;
  const hits = (e: BucketEntry): string => plural(e.hits, 'hit');
  const [wh, ws] = [col(hits), col(size)];
  const columns = (e: BucketEntry): string => `  ${e.profile.padEnd(wp)}  ${e.fault.padEnd(wf)}  ${e.location.padEnd(wl)}  ${hits(e).padStart(wh)}  ${size(e).padEnd(ws)}`;
  const oneLine = (e: BucketEntry): string => `${columns(e)}  ${e.reproducer}`;
  // The widest layout that fits: one line per bucket; the columns, then the path; three lines.
  const fitsOne = entries.every((e) => oneLine(e).length <= width);
  const fitsTwo = entries.every((e) => columns(e).trimEnd().length <= width);
  for (const e of entries) {
    if (fitsOne) out.push(oneLine(e));
    else if (fitsTwo) out.push(columns(e).trimEnd(), ...wrapText(e.reproducer, width, '    '));
    else {
      say(`${e.profile ? `${e.profile}  ` : ''}${e.fault}  ${hits(e)}  ${size(e)}`, '  ');
      say(`at ${e.location}`, '    ');
      say(e.reproducer, '    ');
    }
    if (e.detail !== undefined) for (const line of wrapText(e.detail, width, '    ')) out.push(c.dim(line));
  }
  out.push('');
}
