import { describe, expect, it } from 'vitest';
import { applyDecision, fingerprintItem } from '../../src/core/decisions.js';
import type { AssessedItem } from '../../src/core/types.js';
import { markdownFormat } from '../../src/formats/markdown.js';
import { markdownCell } from '../../src/formats/markdown-text.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, expectGolden, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

/** Cells of a table row, split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Every table in a Markdown text: consecutive lines starting with a pipe. */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      found.push(current);
      current = undefined;
    }
  }
  if (current) found.push(current);
  return found;
}

/** Check GitHub table syntax: a header, a delimiter row, and rows of the same width. */
function expectWellFormedTables(markdown: string): void {
  const all = tables(markdown);
  expect(all.length).toBeGreaterThan(0);
  for (const table of all) {
    const width = cells(table[0] as string).length;
    expect(
      cells(table[1] as string).every((c) => /^-{3,}:?$/.test(c)),
      table[1],
    ).toBe(true);
    for (const row of table) {
      expect(row.endsWith('|'), row).toBe(true);
      expect(cells(row), row).toHaveLength(width);
    }
  }
}

function decided(results: AssessedItem[]): AssessedItem[] {
  return results.map((result) => {
    if (result.assessment.id === 'WI-12') {
      const decision = {
        id: 'WI-12',
        route: 'union',
        rationale: 'The board backs one platform.',
        by: 'Director of Integration',
        fingerprint: 'v1:00000000000000',
      };
      return { ...result, assessment: applyDecision(policy, result.assessment, decision, decision.fingerprint !== fingerprintItem(result.item)) };
    }
    if (result.assessment.id === 'WI-04') {
      return {
        ...result,
        assessment: applyDecision(policy, result.assessment, { id: 'WI-04', route: 'council', rationale: 'The licences are ours', by: 'Asha' }, false),
      };
    }
    if (result.assessment.id === 'WI-15') {
      return { ...result, assessment: applyDecision(policy, result.assessment, { id: 'WI-15', route: 'council', rationale: 'Estates will scope it' }, false) };
    }
    return result;
  });
}

describe('markdown format', () => {
  it('matches the golden file for the example backlog', async () => {
    const out = render(markdownFormat, fixedContext(policy), await assessedFile(policy, 'examples/backlog.csv'));
    expectWellFormedTables(out);
    expectGolden(out, 'backlog.expected.md');
  });

  it('shows each decision with its rationale and what the tool recommended, overrides and confirmations apart', async () => {
    const out = render(markdownFormat, fixedContext(policy), decided(await assessedFile(policy, 'examples/backlog.csv')));
    expectWellFormedTables(out);
    expectGolden(out, 'backlog-decided.expected.md');
    expect(out).toContain(
      '| WI-12 | **Single integrated IT platform**<br>Replace the council and CCG IT platforms with a single new integrated platform. | transformational | 18 | 85 | Overridden. Decided by Director of Integration: The board backs one platform. The tool recommended Needs review (rule challenge-weak-alignment). The item has changed since: the decision is stale.<br>Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50 |',
    );
    expect(out).toContain(
      '| WI-04 | **Case management system licence renewal**<br>Annual renewal of the licences for the adult social care case management system. | business as usual | 9 | 0 | Confirmed by Asha: The licences are ours.<br>Council: business as usual (0: recurring −40, keeps things running −25); lead is council |',
    );
    expect(out).toContain(
      // WI-15, the one item a missing fact could re-route, is decided: the decision settles it.
      '\n\nDecided by a person: 2 overridden, 1 confirmed; each row says what the tool recommended. 1 of those decisions is stale: the item changed after it was decided.\n\n## The Union',
    );
  });

  it('leads each row with the reason, marks what is not settled and says what to chase', async () => {
    const out = render(markdownFormat, fixedContext(policy), await assessedFile(policy, 'examples/backlog.csv'));
    expect(out).toContain(
      '| WI-15 | **Explore a joint estates strategy**<br>Explore options for a joint estates strategy. | business as usual? | 9 | 0 | Business as usual so far (no signal of change known); no rule could place it: effort\\_weeks, organisations, recurring and lead are unknown<br>Not settled: chase lead. |',
    );
    expect(out).toContain('| ID | Title | Classification | Align | Transf | Because |\n| --- | --- | --- | ---: | ---: | --- |\n| WI-12 |');
    expect(out).toContain('\n\n1 not settled (marked ?): a missing fact could change the route; chase lead (1)\n\n## The Union (7)');
    expect(out).not.toContain('Decided by a person');
  });

  it('keeps hostile item text inside its cell and inert', async () => {
    const out = render(markdownFormat, fixedContext(policy), await assessedFile(policy, 'test/fixtures/reports/hostile.csv'));
    expectWellFormedTables(out);
    expect(out).not.toMatch(/<script|<img|<b>/);
    expect(out).toContain("| H-5 | **&lt;script&gt;alert('title')&lt;/script&gt;**<br>&lt;img src=x onerror=alert('description')&gt; | transformational |");
    expect(out).toContain(
      '| H-6 | **Pipes \\| and<br>newlines &lt;b&gt;bold&lt;/b&gt;**<br>Markdown \\*stars\\* \\_under\\_ \\[link\\](javascript:alert(1)) \\`code\\` | business as usual |',
    );
  });

  it('escapes pipes, newlines, markup and Markdown punctuation in a cell', () => {
    expect(markdownCell('a | b\r\nc\nd\re')).toBe('a \\| b<br>c<br>d<br>e');
    expect(markdownCell('<img src=x onerror=alert(1)> & co')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(markdownCell('*a* _b_ `c` [d](javascript:x) ~~e~~ \\')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\](javascript:x) \\~\\~e\\~\\~ \\\\');
    expect(markdownCell('tab\there')).toBe('tab here');
  });

  it('leaves nothing GitHub would turn into a mention, a link or an issue reference', () => {
    const cases: Array<[string, string]> = [
      ['ask @asha-p and @union/leads', 'ask @<!-- -->asha-p and @<!-- -->union/leads'],
      ['mail jo@example.org', 'mail jo@<!-- -->example.org'],
      ['see https://example.org/a and ftp://x.y', 'see https:<!-- -->//example.org/a and ftp:<!-- -->//x.y'],
      ['www.example.org or WWW.EXAMPLE.ORG', 'www<!-- -->.example.org or WWW<!-- -->.EXAMPLE.ORG'],
      ['fixes #12, union/triage#3 and GH-4', 'fixes #<!-- -->12, union/triage#<!-- -->3 and GH<!-- -->-4'],
      // Plain uses stay as they are.
      ['a @ b, #tag, C# and GH-x', 'a @ b, #tag, C# and GH-x'],
    ];
    for (const [text, cell] of cases) expect(markdownCell(text)).toBe(cell);
  });
});
