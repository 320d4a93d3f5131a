import { describe, expect, it } from 'vitest';
import { bigCcfFile } from '../../../bench/big-ccf-file.js';
import { DEFAULT_SHOW_LIMITS, InspectError, inspectFile, renderInspectJson, renderInspectText, type InspectRequest } from '../../../src/triage/inspect/index.js';
import { ccfConsumers, defaultConsumers } from '../../helpers/consumers.js';
import { JULY, ROOT, bytesOf, ccf, hostileFiles } from '../view/view-helpers.js';

const july = (extra: Partial<InspectRequest> = {}) => inspectFile({ file: JULY, bytes: bytesOf(JULY), schema: ccf(), consumers: ccfConsumers(), ...extra });
const text = (req: Partial<InspectRequest> = {}, color = false) => renderInspectText(july(req), DEFAULT_SHOW_LIMITS, color);
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[/;

describe('inspect of the July file (issue 11)', () => {
  it('shows the tree, the coloured hex dump, the finding marked at its bytes and the consumers', () => {
    const out = text();
    expect(out).toMatch(/^corpus\/ccf\/story\/2024-07-19-0409-channel-291\.bin: ccf-v1, 524 bytes, FAIL/);
    expect(out).toContain('read completely: 380 nodes');
    expect(out).toMatch(/0x0166 +7 +\[20\] +criterion +◀ OOB_INPUT_READ/);
    expect(out).toMatch(/0x0166 +1 +op +u1 +3 +EQ_STR/);
    expect(out).toMatch(/0x005d +4 +\[5\] +u4 +318 \(0x13e\) +→ instances\[5\]/);
    expect(out).toContain('"ntdll.dll"');
    expect(out).toContain('hex dump  (regions: header, types, index, instances, pool, crc)');
    expect(out).toMatch(/0x0160 {2}00 00 00 00 00 00 03 92 {2}00 00 00 09 00 5c 5c 2e {2}\|\.{13}\\\\\.\| {2}instances, pool/);
    // The finding's bytes (the criterion, 7 bytes from 358) are marked under its hex line.
    expect(out).toContain('error    OOB_INPUT_READ  instances[5].criteria[20] @ 358 (0x166)  on agent-7.11');
    const lines = out.split('\n');
    const hexLine = lines.findIndex((l, i) => l.includes('0x0160') && lines[i + 1]!.includes('^^'));
    expect(lines[hexLine + 1]!.indexOf('^^')).toBe(lines[hexLine]!.indexOf('03 92'));
    expect(lines[hexLine + 1]!.trim()).toBe('^^ ^^  ^^ ^^ ^^ ^^ ^^');
    expect(out).toMatch(/agent-7\.11 +crash +8,500,000 +OOB_INPUT_READ at instances\[5\]\.criteria\[20\] @ 358/);
    expect(out).not.toMatch(ANSI);
  });

  it('colours by region only when asked', () => {
    const out = text({}, true);
    expect(out).toMatch(ANSI);
    expect(out.replace(/\x1b\[[0-9;]*m/g, '')).toBe(text());
  });

  it('--at 358 names the field, the record and the element, with the chain root → op', () => {
    const ins = july({ at: 358 });
    expect(ins.at).toMatchObject({ offset: 358, byte: 3 });
    expect(ins.at!.field!.path).toBe('instances[5].criteria[20].op');
    expect(ins.at!.record!.path).toBe('instances[5]');
    expect(ins.at!.element!.path).toBe('instances[5].criteria[20]');
    const out = renderInspectText(ins, DEFAULT_SHOW_LIMITS, false);
    expect(out).toContain('byte 358 (0x166) = 0x03');
    expect(out).toContain('  element  instances[5].criteria[20]');
    expect(out).toContain('OOB_INPUT_READ');
    expect(out).not.toContain('field tree');
  });

  it('--at in the pool names the string and the record that places it, and the pool around it', () => {
    const ins = july({ at: 0x1ff });
    expect(ins.at!.field!.path).toBe('instances[5].criteria[20].text');
    expect(ins.at!.alsoIn.map((n) => n.path)).toEqual(['pool']);
  });

  it('--path shows one subtree and only its bytes', () => {
    const out = text({ path: 'instances[5].criteria[20]' });
    expect(out).toContain('field tree of instances[5].criteria[20]');
    expect(out).not.toContain('magic');
    expect(out).toMatch(/0x0160 {20}03 92 {2}00 00 00 09 00 {11}\|/);
    expect(out).toMatch(/0x0200 {2}74 64 6c 6c 2e 64 6c 6c +\|tdll\.dll +\| {2}pool/);
  });

  it('a path the file has no node at, or a byte past its end, is one line saying what there is', () => {
    expect(() => july({ path: 'instances[9]' })).toThrow(InspectError);
    expect(() => july({ path: 'instances[9]' })).toThrow(/no such node; instances has 6 element\(s\)/);
    expect(() => july({ path: 'nothing.here' })).toThrow(/top-level fields are header, types, index, instances, pool, crc/);
    expect(() => july({ at: 524 })).toThrow(/past the end of the file: it has 524 byte\(s\), the last byte is 523 \(0x20b\)/);
  });

  it('JSON: the view, the findings and the consumers, machine-readable', () => {
    const doc = JSON.parse(renderInspectJson(july(), DEFAULT_SHOW_LIMITS)) as Record<string, any>;
    expect(Object.keys(doc)).toEqual(['file', 'format', 'size', 'verdict', 'complete', 'nodesKept', 'truncatedNodes', 'regions', 'nodes', 'omitted', 'findings', 'consumers']);
    expect(doc).toMatchObject({ format: 'ccf-v1', size: 524, verdict: 'fail', complete: true, nodesKept: 380, truncatedNodes: 0 });
    expect(doc.nodes).toHaveLength(380);
    expect(doc.nodes.find((n: any) => n.path === 'instances[5].criteria[20]')).toMatchObject({ offset: 358, size: 7, kind: 'struct', type: 'criterion' });
    expect(doc.findings[0]).toMatchObject({ code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', offset: 358, profile: 'agent-7.11' });
    expect(doc.consumers.map((c: any) => c.outcome)).toEqual(['crash', 'load']);
    const at = JSON.parse(renderInspectJson(july({ at: 358 }), DEFAULT_SHOW_LIMITS)).at;
    expect(at).toMatchObject({ offset: 358, byte: 3, field: 'instances[5].criteria[20].op', record: 'instances[5]', element: 'instances[5].criteria[20]' });
    expect(at.chain.map((n: any) => n.path)).toEqual(['', 'instances', 'instances[5]', 'instances[5].criteria', 'instances[5].criteria[20]', 'instances[5].criteria[20].op']);
  });
});

const BOUND = 200 * 1024;

describe('hostile and big files: bounded output that says where reading stopped (issue 11)', () => {
  it.each(hostileFiles().map((h) => [h.file, h] as const))('%s', (_name, { file, schema }) => {
    const started = performance.now();
    const ins = inspectFile({ file, bytes: bytesOf(file), schema: schema(), consumers: defaultConsumers(`${ROOT}/${schema === ccf ? 'schemas/ccf-v1.yaml' : 'schemas/sigpack-v1.yaml'}`, schema()) });
    const out = renderInspectText(ins, DEFAULT_SHOW_LIMITS, false);
    const json = renderInspectJson(ins, DEFAULT_SHOW_LIMITS);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(out.length).toBeLessThan(BOUND);
    expect(json.length).toBeLessThan(BOUND);
    if (ins.view.stopped) expect(out).toContain(`reading stopped at ${ins.view.stopped.path || '(file)'} @ ${ins.view.stopped.offset}`);
    else expect(out).toContain('read completely');
  });

  it.each([
    ['a 1 MiB CCF file', () => bigCcfFile(ccf(), 3900)],
    ['1 MiB of zeros', () => new Uint8Array(1 << 20)],
  ])('%s: the tree and the dump say what they leave out', (_name, make) => {
    const bytes = make();
    const ins = inspectFile({ file: 'big.bin', bytes, schema: ccf(), consumers: ccfConsumers() });
    const out = renderInspectText(ins, DEFAULT_SHOW_LIMITS, false);
    expect(out.length).toBeLessThan(BOUND);
    expect(out).toMatch(/… [\d,]+ byte\(s\) not shown \(0x/);
    expect(renderInspectJson(ins, DEFAULT_SHOW_LIMITS).length).toBeLessThan(BOUND);
  }, 60_000);
});
