import { describe, expect, it } from 'vitest';
import { buildFileView, nodeAt, nodeByPath } from '../../../src/triage/view/index.js';
import { compressedTextChunk, iccChunk, makePng, textChunk } from '../../examples/make-png.js';
import { makeZip } from '../../examples/make-zip.js';
import { bytesOf, expectWellFormed, png, sigpack, zip } from './view-helpers.js';

describe('the view knows no format: sigpack, PNG and ZIP from their schemas alone (issue 11)', () => {
  it('sigpack: a switch on a record tag shows the chosen case, its enum name and its text', () => {
    const bytes = bytesOf('corpus/sigpack/clean.bin');
    const view = buildFileView(sigpack(), bytes);
    expectWellFormed(view, bytes.length);
    expect(view.complete).toBe(true);
    expect(nodeByPath(view, 'records[0].tag')).toMatchObject({ meaning: 'NAME' });
    expect(nodeByPath(view, 'records[0].body')).toMatchObject({ kind: 'switch', type: 'name' });
    expect(nodeByPath(view, 'records[0].body.text')).toMatchObject({ kind: 'str', meaning: '"trojan.win32.agent"' });
    expect(nodeAt(view, 20).map((n) => n.path)).toEqual(['', 'records', 'records[0]', 'records[0].body', 'records[0].body.text']);
  });

  it('PNG: text chunks decoded, a compressed field says what it decompressed to, its inner nodes where they sit inside', () => {
    const bytes = new Uint8Array(makePng({ before: [textChunk('Title', 'hello'), compressedTextChunk('Comment', 'zipped text'), iccChunk('sRGB')] }));
    const view = buildFileView(png(), bytes);
    expectWellFormed(view, bytes.length);
    expect(view.complete).toBe(true);
    expect(nodeByPath(view, 'chunks[0].kind')).toMatchObject({ meaning: '"IHDR"' });
    expect(nodeByPath(view, 'chunks[0].body.color_type')).toMatchObject({ meaning: 'RGB' });
    expect(nodeByPath(view, 'chunks[1].body.text')).toMatchObject({ meaning: '"hello"' });
    expect(nodeByPath(view, 'chunks[2].body.text')!.meaning).toBe('decompressed to 11 bytes');
    const profile = nodeByPath(view, 'chunks[3].body.profile')!;
    const cmm = nodeByPath(view, 'chunks[3].body.profile.cmm')!;
    expect(cmm).toMatchObject({ meaning: '"lcms"', innerOffset: 4, offset: profile.offset, size: profile.size });
    // A byte of compressed data is the compressed field's, not one of the nodes read from inside it.
    expect(nodeAt(view, profile.offset).at(-1)!.path).toBe('chunks[3].body.profile');
    expect(view.regions.map((r) => r.name)).toEqual(['signature', 'chunks']);
  });

  it('ZIP: the directory placed by the end record\'s offset, and the offset says what it places', () => {
    const bytes = new Uint8Array(makeZip([{ name: 'a.txt', data: new TextEncoder().encode('hello hello hello') }, { name: 'b.txt', data: new Uint8Array(5), method: 0 }], 'note'));
    const view = buildFileView(zip(), bytes);
    expectWellFormed(view, bytes.length);
    expect(view.complete).toBe(true);
    expect(nodeByPath(view, 'central_dir')).toMatchObject({ placedBy: 'end.cd_offset' });
    expect(nodeByPath(view, 'end.cd_offset')).toMatchObject({ pointsTo: ['central_dir'], meaning: '→ central_dir' });
    expect(nodeByPath(view, 'central_dir.entries[0].local_offset')!.meaning).toMatch(/^→ /);
    expect(nodeByPath(view, 'end.comment')).toMatchObject({ meaning: '"note"' });
  });
});
