import type { Finding } from '../../findings/index.js';
import type { Change, ConsumerChange, FileDiff } from '../../triage/diff/index.js';
import { formatCount, formatOffset, formatShare, plural } from '../format.js';
import type { DiffLine, ReportDiff } from './model.js';

/**
 * The diff (src/triage/diff) as the page lists it: one line of words per change, consumer and
 * finding, placed in the file it is about (a removal in the old file, anything else in the new).
 */
export function diffLines(diff: FileDiff): ReportDiff {
  const n = diff.counts;
  const changes: DiffLine[] = diff.identical
    ? [{ text: 'The two files are identical.' }]
    : [{ text: `${formatCount(n.added)} added, ${formatCount(n.removed)} removed, ${formatCount(n.changed)} changed${n.layoutFollowed > 0 ? `; ${plural(n.layoutFollowed, 'layout field')} (counts, offsets, sizes, checksums) follow the content, not listed` : ''}.` }, ...diff.changes.map(changeLine)];
  if (n.omitted > 0) changes.push({ text: `… and ${plural(n.omitted, 'more change')} (preflight diff --max-changes lists them)` });
  const appeared: DiffLine[] = diff.findings.appeared.map((f) => findingLine(f, 1));
  if (diff.findings.appearedTotal > appeared.length) appeared.push({ text: `… and ${plural(diff.findings.appearedTotal - appeared.length, 'more finding')}` });
  const resolved: DiffLine[] = diff.findings.resolved.map((f) => findingLine(f, 0));
  if (diff.findings.resolvedTotal > resolved.length) resolved.push({ text: `… and ${plural(diff.findings.resolvedTotal - resolved.length, 'more finding')}` });
  return { changes, consumers: consumerLines(diff.consumers), appeared, resolved, worse: diff.worse };
}

function changeLine(ch: Change): DiffLine {
  const removed = ch.kind === 'removed';
  const path = removed ? ch.oldPath : ch.newPath;
  const offset = removed ? ch.oldOffset : ch.newOffset;
  const moved = ch.kind === 'changed' && ch.oldPath !== undefined && ch.oldPath !== ch.newPath ? ` (was ${ch.oldPath})` : '';
  const fields = (ch.fields ?? []).map((f) => (f.old === undefined && f.new === undefined ? f.field : `${f.field} ${f.old ?? '(none)'} → ${f.new ?? '(none)'}`) + (f.note ? ` (${f.note})` : ''));
  const content = [...(ch.content ?? []), ...(ch.contentOmitted ? [`… and ${plural(ch.contentOmitted, 'more line')}`] : [])];
  const body = ch.kind === 'changed' ? fields.join('; ') : content.join('; ');
  return {
    text: `${ch.kind} ${ch.path}${path !== undefined && path !== ch.path ? ` ${removed ? 'was' : 'at'} ${path}` : ''}${moved}${body !== '' ? `: ${body}` : ''}`,
    file: removed ? 0 : 1,
    ...(path !== undefined ? { path } : {}),
    ...(offset !== undefined ? { offset } : {}),
    tone: ch.kind,
  };
}

const WORDS: Readonly<Record<ConsumerChange['change'], string>> = { worse: 'WORSE', better: 'better', moved: 'fault moved', same: 'same' };

function consumerLines(list: readonly ConsumerChange[]): DiffLine[] {
  const total = list.reduce((s, x) => s + x.population, 0);
  return list.map((x) => {
    const fault = x.new.fault ?? (x.change !== 'same' ? x.old.fault : null);
    const faultText = x.new.fault !== null ? `: ${x.new.fault.code} at ${x.new.fault.path} ${formatOffset(x.new.fault.offset)}` : x.old.fault !== null && x.change !== 'same' ? `; was ${x.old.fault.code} at ${x.old.fault.path}` : '';
    return {
      text: `${x.profile}: ${x.old.outcome} → ${x.new.outcome} (${WORDS[x.change]}) on ${formatCount(x.population)} of ${formatCount(total)} endpoints (${formatShare(x.population, total)})${faultText}`,
      ...(fault !== null ? { file: x.new.fault !== null ? 1 : 0, path: fault.path, offset: fault.offset } : {}),
      tone: x.change,
    };
  });
}

function findingLine(f: Finding, file: number): DiffLine {
  return { text: `${f.severity} ${f.code} at ${f.path} ${formatOffset(f.offset)}${f.profile !== undefined ? ` on ${f.profile}` : ''}: ${f.message}`, file, path: f.path, offset: f.offset };
}
