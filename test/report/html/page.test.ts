/**
 * The page is self-contained (nothing fetched: no http(s) source or link, no external style or
 * font, a CSP that forbids any network and allows only its own script and style by hash), and no
 * text of a hostile file, file name, profile or message can become markup or script.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigCcfFile } from '../../../bench/big-ccf-file.js';
import { CLIENT_SCRIPT } from '../../../src/report/html/client/index.js';
import { collectHtmlReport } from '../../../src/report/html/collect.js';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { STYLES } from '../../../src/report/html/styles.js';
import { defaultSchemaPath, loadSchema } from '../../../src/schema/index.js';
import { defaultMaxNodes } from '../../../src/triage/view/index.js';
import { resolveConsumers } from '../../../src/cli/load-options.js';
import { ROOT } from '../../cli/run-cli.js';
import { HOSTILE, hostileCcfFile } from './hostile-file.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = resolveConsumers(undefined, schema, [], []);
const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
function render(files: { name: string; bytes: Uint8Array }[]): string {
  return renderHtmlReport(collectHtmlReport({ version: '0.0.0-test', schema, ...(consumers !== undefined ? { consumers } : {}), files }));
}

/** The markup with the page's own script and style left out and every attribute value emptied. */
function tagsOnly(html: string): string {
  return html.replace(/<script( type="application\/json" data-file="\d+")?>[^]*?<\/script>/g, '<script></script>').replace(/<style>[^]*?<\/style>/g, '<style></style>').replace(/="[^"]*"/g, '=""');
}

describe('the HTML page', () => {
  const july = render([{ name: JULY, bytes: new Uint8Array(readFileSync(join(ROOT, JULY))) }]);

  it('loads nothing from anywhere: no URL source, no link, no import; the CSP forbids the network', () => {
    expect(july).not.toMatch(/\b(src|href|action|formaction|poster|data)\s*=\s*["']?\s*(https?:|\/\/|file:|ftp:)/i);
    expect(july).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b|<img\b|<base\b/i);
    expect(july).not.toMatch(/@import|url\(/i);
    expect(july).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|\bimport\(/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(july)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v.join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    // Only the page's own script and style run, named by their hashes: no 'unsafe-inline'.
    expect(directives.get('script-src')).toBe(`'sha256-${createHash('sha256').update(CLIENT_SCRIPT).digest('base64')}'`);
    expect(directives.get('style-src')).toBe(`'sha256-${createHash('sha256').update(STYLES).digest('base64')}'`);
    expect(july).toContain(`<script>${CLIENT_SCRIPT}</script>`);
    expect(july).toContain(`<style>${STYLES}</style>`);
    // No inline style attributes or event handlers (the CSP would block them anyway).
    expect(tagsOnly(july)).not.toMatch(/<[a-z][^>]*\s(style|on[a-z]+)=/i);
  });

  it('the page script is valid JavaScript', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it("a hostile file's strings, name, and a finding's message stay text", () => {
    const html = render([{ name: `<b>${HOSTILE}</b>.bin`, bytes: hostileCcfFile(schema) }]);
    // Exactly the page's own elements: one JSON block per file and the page script.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/<img\b|<svg onload|<b>|<!--/i);
    expect(tagsOnly(html)).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|style|src)=/i);
    // The name shows escaped, and its bidi override is made visible.
    expect(html).toContain('&lt;b&gt;&lt;/script&gt;&lt;script&gt;alert(1)');
    expect(html).toContain('\\u202e');
    expect(html).not.toContain('\u202e');
    // The embedded data gives the strings back exactly as the tree shows them.
    const json = /<script type="application\/json" data-file="0">([^<]*)<\/script>/.exec(html)?.[1];
    expect(json).toBeDefined();
    const strings = JSON.parse(json!).strings as string[];
    expect(strings.some((s) => s.includes('</script><script>alert(1)</script><img src=x onerror=alert(2)>'))).toBe(true);
    expect(strings.some((s) => s.includes('<svg onload=alert(3)>'))).toBe(true);
  });

  it("findings come with what their code means (explain CODE), and each crashing consumer with explain's chain", () => {
    const findings = july.slice(july.indexOf('<section class="findings">'), july.indexOf('<section class="inspector"'));
    expect(findings).toMatch(/<h4><span class="sev error">error<\/span> OOB_INPUT_READ — consumer reads an input value it does not supply/);
    expect(findings).toMatch(/<dt>Meaning<\/dt><dd>[^<]+\S/);
    expect(findings).toMatch(/<dt>Why it matters<\/dt><dd>[^<]+\S/);
    expect(findings).toMatch(/<dt>Fix<\/dt><dd>[^<]+\S/);
    const chain = /<details class="chain" open><summary>agent-7\.11 — <span class="badge crash">crash<\/span> OOB_INPUT_READ at [^]*?<\/details>/.exec(july)?.[0];
    expect(chain).toBeDefined();
    // A few facts, in order, each placed in the file; the last one is the fault itself.
    const steps = [...chain!.matchAll(/<li>([^]*?)<\/li>/g)].map((m) => m[1]!);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.at(-1)).toContain('data-goto-path="instances[5].criteria[20]"');
    expect(chain).toContain('agent-7.11 supplies 20 inputs');
    expect(july).not.toContain('Chains to each fault are not shown');
  });

  it('two files: the page has the diff (what changed, who fares worse) before the files', () => {
    const spring = 'corpus/ccf/story/2024-04-24-spring.bin';
    const html = render([spring, JULY].map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(ROOT, f))) })));
    expect(html).toContain('id="diff"');
    expect(html).toMatch(/What changed: corpus\/ccf\/story\/2024-04-24-spring\.bin → corpus\/ccf\/story\/2024-07-19-0409-channel-291\.bin/);
    expect(html.indexOf('id="diff"')).toBeLessThan(html.indexOf('id="file-0"'));
    expect(html).toContain('id="inspector-1"');
    // What the diff says (src/triage/diff), in words: the consumer that gets worse, the added element.
    const diff = html.slice(html.indexOf('id="diff"'), html.indexOf('id="file-0"'));
    expect(diff).toContain("A consumer's outcome gets worse");
    expect(diff).toContain('agent-7.11: load → crash (WORSE) on 8,500,000 of 9,700,000 endpoints (87.6%): OOB_INPUT_READ at instances[5].criteria[20] @ 358 (0x166)');
    expect(diff).toContain('added instances[instance_id=106] at instances[5]');
    expect(diff).toContain('criteria[20]: op EQ_STR, text &quot;ntdll.dll&quot;');
    expect(diff).toMatch(/Findings that appeared<\/h3><ul class="diff-list"><li[^>]*>error OOB_INPUT_READ at instances\[5\]\.criteria\[20\]/);
  });

  it('a 1 MiB file makes a page of a few megabytes: bytes as base64, the tree as varint columns', () => {
    const bytes = bigCcfFile(schema, 3900);
    const started = performance.now();
    const html = render([{ name: 'big.bin', bytes }]);
    const json = /<script type="application\/json" data-file="0">([^<]*)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(json) as { bytes: string; tree: { count: number; truncatedNodes: number } };
    expect(Buffer.from(data.bytes, 'base64').equals(Buffer.from(bytes))).toBe(true);
    // About 250,000 fields; the tree keeps defaultMaxNodes (16,000 + 1 per 16 bytes: 80,802) and the
    // page says it is truncated and how many it left out (memory: issue 12's bound).
    expect(data.tree.count).toBe(defaultMaxNodes(bytes.length));
    expect(data.tree.truncatedNodes).toBeGreaterThan(150_000);
    expect(html).toContain(`The tree is truncated at ${data.tree.count.toLocaleString('en-US')} fields: ${data.tree.truncatedNodes.toLocaleString('en-US')} more`);
    expect(html.length).toBeLessThan(bytes.length * 1.4 + data.tree.count * 25);
    console.log(`1 MiB report: ${html.length} characters, ${data.tree.count} fields, made in ${Math.round(performance.now() - started)} ms`);
  });
});
