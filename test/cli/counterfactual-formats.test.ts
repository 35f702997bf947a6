/**
 * Which outputs of `triage score` carry counterfactuals (as the format registry says), and
 * `--no-counterfactuals` leaving them out, in-process.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { formats } from '../../src/formats/index.js';
import { ROOT } from '../helpers/run.js';
import { terminalIo } from './terminal-io.js';

async function score(...args: string[]): Promise<string> {
  const t = terminalIo(ROOT);
  const code = await run(['score', 'examples/backlog.csv', ...args], t.io);
  expect([code, t.err()]).toEqual([0, '']);
  return t.out();
}

type Item = { id: string; counterfactuals?: Array<{ route: string; rule: string; changes: unknown[] }> };

describe('counterfactuals in the outputs', () => {
  it('are carried by json, jsonl and html, and not by table, csv, markdown or chart', () => {
    expect(
      formats()
        .filter((f) => f.counterfactuals)
        .map((f) => f.name),
    ).toEqual(['json', 'jsonl', 'html']);
    expect(
      formats()
        .filter((f) => !f.counterfactuals)
        .map((f) => f.name),
    ).toEqual(expect.arrayContaining(['table', 'csv', 'markdown']));
  });

  it('come with every JSON item, and --no-counterfactuals leaves them out', async () => {
    const items = (JSON.parse(await score('-f', 'json')) as { items: Item[] }).items;
    expect(items.every((i) => Array.isArray(i.counterfactuals) && i.counterfactuals.length > 0)).toBe(true);
    expect(items.find((i) => i.id === 'WI-15')?.counterfactuals?.[0]).toEqual({
      route: 'council',
      rule: 'council-owns',
      changes: [{ field: 'lead', from: null, to: 'council' }],
      alignment: 9,
      transformation: 0,
    });
    const without = (JSON.parse(await score('-f', 'json', '--no-counterfactuals')) as { items: Item[] }).items;
    expect(without.filter((i) => 'counterfactuals' in i)).toEqual([]);
    // Everything else is the same.
    expect(without).toEqual(items.map(({ counterfactuals: _left, ...rest }) => rest));
  });

  it('come on each JSONL line, unless left out', async () => {
    const lines = (await score('-f', 'jsonl'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Item);
    expect(lines.filter((l) => (l.counterfactuals ?? []).length > 0)).toHaveLength(22);
    const without = (await score('-f', 'jsonl', '--no-counterfactuals'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Item);
    expect(without.filter((l) => 'counterfactuals' in l)).toEqual([]);
  });

  it('show in the HTML explanations, unless left out', async () => {
    const html = await score('-f', 'html');
    expect(html.match(/<ul class="what-if">/g)).toHaveLength(22);
    expect(html).toContain('<li>Council if lead were council</li>');
    expect(await score('-f', 'html', '--no-counterfactuals')).not.toContain('<ul class="what-if">');
  });

  it('are not in the CSV', async () => {
    const csv = await score('-f', 'csv');
    expect(csv.split('\n')[0]).not.toMatch(/counterfactual|would/i);
  });
});
