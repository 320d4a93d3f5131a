/**
 * The browser for the HTML report's tests: the system's Chromium (Debian's `chromium` package,
 * installed by .ci/run) driven by playwright-core, which downloads no browser of its own.
 *
 * Missing browser: the test fails and says how to install it. Locally, and only outside CI,
 * PREFLIGHT_SKIP_BROWSER=1 skips it instead (docs/report.md). PREFLIGHT_CHROMIUM names
 * another Chromium binary.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? '/usr/bin/chromium';

/** Skip only when asked, and never in CI (CI=true or any value other than empty/false/0). */
export function skipBrowserTests(): boolean {
  const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
  return process.env.PREFLIGHT_SKIP_BROWSER === '1' && !ci;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the HTML report's browser test needs it. `
      + 'Install Debian\'s package (apt-get install chromium; .ci/run does), or set PREFLIGHT_CHROMIUM to a Chromium binary; '
      + 'to skip this test on your own machine (never in CI), set PREFLIGHT_SKIP_BROWSER=1.');
  }
  // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
