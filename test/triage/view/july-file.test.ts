import { describe, expect, it } from 'vitest';
import { buildFileView, nodeAt, nodeByPath, nodesContaining } from '../../../src/triage/view/index.js';
import { JULY, bytesOf, ccf, expectWellFormed } from './view-helpers.js';

describe('the view of the July file (issue 11)', () => {
  const bytes = bytesOf(JULY);
  const view = buildFileView(ccf(), bytes);

  it('is complete and well formed, with a region per top-level field of the schema', () => {
    expectWellFormed(view, bytes.length);
    expect(view.complete).toBe(true);
    expect(view.stopped).toBeUndefined();
    expect(view.truncatedNodes).toBe(0);
    expect(view.format).toBe('ccf-v1');
    expect(view.regions.map((r) => r.name)).toEqual(['header', 'types', 'index', 'instances', 'pool', 'crc']);
    expect(view.regions.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(view.regions.at(-1)).toMatchObject({ offset: bytes.length - 4, size: 4 });
  });

  it('finds the offending criterion by path: offset 358, 7 bytes, and its opcode by name', () => {
    const c = nodeByPath(view, 'instances[5].criteria[20]')!;
    expect(c).toMatchObject({ offset: 358, size: 7, kind: 'struct', type: 'criterion', name: '[20]', depth: 4 });
    // The file holds EQ_STR "ntdll.dll" there (corpus/ccf/story/2024-07-19-0409-channel-291.yaml): a real criterion on field 21.
    expect(nodeByPath(view, 'instances[5].criteria[20].op')).toMatchObject({ offset: 358, size: 1, value: '3', meaning: 'EQ_STR' });
    expect(nodeByPath(view, 'instances[1].criteria[0].op')).toMatchObject({ value: '5', meaning: 'REGEX' });
    expect(nodeByPath(view, 'instances[5].criteria[20].text')).toMatchObject({ kind: 'str', meaning: '"ntdll.dll"', placedBy: 'instances[5].criteria[20].str_off' });
    expect(nodeByPath(view, ' instances[5] .criteria[20] ')).toBe(c);
    expect(nodeByPath(view, '')).toBe(view.nodes[0]);
    expect(nodeByPath(view, '(file)')).toBe(view.nodes[0]);
    expect(nodeByPath(view, 'instances[6]')).toBeUndefined();
  });

  it('resolves pointers both ways: an index entry says what it places, a record which pointer placed it', () => {
    expect(nodeByPath(view, 'index[5]')).toMatchObject({ value: '318', meaning: '→ instances[5]', pointsTo: ['instances[5]'] });
    expect(nodeByPath(view, 'instances[5]')).toMatchObject({ offset: 318, placedBy: 'index[5]', meaning: 'placed by index[5]' });
    expect(nodeByPath(view, 'header.pool_offset')).toMatchObject({ meaning: '→ pool' });
    expect(nodeByPath(view, 'instances[5].criteria[20].str_off')).toMatchObject({ pointsTo: ['instances[5].criteria[20].text'] });
    expect(nodeByPath(view, 'instances')).toMatchObject({ kind: 'array', count: 6, scattered: true });
    expect(nodeByPath(view, 'types[0].field_kinds[20]')).toMatchObject({ meaning: 'STR' });
    expect(nodeByPath(view, 'instances[5].action')).toMatchObject({ meaning: 'block' });
  });

  it('names the chain of fields of byte 358: root → instances[5] → criteria[20] → op', () => {
    expect(nodeAt(view, 358).map((n) => n.path)).toEqual([
      '', 'instances', 'instances[5]', 'instances[5].criteria', 'instances[5].criteria[20]', 'instances[5].criteria[20].op',
    ]);
    expect(nodeAt(view, 361).at(-1)!.path).toBe('instances[5].criteria[20].str_off');
    expect(nodeAt(view, 0).at(-1)!.path).toBe('header.magic');
    expect(nodeAt(view, bytes.length - 1).map((n) => n.path)).toEqual(['', 'crc']);
    expect(nodeAt(view, -1)).toEqual([]);
    expect(nodeAt(view, bytes.length)).toEqual([]);
    expect(nodeAt(view, 1.5)).toEqual([]);
  });

  it('reaches a string in the pool through the criterion that places it; the pool holds it too', () => {
    const text = nodeByPath(view, 'instances[5].criteria[20].text')!;
    expect(nodeAt(view, text.offset).at(-1)).toBe(text);
    expect(nodesContaining(view, text.offset).map((n) => n.path)).toEqual(['', 'pool', 'instances[5].criteria[20].text']);
  });

  it('answers every byte as a brute-force search for the innermost node would', () => {
    const byHand = (off: number) => {
      const holding = view.nodes.filter((n) => !n.scattered && n.size > 0 && n.offset <= off && off < n.offset + n.size);
      holding.sort((a, b) => a.size - b.size || b.depth - a.depth || b.id - a.id);
      return holding[0];
    };
    for (let off = 0; off < bytes.length; off++) expect(nodeAt(view, off).at(-1), `byte ${off}`).toBe(byHand(off));
  });
});
