/**
 * The data to chase: `summary.missing` in JSON (every field the set reads, in the order it
 * declares them, zeros included), the "Missing data:" line of the table, Markdown and HTML,
 * and the warnings when most of what the set reads is absent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../helpers/cli.js';

/** cli() does not resolve item paths against its cwd: files go by absolute path, and the folder is taken out of what it prints. */
async function cli(args: string[], cwd: string) {
  const result = await runCli(
    args.map((a) => (a.endsWith('.csv') ? join(cwd, a) : a)),
    { cwd },
  );
  const local = (text: string): string => text.replaceAll(`${cwd}/`, '');
  return { code: result.code, stdout: local(result.stdout), stderr: local(result.stderr) };
}

const dir = mkdtempSync(join(tmpdir(), 'triage-summary-'));
const files: Record<string, string> = {
  // Two of the nine fields as columns, and one column the set does not read.
  'c.csv': 'id,title,lead,effort_weeks,Sponsor\nA-1,One,council,3,x\nA-2,Two,,4,y\n',
  // Every field the set reads, filled in.
  'f.csv':
    'id,title,description,lead,organisations,effort_weeks,cost_gbp,recurring,citizen_impact,evidence,owner\nA-1,One,d,council,council,1,2,no,3,quantitative,Ann\n',
  // No field the set reads, but columns close to three of them.
  'd.csv': 'id,title,Cost,Owner name,Effort\nA-1,One,1,x,2\n',
  // Most fields have columns, all empty, and a column the set does not read.
  'g.csv': 'id,title,description,lead,organisations,effort_weeks,cost_gbp,Sponsor\nA-1,One,,,,,,x\nA-2,Two,,,,,,y\n',
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

const C_WARNING =
  'c.csv:1:1: warning: the file has no column for 7 of the 9 fields the principle set reads, so they are unknown for every item: description, organisations, cost_gbp, recurring, citizen_impact, evidence, owner; if a column holds one, add --map <field>=<column> [item/unknown-column]\n';
const C_LINE = 'Missing data: description 2 of 2 items, organisations 2, cost_gbp 2, recurring 2, citizen_impact 2, evidence 2, owner 2, lead 1';

describe('summary.missing in JSON', () => {
  it('counts the items without each field the set reads, in declared order, zeros included', async () => {
    const result = await cli(['score', 'c.csv', '-f', 'json'], dir);
    expect(result.code).toBe(0);
    const { summary } = JSON.parse(result.stdout) as { summary: { missing: Record<string, number>; unreadCells: number } };
    expect(Object.entries(summary.missing)).toEqual([
      ['description', 2],
      ['lead', 1],
      ['organisations', 2],
      ['effort_weeks', 0],
      ['cost_gbp', 2],
      ['recurring', 2],
      ['citizen_impact', 2],
      ['evidence', 2],
      ['owner', 2],
    ]);
    expect(summary.unreadCells).toBe(0);
    expect(result.stderr).toBe(C_WARNING);
  });

  it('is all zeros when every item has every field', async () => {
    const result = await cli(['score', 'f.csv', '-f', 'json'], dir);
    expect(result.code).toBe(0);
    const { summary } = JSON.parse(result.stdout) as { summary: { missing: Record<string, number> } };
    expect(summary.missing).toEqual({
      description: 0,
      lead: 0,
      organisations: 0,
      effort_weeks: 0,
      cost_gbp: 0,
      recurring: 0,
      citizen_impact: 0,
      evidence: 0,
      owner: 0,
    });
    expect(result.stderr).toBe('');
  });
});

describe('the Missing data line', () => {
  it('is on the table, most missing first, and absent when nothing is missing', async () => {
    const table = await cli(['score', 'c.csv', '--quiet'], dir);
    expect(table.stdout.replaceAll('\n', ' ')).toContain(`${C_LINE} 2 items:`);
    const full = await cli(['score', 'f.csv'], dir);
    expect(full.stdout).not.toContain('Missing data');
  });

  it('is in Markdown and HTML', async () => {
    const markdown = await cli(['score', 'c.csv', '-f', 'markdown', '--quiet'], dir);
    expect(markdown.stdout.split('\n')).toContain(C_LINE.replaceAll('_', '\\_'));
    const html = await cli(['score', 'c.csv', '-f', 'html', '--quiet'], dir);
    expect(html.stdout.split('\n')).toContain(`<p class="notice">${C_LINE}</p>`);
  });
});

describe('fields the set reads that the file lacks', () => {
  it('are named at the header with the --map of the closest columns', async () => {
    const result = await cli(['score', 'd.csv', '-f', 'csv'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "d.csv:1:1: warning: the file has no column for 9 of the 9 fields the principle set reads, so they are unknown for every item: description, lead, organisations, effort_weeks, cost_gbp, recurring, citizen_impact, evidence, owner; if those columns hold them, add --map 'effort_weeks=Effort,cost_gbp=Cost,owner=Owner name' [item/unknown-column]\n",
    );
  });

  it('are not warned about when the file has no column the set does not read', async () => {
    writeFileSync(join(dir, 'e.csv'), 'id,title\nA-1,One\n');
    const result = await cli(['score', 'e.csv', '-f', 'csv'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('are warned about at the end when the columns are there but empty', async () => {
    const result = await cli(['score', 'g.csv', '-f', 'csv'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'triage: warning: none of the 2 items has a value for 9 of the 9 fields the principle set reads: description, lead, organisations, effort_weeks, cost_gbp, recurring, citizen_impact, evidence, owner; map the columns that hold them (--map), or chase the data\n',
    );
    const quiet = await cli(['score', 'g.csv', '-f', 'csv', '--quiet'], dir);
    expect(quiet.stderr).toBe('');
  });
});
