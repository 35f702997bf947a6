/**
 * What makes the HTML report accessible, as markup: a skip link and landmarks, headings in
 * order, the chart's data as a table, each description in full, and text colours that reach
 * WCAG's contrast. The browser test checks the same page with axe-core and a keyboard.
 */
import { describe, expect, it } from 'vitest';
import type { AssessedItem } from '../../src/core/types.js';
import { htmlFormat } from '../../src/formats/html.js';
import { MAX_DOTS } from '../../src/formats/html-chart-data.js';
import { TEXT_CONTRAST, contrastRatio, readableOn } from '../../src/formats/html-colour.js';
import { styleSheet } from '../../src/formats/html-style.js';
import { routeMarks } from '../../src/formats/route-marks.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();
const count = (text: string, needle: string): number => text.split(needle).length - 1;

async function report(...files: string[]): Promise<string> {
  const results = (await Promise.all(files.map((f) => assessedFile(policy, f)))).flat();
  return render(htmlFormat, fixedContext(policy), results);
}

/** The text between the first `start` and the next `end` after it. */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return text.slice(from, text.indexOf(end, from) + end.length);
}

describe('html page structure', () => {
  it('starts with a skip link to the main content, then a banner with the contents, main, and a footer', async () => {
    const out = await report('examples/backlog.csv');
    expect(out).toContain('<body>\n<a class="skip-link" href="#main">Skip to the report</a>\n<div class="page">\n<header>');
    expect(between(out, '<nav aria-label="Contents">', '</nav>')).toBe(`<nav aria-label="Contents"><ul class="contents">
<li><a href="#counts">Headline counts</a></li>
<li><a href="#chart">Where the work sits</a></li>
<li><a href="#section-0">The Union</a></li>
<li><a href="#section-1">Council</a></li>
<li><a href="#section-2">CCG</a></li>
<li><a href="#section-3">Individual</a></li>
<li><a href="#section-4">Needs review</a></li>
<li><a href="#fragile">Fragile items</a></li>
<li><a href="#explanations">How each item was assessed</a></li>
</ul></nav>`);
    expect(out).toContain('</header>\n<main id="main" tabindex="-1">\n<h1>22 items: who should take the work</h1>');
    expect(out).toMatch(/<\/section>\n<\/main>\n<footer>[^]*<\/footer>\n<\/div>\n<\/body>\n<\/html>\n$/);
    for (const id of ['counts', 'chart', 'section-0', 'section-4', 'explanations', 'main']) expect(count(out, ` id="${id}"`)).toBe(1);
  });

  it('has headings in order: one h1, h2 for each part, h3 inside an explanation, none skipped', async () => {
    const out = await report('examples/backlog.csv');
    const levels = [...out.matchAll(/<h(\d)[ >]/g)].map((m) => Number(m[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    expect(levels.every((level, k) => k === 0 || level <= (levels[k - 1] as number) + 1)).toBe(true);
    expect(out).toContain('<h2 id="counts-head" class="visually-hidden">Headline counts</h2>');
    expect(count(out, '<h3>Routing ')).toBe(22);
    expect(out).not.toContain('<h4');
  });

  it('lets each table scroll from the keyboard where it is too wide, named by its heading', async () => {
    const out = await report('examples/backlog.csv');
    expect(out).toContain('<h2 class="section-head" id="section-3-head">Individual <span class="muted">(3)</span></h2>');
    expect(out).toContain('<div class="table-wrap" role="region" aria-labelledby="section-3-head" tabindex="0"><table class="items">');
    // ID, Title, Class and Because in each of the five route tables, four in the chart's data
    // table, and four in the fragile items' table.
    expect(count(out, '<th scope="col">')).toBe(5 * 4 + 4 + 4);
    expect(out).toContain('<div class="table-wrap" role="region" aria-labelledby="fragile-head" tabindex="0"><table class="fragile">');
  });
});

describe('html chart text alternative', () => {
  it('names the chart, describes it, and gives its data as a table: one row per item', async () => {
    const out = await report('examples/backlog.csv');
    expect(out).toContain(
      '<svg class="chart" viewBox="0 0 760 500" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" aria-details="chart-data" xmlns="http://www.w3.org/2000/svg">\n<title id="chart-title">Alignment against transformation, one mark per item</title>',
    );
    const table = between(out, '<details class="chart-data" id="chart-data">', '</details>');
    expect(table).toContain(`<summary>The chart's data: 22 items with their scores</summary>
<div class="table-wrap" role="region" aria-labelledby="chart-data-caption" tabindex="0">
<table class="items">
<caption id="chart-data-caption">Each item in the chart, in input order</caption>
<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Route</th><th scope="col" class="num">Alignment</th><th scope="col" class="num">Transformation</th><th scope="col">Classification</th></tr></thead>`);
    expect(count(table, '<tr><td class="id">')).toBe(22);
    expect(table).toContain(
      '<tr><td class="id">WI-06</td><td class="text">Fix postcode validation on the referral form</td><td>Individual</td><td class="num">14</td><td class="num">0</td><td>business as usual</td></tr>',
    );
    // The table comes right after the chart's figure.
    expect(out.indexOf('</figure>\n<details class="chart-data"')).toBeGreaterThan(0);
  });

  it('gives the density view its squares as a table, counting every item', async () => {
    const base = await assessedFile(policy, 'examples/backlog.csv');
    const many = Array.from({ length: MAX_DOTS + 1 }, (_, i) => base[i % base.length] as AssessedItem);
    const out = render(htmlFormat, fixedContext(policy), many);
    expect(out).toContain('<title id="chart-title">Alignment against transformation, shaded by how many items sit at each spot</title>');
    const table = between(out, '<details class="chart-data" id="chart-data">', '</details>');
    const cells = count(out, '<g class="cell"');
    expect(table).toContain(`<summary>The chart's data: ${cells} squares counting 3,001 items</summary>`);
    expect(table).toContain(
      '<thead><tr><th scope="col" class="num">Alignment</th><th scope="col" class="num">Transformation</th><th scope="col" class="num">Items</th><th scope="col">Most go to</th><th scope="col">By route</th></tr></thead>',
    );
    const rows = [...table.matchAll(/<tr><td class="num">([\d–]+)<\/td><td class="num">([\d–]+)<\/td><td class="num">([\d,]+)<\/td>/g)];
    expect(rows).toHaveLength(cells);
    expect(rows.reduce((sum, m) => sum + Number((m[3] as string).replace(/,/g, '')), 0)).toBe(MAX_DOTS + 1);
    // Top row first: transformation never rises down the table.
    const tops = rows.map((m) => Number((m[2] as string).split('–')[0]));
    expect(tops.every((t, k) => k === 0 || t <= (tops[k - 1] as number))).toBe(true);
    // WI-06 (alignment 14, transformation 0) falls in this square.
    expect(table).toContain('<tr><td class="num">14–17</td><td class="num">0–1</td>');
  });
});

describe('html explanation', () => {
  it('shows the description in full and escaped, not shortened among the facts', async () => {
    const out = await report('examples/backlog.csv', 'test/fixtures/reports/hostile.csv');
    const wi01 = between(out, '<details id="item-1" class="explain">', '</details>');
    expect(wi01).toContain(
      '<div class="explain-body">\n<p class="because"><b>The Union: transformational (100: spans organisations +30, new way of working +25) and alignment 69 is at least 50</b></p>\n\n<p class="description">Redesign the hospital discharge pathway so people leave hospital to be assessed at home, joining up council reablement, community health services and the acute trust. Co-designed with patients and carers to cut delayed discharges.</p>',
    );
    expect(wi01).toContain('<ul class="facts"><li>lead: &quot;union&quot;</li>');
    expect(wi01).not.toContain('description: ');
    const h5 = between(out, '<details id="item-27" class="explain">', '</details>');
    expect(h5).toContain('<p class="description">&lt;img src=x onerror=alert(&#39;description&#39;)&gt;</p>');
  });
});

describe('html colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#c26a00', '#ffffff')).toBeCloseTo(3.92, 2);
    expect(contrastRatio('red', '#ffffff')).toBeNaN();
  });

  it('darkens a route colour only as far as text needs, keeping those that already read', () => {
    expect(readableOn('#1b7f3b', '#f4f6f9')).toBe('#1b7f3b');
    const amber = readableOn('#c26a00', '#f4f6f9');
    expect(amber).toBe('#ab5d00');
    expect(contrastRatio(amber, '#f4f6f9')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(readableOn('not a colour', '#ffffff')).toBe('not a colour');
  });

  it('gives every route, known or spare, a text colour of at least 4.5:1 on the page and on a tinted background', () => {
    const marks = [...routeMarks(['union', 'council', 'ccg', 'individual', 'review', 'a', 'b', 'c']).values()];
    const css = styleSheet(marks).text;
    const text = [...css.matchAll(/\.route-(\d+)\{--c:(#[0-9a-f]{6});--t:(#[0-9a-f]{6})\}/g)];
    expect(text.map((m) => m[2])).toEqual(marks.map((m) => m.colour));
    for (const m of text) {
      expect(contrastRatio(m[3] as string, '#f4f6f9')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(m[3] as string, '#ffffff')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
  });

  it('uses text colours in the chart that read on its shaded bands (axe-core cannot check SVG text)', () => {
    const css = styleSheet([]).text;
    const rule = (selector: string): string => new RegExp(`${selector.replace(/[.*]/g, '\\$&')}\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    const colour = (declarations: string, property: string): string => {
      const value = new RegExp(`${property}:([^;]+)`).exec(declarations)?.[1] ?? '';
      const variable = /^var\((--[a-z]+)\)$/.exec(value)?.[1];
      return variable ? (new RegExp(`${variable}:(#[0-9a-f]{6})`).exec(css)?.[1] ?? '') : value;
    };
    const bands = ['#ffffff', colour(rule('.chart .band-transformational'), 'fill'), colour(rule('.chart .band-borderline'), 'fill')];
    expect(bands).toEqual(['#ffffff', '#f3ecf6', '#fbf6ea']);
    const texts = ['.chart .band-label', '.chart .axes text', '.chart .axes .axis-title', '.chart .threshold text', '.chart .labels text'].map((s) =>
      colour(rule(s), 'fill'),
    );
    expect(texts).toEqual(['#5b6475', '#5b6475', '#1d2330', '#3b4252', '#2c3340']);
    for (const text of texts) for (const band of bands) expect(contrastRatio(text, band)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // The decided and stale badges: white on amber and on red; the unknown mark: amber on white.
    expect(contrastRatio('#ffffff', colour(rule('.badge'), 'background'))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrastRatio('#ffffff', colour(rule('.badge.stale'), 'background'))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrastRatio(colour(rule('.unknown'), 'color'), '#f4f6f9')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });
});
