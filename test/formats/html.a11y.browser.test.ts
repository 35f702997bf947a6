/**
 * The HTML report audited in a real headless Chromium by axe-core: no WCAG 2.0, 2.1 or 2.2
 * failure at levels A and AA, nor of its best practices, on screen and on a phone, with the
 * explanations closed and open. In the slow project: four audits take a dozen seconds.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { cli } from '../helpers/cli.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices (landmarks, heading order). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/**
 * axe-core's violations on a page, one line per element: rule, impact, where, and why. The
 * report's Content-Security-Policy rightly refuses axe's script, so the page is opened again
 * in a context that bypasses it; that context is only ever used for this check.
 */
async function axeViolations(browser: Browser, url: string, options: { width: number; open?: boolean }): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: options.width, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    if (options.open) await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    await page.addScriptTag({ path: AXE });
    const run = `axe.run(document, ${JSON.stringify({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] })})`;
    const results = await page.evaluate<AxeResults>(run);
    return results.violations.flatMap((v) =>
      v.nodes.map((node) => `${v.id} (${v.impact ?? 'no impact'}) at ${node.target.join(' ')}: ${(node.failureSummary ?? v.help).replace(/\s+/g, ' ')}`),
    );
  } finally {
    await context.close();
  }
}

describe('the HTML report in Chromium, audited', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'triage-html-a11y-')), 'report.html');
    const run = await cli(['score', 'examples/backlog.csv', 'test/fixtures/reports/hostile.csv', '-f', 'html', '-o', file]);
    expect([run.code, run.stderr]).toEqual([0, `wrote ${file}\n`]);
    url = pathToFileURL(file).href;
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
  });

  it('has no WCAG 2.2 A or AA violation axe-core can find, on screen and on a phone, closed and with every fold open', async () => {
    expect(await axeViolations(browser, url, { width: 1100 })).toEqual([]);
    expect(await axeViolations(browser, url, { width: 1100, open: true })).toEqual([]);
    expect(await axeViolations(browser, url, { width: 420, open: true })).toEqual([]);
  }, 60000);
});
