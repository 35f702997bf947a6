/** Counts people read are grouped by thousands in every format for people: 1,100, not 1100. */
import { describe, expect, it } from 'vitest';
import { htmlFormat } from '../../src/formats/html.js';
import { markdownFormat } from '../../src/formats/markdown.js';
import { tableFormat } from '../../src/formats/table.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

describe('counts of a thousand or more', () => {
  it('are written 1,100 in the table, Markdown and HTML', async () => {
    const examples = await assessedFile(policy, 'examples/backlog.csv');
    // 22 examples, 50 times over: 1,100 items, 350 of them for The Union.
    const results = Array.from({ length: 50 }, () => examples).flat();
    const union = results.filter((r) => r.assessment.route === 'union').length;
    expect(union).toBe(350);

    const table = render(tableFormat, fixedContext(policy, { limit: 5 }), results);
    // The summary wraps to the table's 80 columns, between its parts.
    expect(table.trimEnd().split('\n').slice(-4)).toEqual([
      '1,100 items: The Union 350 · Council 200 · CCG 200 · Individual 150 ·',
      'Needs review 200',
      '50 not settled (marked ?): a missing fact could change the route; chase',
      'lead (50)',
    ]);

    const markdown = render(markdownFormat, fixedContext(policy), results);
    expect(markdown).toContain('1,100 items scored with');
    expect(markdown).toContain('| **Total** | **1,100** |');

    const html = render(htmlFormat, fixedContext(policy), results);
    expect(html).toContain('<h1>1,100 items: who should take the work</h1>');
    expect(html).toContain('<div class="count">350</div>');
    expect(html).toContain('<p class="notice">50 not settled (marked ?): a missing fact could change the route; chase lead (50)</p>');
  });
});
