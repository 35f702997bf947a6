import { describe, expect, it } from 'vitest';
import type { AssessedItem } from '../../src/core/types.js';
import { htmlFormat } from '../../src/formats/html.js';
import { ChartData, MAX_CHART_TEXT, clip, tipOf } from '../../src/formats/html-chart-data.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

describe('clip', () => {
  it('keeps short text, and cuts long text to the limit with an ellipsis last', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('ab…');
    expect(clip('x'.repeat(1000), 120)).toBe(`${'x'.repeat(119)}…`);
  });

  it('never splits a surrogate pair', () => {
    // '😀' is two UTF-16 code units: cutting after 'ab' and half of it would leave a lone surrogate.
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('a😀bcd', 4)).toBe('a😀…');
  });
});

describe('chart data of huge items', () => {
  it('keeps at most MAX_CHART_TEXT characters of an id and a title, for the tooltip and the data table', async () => {
    const [first] = await assessedFile(policy, 'examples/backlog.csv');
    const a = { ...(first as AssessedItem).assessment, id: `I-${'7'.repeat(300)}`, title: 'Long '.repeat(200_000) };
    const chart = new ChartData();
    chart.add(a);
    const dot = chart.marks()?.[0];
    expect(dot?.id).toBe(`I-${'7'.repeat(MAX_CHART_TEXT - 3)}…`);
    expect(dot?.title).toBe(`${'Long '.repeat(24).trimEnd()}…`);
    expect(tipOf(dot!)).toBe(`I-${'7'.repeat(117)}… ${'Long '.repeat(24).trimEnd()}…\nThe Union\nalignment 69, transformation 100 (transformational)`);
  });

  it('cuts long titles in the chart and its data table but keeps them whole in the route tables and explanations', async () => {
    const base = await assessedFile(policy, 'examples/backlog.csv');
    const title = 'Joined-up care '.repeat(20_000);
    const results = base.slice(0, 2).map((r) => ({ item: r.item, assessment: { ...r.assessment, title } }));
    const out = render(htmlFormat, fixedContext(policy), results);
    const chart = out.slice(out.indexOf('<svg class="chart"'), out.indexOf('</details>', out.indexOf('<details class="chart-data"')));
    const clipped = `${title.slice(0, 119)}…`;
    expect(chart.split(`<title>WI-01 ${clipped}\n`)).toHaveLength(2);
    expect(chart.split(`<td class="text">${clipped}</td>`)).toHaveLength(3);
    expect(chart.length).toBeLessThan(20_000);
    expect(out.split(`<td class="text">${title}</td>`)).toHaveLength(3);
    expect(out.split(`<span class="id">WI-01</span> ${title} <span class="tag`)).toHaveLength(2);
  });
});
