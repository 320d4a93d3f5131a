/** The parts on their own: alignment, the outcome order, identity paths. */
import { describe, expect, it } from 'vitest';
import type { ConsumerReport } from '../../../src/report/model.js';
import { alignByKey, alignByPosition } from '../../../src/triage/diff/align.js';
import { consumerChanges } from '../../../src/triage/diff/consumer-changes.js';
import { IdentityMap, parsePath } from '../../../src/triage/diff/identity.js';
import { OUTCOME_RANK } from '../../../src/triage/diff/index.js';

const same = (a: readonly number[], b: readonly number[]) => (i: number, j: number): number => (a[i] === b[j] ? 1 : 0);
const pairs = (p: ReadonlyArray<{ old: number | undefined; new: number | undefined }>): string[] => p.map((x) => `${x.old ?? '-'}:${x.new ?? '-'}`);

describe('alignment', () => {
  it('by key: matched whatever the order, duplicates one to one, the rest added or removed in place', () => {
    expect(pairs(alignByKey(['a', 'b', 'c'], ['b', 'x', 'a']))).toEqual(['1:0', '-:1', '0:2', '2:-']);
    expect(pairs(alignByKey(['a', 'a'], ['a', 'a', 'a']))).toEqual(['0:0', '1:1', '-:2']);
  });

  it('by position: same length pairs index to index', () => {
    expect(pairs(alignByPosition([1, 2, 3], [1, 9, 3], same([1, 2, 3], [1, 9, 3])))).toEqual(['0:0', '1:1', '2:2']);
  });

  it('by position: one element inserted in the middle is one addition, not a cascade', () => {
    const a = [1, 2, 3, 4, 5];
    const b = [1, 2, 7, 3, 4, 5];
    expect(pairs(alignByPosition(a, b, same(a, b)))).toEqual(['0:0', '1:1', '-:2', '2:3', '3:4', '4:5']);
  });

  it('by position: an insertion next to a change pairs the alike elements (similarity), not the neighbours', () => {
    const a = [1, 2, 30];
    const b = [1, 2, 99, 31];
    // 30 and 31 are alike (one element changed inside), 99 is new.
    const sim = (i: number, j: number): number => (a[i] === 30 && b[j] === 31 ? 0.9 : a[i] === b[j] ? 1 : 0);
    expect(pairs(alignByPosition(a, b, sim))).toEqual(['0:0', '1:1', '-:2', '2:3']);
  });

  it('stays bounded on long arrays with nothing in common', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => i);
    const b = Array.from({ length: 30_000 }, (_, i) => -i - 1);
    const t = performance.now();
    const p = alignByPosition(a, b, () => 0);
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(p).toHaveLength(30_000);
  });
});

describe('outcome order', () => {
  it('is load < reject < undecided < crash', () => {
    expect(Object.entries(OUTCOME_RANK).sort((x, y) => x[1] - y[1]).map(([k]) => k)).toEqual(['load', 'reject', 'undecided', 'crash']);
  });

  const report = (outcome: ConsumerReport['outcome'], path = 'x[1]'): ConsumerReport =>
    ({ profile: 'p', outcome, population: 10, fault: outcome === 'crash' || outcome === 'reject' ? { code: 'C', path, offset: 1, message: 'm' } : null });
  const change = (a: ConsumerReport, b: ConsumerReport, ids = new IdentityMap()): string => consumerChanges([a], [b], ids, ids)[0]!.change;

  it.each([
    ['load', 'reject', 'worse'], ['reject', 'undecided', 'worse'], ['undecided', 'crash', 'worse'], ['load', 'undecided', 'worse'],
    ['crash', 'reject', 'better'], ['undecided', 'reject', 'better'], ['load', 'load', 'same'],
  ] as const)('%s → %s is %s', (a, b, want) => {
    expect(change(report(a), report(b))).toBe(want);
  });

  it('the same fault at the same element after a move is the same; elsewhere it moved', () => {
    const oldIds = new IdentityMap();
    const newIds = new IdentityMap();
    oldIds.register(['x'], (i) => `x[k=${i + 10}]`);
    newIds.register(['x'], (i) => `x[k=${i + 9}]`);
    expect(consumerChanges([report('crash', 'x[1]')], [report('crash', 'x[2]')], oldIds, newIds)[0]!.change).toBe('same');
    expect(consumerChanges([report('crash', 'x[1]')], [report('crash', 'x[1]')], oldIds, newIds)[0]!.change).toBe('moved');
  });
});

describe('identity paths', () => {
  it('parse a formatted path, and refuse text that is not one', () => {
    expect(parsePath('instances[5].criteria[20]')).toEqual(['instances', 5, 'criteria', 20]);
    expect(parsePath('(file)')).toEqual([]);
    expect(parsePath('a[b')).toBeUndefined();
  });

  it('rename each registered array element, and keep the rest of the path', () => {
    const ids = new IdentityMap();
    ids.register(['instances'], (i) => `instances[instance_id=${100 + i}]`);
    ids.register(['instances', 5, 'criteria'], (i) => `instances[instance_id=105].criteria[${i}]`);
    expect(ids.identify('instances[5].criteria[20]')).toBe('instances[instance_id=105].criteria[20]');
    expect(ids.identify('instances[2].type_id')).toBe('instances[instance_id=102].type_id');
    expect(ids.identify('index[2]')).toBe('index[2]');
    expect(ids.identify('(file)')).toBe('(file)');
  });
});
