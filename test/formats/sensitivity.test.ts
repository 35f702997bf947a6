/** The sensitivity views and the HTML "fragile items" section, compared whole on a small result. */
import { describe, expect, it } from 'vitest';
import { renderFragileSection } from '../../src/formats/html-fragile.js';
import { renderSensitivityJson } from '../../src/formats/sensitivity-json.js';
import { renderSensitivityMarkdown } from '../../src/formats/sensitivity-markdown.js';
import { renderSensitivityTable } from '../../src/formats/sensitivity-table.js';
import type { SensitivityReport } from '../../src/formats/sensitivity-words.js';

const labels = new Map([
  ['union', 'The Union'],
  ['review', 'Needs review'],
]);

const report: SensitivityReport = {
  meta: {
    tool: { name: 'union-triage', version: '0.1.0' },
    principles: { file: 'set.yaml', hash: 'sha256:00', organisation: 'Org' },
    inputs: ['b.csv'],
    generatedAt: '2026-01-01T00:00:00.000Z',
  },
  parameters: [
    {
      id: 'principles.insight-led.weight',
      name: 'insight-led weight',
      value: 3,
      stable: [2.6, 5.25],
      range: [0, 1000],
      flips: [
        { item: 'WI-07', at: 2.6, route: 'review', op: '<' },
        { item: 'WI-03', at: 5.25, route: 'review', op: '>=' },
      ],
    },
    { id: 'thresholds.businessAsUsual', name: 'the businessAsUsual threshold', value: 40, stable: [0, 60], range: [0, 60], flips: [] },
  ],
  items: [
    { id: 'WI-03', title: 'Care <homes>', route: 'union' },
    { id: 'WI-07', title: 'Dashboard | @team', route: 'union' },
    { id: 'WI-09', title: 'Steady', route: 'union' },
  ],
};

describe('sensitivity views', () => {
  it('table: each parameter with its stable interval, then items by their nearest change', () => {
    expect(renderSensitivityTable(report, { labels, color: false, limit: 50 })).toBe(
      [
        'Sensitivity of 3 items to 2 parameters of set.yaml',
        '',
        '  parameter                      value  stable (no route changes)  in the whole range',
        '  principles.insight-led.weight      3  2.6 – 5.25                 2 items change',
        '  thresholds.businessAsUsual        40  all of 0 – 60              no route changes',
        '',
        'Most fragile items: the nearest route change for each parameter',
        '  WI-07  Dashboard | @team  (The Union)',
        '    → Needs review if insight-led weight < 2.6  (−13.3%)',
        '  WI-03  Care <homes>  (The Union)',
        '    → Needs review if insight-led weight >= 5.25  (+75%)',
        '',
      ].join('\n'),
    );
    expect(renderSensitivityTable(report, { labels, color: false, limit: 1 }).split('\n').slice(-3)).toEqual([
      '    → Needs review if insight-led weight < 2.6  (−13.3%)',
      '  … 1 more: use --limit to show more, or --format json for every change',
      '',
    ]);
  });

  it('markdown: tables whose cells cannot break, or ping anyone', () => {
    expect(renderSensitivityMarkdown(report, { labels, limit: 50 })).toBe(
      [
        '### Sensitivity of 3 items to 2 parameters of set.yaml',
        '',
        '| Parameter | Value | Stable (no route changes) | Items that can change |',
        '| --- | ---: | --- | ---: |',
        '| principles.insight-led.weight | 3 | 2.6 – 5.25 | 2 |',
        '| thresholds.businessAsUsual | 40 | all of 0 – 60 | 0 |',
        '',
        'Most fragile items, with the nearest route change for each parameter:',
        '',
        '| Item | Title | Route | Changes |',
        '| --- | --- | --- | --- |',
        '| WI-07 | Dashboard \\| @<!-- -->team | The Union | → Needs review if insight-led weight &lt; 2.6 (−13.3%) |',
        '| WI-03 | Care &lt;homes&gt; | The Union | → Needs review if insight-led weight &gt;= 5.25 (+75%) |',
        '',
      ].join('\n'),
    );
  });

  it('json: meta and parameters (contract), then the items', () => {
    const json = JSON.parse(renderSensitivityJson(report)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['meta', 'parameters', 'items']);
    expect(json['parameters']).toEqual(report.parameters);
  });

  it('html: the fragile items section, escaped, nearest change first', () => {
    const fragile = [
      {
        id: 'WI-03',
        title: 'Care <homes>',
        route: 'union',
        flips: [{ item: 'WI-03', parameter: 'principles.insight-led.weight', at: 3.3, route: 'review', op: '>=' as const }],
      },
      {
        id: 'WI-07',
        title: 'Dashboard',
        route: 'union',
        flips: [{ item: 'WI-07', parameter: 'principles.insight-led.weight', at: 2.9, route: 'review', op: '<' as const }],
      },
    ];
    expect(renderFragileSection(fragile, { percent: 20, parameters: report.parameters, labels }).text).toBe(
      [
        '<section id="fragile">',
        '<h2 id="fragile-head">Fragile items</h2>',
        "<p>2 items&#39; routes change when one weight, signal's points, threshold or rule limit moves by ±20% or less: their routes rest on a small difference.</p>",
        '<div class="table-wrap" role="region" aria-labelledby="fragile-head" tabindex="0"><table class="fragile">',
        '<caption class="visually-hidden">Items whose route changes within ±20% of a parameter</caption>',
        '<thead><tr><th scope="col">Item</th><th scope="col">Title</th><th scope="col">Route now</th><th scope="col">Would change</th></tr></thead>',
        '<tbody>',
        '<tr><td class="id fragile">WI-07</td><td class="text">Dashboard</td><td>The Union</td><td class="text"><ul><li>→ Needs review if insight-led weight &lt; 2.9 <span class="muted">(−3.33%)</span></li></ul></td></tr>',
        '<tr><td class="id fragile">WI-03</td><td class="text">Care &lt;homes&gt;</td><td>The Union</td><td class="text"><ul><li>→ Needs review if insight-led weight &gt;= 3.3 <span class="muted">(+10%)</span></li></ul></td></tr>',
        '</tbody>',
        '</table></div>',
        '</section>',
      ].join('\n'),
    );
    expect(renderFragileSection([], { percent: 20, parameters: report.parameters, labels }).text).toBe(
      [
        '<section id="fragile">',
        '<h2 id="fragile-head">Fragile items</h2>',
        "<p>No item's route changes when any one weight, signal's points, threshold or rule limit moves by ±20% or less.</p>",
        '',
        '</section>',
      ].join('\n'),
    );
  });
});
