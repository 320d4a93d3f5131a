import pc from 'picocolors';
import type { Finding } from '../../findings/index.js';
import { escapeControls, formatCount, formatOffset, formatShare, plural } from '../../report/format.js';
import type { DiffFiles } from './render-json.js';
import type { Change, ConsumerChange, FieldChange, FileDiff } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

/** A changed element is printed on one line when its values fit in this many characters. */
const ONE_LINE = 100;

/**
 * The diff for a person: what changed in content terms, then each consumer's outcome old → new
 * with the fault and population, then the findings that appeared and went away, then the gate.
 */
export function renderDiffText(diff: FileDiff, files: DiffFiles, color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [`${c.bold('diff')} ${safe(files.old)} → ${safe(files.new)} (${diff.format})`];
  out.push(`  old  ${diff.old.size} bytes, ${diff.old.verdict}${diff.old.complete ? '' : ', read only in part'}`);
  out.push(`  new  ${diff.new.size} bytes, ${diff.new.verdict}${diff.new.complete ? '' : ', read only in part'}`);
  out.push('', ...contentLines(diff, c));
  if (diff.consumers.length > 0) out.push('', ...consumerLines(diff.consumers, c));
  out.push('', ...findingLines(diff, c), '', gateLine(diff, c));
  return `${out.join('\n')}\n`;
}

function contentLines(diff: FileDiff, c: Colors): string[] {
  const n = diff.counts;
  if (diff.identical) return [`${c.bold('content')}: identical files`];
  const follow = n.layoutFollowed > 0
    ? `; ${plural(n.layoutFollowed, 'layout field')} (counts, offsets, sizes, checksums) ${n.layoutFollowed === 1 ? 'follows' : 'follow'} the content, not listed`
    : '';
  const lines = [`${c.bold('content')}: ${formatCount(n.added)} added, ${formatCount(n.removed)} removed, ${formatCount(n.changed)} changed${follow}`];
  for (const ch of diff.changes) lines.push(...changeLines(ch, c));
  if (n.omitted > 0) lines.push(`  … and ${plural(n.omitted, 'more change')} (raise --max-changes to list them)`);
  return lines;
}

function changeLines(ch: Change, c: Colors): string[] {
  const paint = ch.kind === 'added' ? c.green : ch.kind === 'removed' ? c.red : c.yellow;
  const label = paint(ch.kind.padEnd(8));
  const where = ch.kind === 'removed' ? place(ch.oldPath, ch.oldOffset, ch.path, 'was') : place(ch.newPath, ch.newOffset, ch.path, 'at');
  const moved = ch.kind === 'changed' && ch.oldPath !== undefined && ch.oldPath !== ch.newPath ? ` (was ${safe(ch.oldPath)})` : '';
  const head = `  ${label} ${safe(ch.path)}${where}${moved}`;
  if (ch.kind !== 'changed') {
    const body = (ch.content ?? []).map((l) => `             ${safe(l)}`);
    if (ch.contentOmitted) body.push(`             … and ${plural(ch.contentOmitted, 'more line')}`);
    return [head, ...body];
  }
  const parts = (ch.fields ?? []).map(fieldText);
  const joined = parts.join(', ');
  if (parts.length <= 3 && joined.length <= ONE_LINE && !(ch.fields ?? []).some((f) => f.note)) return [`${head}: ${joined}`];
  return [head, ...(ch.fields ?? []).map((f) => `             ${fieldText(f)}${f.offset !== undefined ? `  ${formatOffset(f.offset)}` : ''}${f.note ? `  (${safe(f.note)})` : ''}`)];
}

/** ` at instances[5] @ 318 (0x13e)`; only the offset when the identity path is the file's path. */
function place(path: string | undefined, offset: number | undefined, identity: string, word: string): string {
  const at = offset !== undefined ? ` ${formatOffset(offset)}` : '';
  return path !== undefined && path !== identity ? ` ${word} ${safe(path)}${at}` : at;
}

function fieldText(f: FieldChange): string {
  if (f.old === undefined && f.new === undefined) return safe(f.field);
  return `${safe(f.field)} ${f.old ?? '(none)'} → ${f.new ?? '(none)'}`;
}

function consumerLines(list: readonly ConsumerChange[], c: Colors): string[] {
  const width = Math.max(...list.map((x) => safe(x.profile).length));
  const lines = [c.bold('consumers')];
  for (const x of list) {
    const move = `${x.old.outcome} → ${x.new.outcome}`;
    const paint = x.change === 'worse' ? (t: string) => c.red(c.bold(t)) : x.change === 'better' ? c.green : x.change === 'moved' ? c.yellow : (t: string) => t;
    lines.push(`  ${safe(x.profile).padEnd(width)}  ${move.padEnd(20)} ${paint(MARK[x.change].padEnd(11))} ${formatCount(x.population).padStart(11)}`);
    if (x.new.fault !== null) lines.push(`      ${faultText(x.new.fault)}`);
    if (x.old.fault !== null && x.change !== 'same') lines.push(`      was: ${faultText(x.old.fault)}`);
  }
  const worse = list.filter((x) => x.change === 'worse');
  if (worse.length > 0) {
    const total = list.reduce((s, x) => s + x.population, 0);
    const hit = worse.reduce((s, x) => s + x.population, 0);
    lines.push(`  ${c.red('worse')} on ${worse.map((x) => safe(x.profile)).join(', ')}: ${formatCount(hit)} of ${formatCount(total)} endpoints (${formatShare(hit, total)})`);
  }
  return lines;
}

const faultText = (f: { code: string; path: string; offset: number }): string => `${safe(f.code)} at ${safe(f.path)} ${formatOffset(f.offset)}`;

const MARK: Readonly<Record<ConsumerChange['change'], string>> = { worse: 'WORSE', better: 'better', moved: 'fault moved', same: 'same' };

function findingLines(diff: FileDiff, c: Colors): string[] {
  const { appeared, resolved, appearedTotal, resolvedTotal } = diff.findings;
  if (appearedTotal === 0 && resolvedTotal === 0) return [`${c.bold('findings')}: none appeared, none went away`];
  const lines = [`${c.bold('findings')}: ${formatCount(appearedTotal)} appeared, ${formatCount(resolvedTotal)} went away`];
  for (const f of appeared) lines.push(findingLine(c.red('appeared'), f));
  if (appearedTotal > appeared.length) lines.push(`  … and ${plural(appearedTotal - appeared.length, 'more finding')} appeared`);
  for (const f of resolved) lines.push(findingLine(c.green('resolved'), f));
  if (resolvedTotal > resolved.length) lines.push(`  … and ${plural(resolvedTotal - resolved.length, 'more finding')} went away`);
  return lines;
}

function findingLine(label: string, f: Finding): string {
  const on = f.profile !== undefined ? ` on ${safe(f.profile)}` : '';
  return `  ${label}  ${f.severity.padEnd(7)}  ${safe(f.code)}  ${safe(f.path)} ${formatOffset(f.offset)}${on}\n              ${safe(f.message)}`;
}

function gateLine(diff: FileDiff, c: Colors): string {
  if (diff.worse) {
    const n = diff.consumers.filter((x) => x.change === 'worse').length;
    return c.red(c.bold(`WORSE: ${plural(n, 'consumer')} ${n === 1 ? 'fares' : 'fare'} worse on the new file (exit 1)`));
  }
  return c.green('no consumer fares worse on the new file (exit 0)');
}

const safe = (s: string): string => escapeControls(s, 300);
