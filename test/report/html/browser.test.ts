/**
 * The HTML report in a real browser (issue 11), as the person at 05:00 uses it: headless
 * Chromium (the system's, see browser.ts) on `preflight report` of the July file, clicking the
 * offending criterion in the tree and a byte in the hex view, reading the blast-radius chart;
 * then the report of a 1 MiB file, timed until the page is ready, its DOM counted.
 * A screenshot of the July report is saved under out/test/report-html/ (gitignored).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigCcfFile } from '../../../bench/big-ccf-file.js';
import { defaultSchemaPath, loadSchema } from '../../../src/schema/index.js';
import { ROOT, runCli } from '../../cli/run-cli.js';
import { launchChromium, skipBrowserTests } from './browser.js';
import { HOSTILE, hostileCcfFile } from './hostile-file.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
export const SCREENSHOTS = join(ROOT, 'out', 'test', 'report-html');

describe.skipIf(skipBrowserTests())('the HTML report in Chromium', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-report-browser-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string): Promise<{ page: Page; wallMs: number; readyMs: number; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => { (window as unknown as { cspViolations: string[] }).cspViolations = [...((window as unknown as { cspViolations?: string[] }).cspViolations ?? []), `${e.violatedDirective} ${e.blockedURI}`]; });
    });
    const start = Date.now();
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('html[data-ready]', { timeout: 30_000 });
    const wallMs = Date.now() - start;
    const readyMs = await page.evaluate(() => (window as unknown as { preflightReadyAt: number }).preflightReadyAt);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    return { page, wallMs, readyMs, requests };
  }

  function report(files: readonly string[], name: string): string {
    const out = join(dir, name);
    const r = runCli(['report', ...files, '-o', out], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return out;
  }

  it('July file: the offending criterion lights up its bytes, a byte opens its field, the chart gives the blast radius', async () => {
    const { page, requests } = await open(report([JULY], 'july.html'));
    // Nothing but the file itself is loaded: no network, no other asset.
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(new Set(requests).size).toBe(1);

    // Open instances → [5] → criteria in the tree, as a person would, then click criterion 20.
    for (const path of ['instances', 'instances[5]', 'instances[5].criteria']) {
      const row = await treeRow(page, path);
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.tw').click();
    }
    await (await treeRow(page, 'instances[5].criteria[20]')).locator('.tn').click();
    expect(await highlighted(page)).toEqual([358, 359, 360, 361, 362, 363, 364]);
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('instances[5].criteria[20]');
    expect(await page.locator('#inspector-0 .detail').innerText()).toContain('358 (0x166)');

    // A byte of the pool: its innermost field opens, its ancestors expanded, and is selected.
    await page.locator('#inspector-0 .goto').fill('0x1ff');
    await page.locator('#inspector-0 .goto').press('Enter');
    await page.locator('.hex [data-o="511"]').first().click();
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('instances[5].criteria[20].text');
    expect(await page.locator('#inspector-0 .detail').innerText()).toContain('ntdll.dll');
    // A byte of the header, clicked where it is shown.
    await page.locator('.hex').evaluate((box) => { box.scrollTop = 0; });
    await page.locator('.hex [data-o="8"]').first().click();
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('header.channel');
    expect(await highlighted(page)).toEqual([8, 9]);
    expect(await page.locator('.tree [data-path="header"]').getAttribute('aria-expanded')).toBe('true');

    // The blast-radius chart: agent-7.11 crashes, 8,500,000 of 9,700,000 endpoints, 87.6%.
    const crash = page.locator('svg.chart g.chart-row:not(.chart-total)[data-outcome="crash"]');
    await expect.poll(() => crash.count()).toBe(1);
    expect(await crash.getAttribute('data-population')).toBe('8500000');
    expect(await crash.getAttribute('data-total')).toBe('9700000');
    expect(await crash.locator('.chart-label').textContent()).toBe('agent-7.11');
    expect(await crash.locator('.chart-value').textContent()).toBe('crash · 8,500,000 of 9,700,000 (87.6%)');
    const widths = await crash.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.876, 2);
    expect(await page.locator('table.outcomes').innerText()).toMatch(/agent-7\.11\s+crash\s+8,500,000\s+87\.6%/);

    // A fact of explain's chain opens its field.
    await page.locator('details.chain li a.place[data-goto-path="instances[5].type_id"]').click();
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('instances[5].type_id');

    // A finding's link selects its field in the tree.
    await page.locator('.finding-list a.place').first().click();
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('instances[5].criteria[20]');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'july.png'), fullPage: true });
    await page.close();
  });

  it('two files: a line of the diff opens its place in the file it is about', async () => {
    const { page } = await open(report(['corpus/ccf/story/2024-04-24-spring.bin', JULY], 'pair.html'));
    const added = page.locator('#diff li', { hasText: 'added instances[instance_id=106]' });
    await added.locator('a.place').click();
    await expect.poll(() => page.locator('#inspector-1 .tree .trow.sel').getAttribute('data-path')).toBe('instances[5]');
    const worse = page.locator('#diff li.tone-worse');
    expect(await worse.innerText()).toContain('agent-7.11: load → crash (WORSE) on 8,500,000 of 9,700,000 endpoints (87.6%)');
    await page.close();
  });

  it("a hostile file's strings and name show as text: no script runs, no element is injected", async () => {
    const file = join(dir, '<img src=x onerror=alert(4)>.bin');
    writeFileSync(file, hostileCcfFile(loadSchema(defaultSchemaPath())));
    const { page } = await open(report([file], 'hostile.html'));
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    for (const path of ['instances', 'instances[0]', 'instances[0].criteria', 'instances[0].criteria[0]']) {
      const row = await treeRow(page, path);
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.tw').click();
    }
    const text = await treeRow(page, 'instances[0].criteria[0].text');
    expect(await text.locator('.tm').textContent()).toContain('</script><script>alert(1)</script><img src=x onerror=alert(2)>');
    await text.locator('.tn').click();
    expect(await page.locator('#inspector-0 .detail').innerText()).toContain('<img src=x onerror=alert(2)>');
    expect(await page.locator('h1').innerText()).toContain('<img src=x onerror=alert(4)>.bin');
    // Only the page's own elements: no img, no injected script or svg.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('svg:not(.chart), svg.chart svg, svg.chart image, svg.chart script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(HOSTILE).toContain('\u202e');
    await page.close();
  });

  it('a 1 MiB file opens in under 2 s with a small DOM, and stays small when its largest array is opened', async () => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, bigCcfFile(loadSchema(defaultSchemaPath()), 3900));
    const html = report([big], 'big.html');
    const { page, wallMs, readyMs } = await open(html);
    const nodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
    const ready = { readyMs: Math.round(readyMs), wallMs, domNodes: await nodes() };
    console.log(`1 MiB report: ready ${ready.readyMs} ms after navigation (${ready.wallMs} ms wall), ${ready.domNodes} DOM elements`);
    writeFileSync(join(dir, 'timing.json'), JSON.stringify(ready));
    expect(readyMs).toBeLessThan(2000);
    expect(ready.domNodes).toBeLessThan(3000);

    // Open the instances and jump to the last byte: the tree and hex stay virtualised.
    const row = await treeRow(page, 'instances');
    await row.locator('.tw').click();
    await page.locator('#inspector-0 .goto').fill(String(1036835 - 1));
    await page.locator('#inspector-0 .goto').press('Enter');
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('crc');
    // The tree keeps 80,802 of about 250,000 fields (defaultMaxNodes): instances[0..1200] are in it.
    await page.locator('#inspector-0 .goto').fill('instances[1000].criteria[19]');
    await page.locator('#inspector-0 .goto').press('Enter');
    await expect.poll(() => page.locator('.tree .trow.sel').getAttribute('data-path')).toBe('instances[1000].criteria[19]');
    const opened = await nodes();
    console.log(`1 MiB report, the instances opened and instances[1000].criteria[19] selected: ${opened} DOM elements`);
    expect(opened).toBeLessThan(3000);
    await page.close();
  });
});

/** The tree row of a path, scrolling the (virtualised) tree from the top until it is drawn. */
async function treeRow(page: Page, path: string) {
  const row = page.locator(`#inspector-0 .tree .trow[data-path="${path}"]`);
  await page.locator('#inspector-0 .tree').evaluate((box) => { box.scrollTop = 0; });
  for (let i = 0; i < 200 && (await row.count()) === 0; i++) {
    await page.locator('#inspector-0 .tree').evaluate((box) => new Promise((done) => { box.scrollTop += box.clientHeight / 2; requestAnimationFrame(() => requestAnimationFrame(done)); }));
  }
  expect(await row.count(), `tree row ${path}`).toBe(1);
  return row;
}

/** Offsets of the hex bytes drawn highlighted. */
function highlighted(page: Page): Promise<number[]> {
  return page.locator('#inspector-0 .hex .hb.sel').evaluateAll((spans) => spans.map((s) => Number(s.getAttribute('data-o'))).sort((a, b) => a - b));
}
