import { describe, expect, it } from 'vitest';
import { SummaryBuilder } from '../../src/core/summary.js';
import { jsonFormat } from '../../src/formats/json.js';
import { markdownFormat } from '../../src/formats/markdown.js';
import { htmlFormat } from '../../src/formats/html.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

describe('json format', () => {
  it('is byte for byte the document JSON.stringify makes of { meta, summary, items }', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const context = fixedContext(policy);
    const summary = new SummaryBuilder(policy);
    for (const result of results) summary.add(result);
    const whole = { meta: context.meta, summary: summary.result(), items: results.map((r) => r.assessment) };
    expect(render(jsonFormat, context, results)).toBe(`${JSON.stringify(whole, null, 2)}\n`);
  });

  it('writes an empty list when there are no items', () => {
    const context = fixedContext(policy);
    const out = render(jsonFormat, context, []);
    expect(out.endsWith('  "items": []\n}\n')).toBe(true);
    expect(JSON.parse(out)).toMatchObject({ summary: { total: 0 }, items: [] });
  });

  it('holds each item in a section rather than keeping it, and places the section after the summary', async () => {
    const [first, second] = await assessedFile(policy, 'examples/backlog.csv');
    const sink = jsonFormat.create(fixedContext(policy));
    expect(sink.write(first!)).toEqual({ section: 'items', text: expect.stringMatching(/^\n {4}\{\n {6}"id": "WI-01",/) as unknown });
    expect(sink.write(second!)).toEqual({ section: 'items', text: expect.stringMatching(/^,\n {4}\{\n {6}"id": "WI-02",/) as unknown });
    const summary = new SummaryBuilder(policy).result();
    const end = sink.end(summary);
    expect(Array.isArray(end)).toBe(true);
    expect((end as unknown[])[1]).toEqual({ section: 'items' });
  });
});

describe('reports that put a summary first', () => {
  it('emit nothing as items come: markdown and html hold every row, in a section per route', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    for (const [name, format] of [
      ['markdown', markdownFormat],
      ['html', htmlFormat],
    ] as const) {
      const sink = format.create(fixedContext(policy));
      for (const result of results) {
        const written = sink.write(result);
        expect(typeof written, name).not.toBe('string');
      }
    }
  });
});
