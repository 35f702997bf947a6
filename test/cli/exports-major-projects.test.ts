/**
 * The worked example of docs/guides/exports.md: a government major-projects export (Latin-1,
 * semicolons, no id column, the lead body in two columns of one name, FOI text in the cost
 * column) scored by its config file, and by the one command line the guide documents.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/run.js';

const dir = repoPath('test/fixtures/exports');
const csv = repoPath('test/fixtures/exports/major-projects.csv');
const config = repoPath('test/fixtures/exports/major-projects.yaml');
/** Timestamps pinned, so two runs can be compared byte for byte. */
const env = { SOURCE_DATE_EPOCH: '1767225600' };

/** The command line docs/guides/exports.md gives, with the config file's options as flags. */
const COMMAND_LINE = [
  '--encoding',
  'latin1',
  '--ids',
  'hash',
  '--lenient',
  '--map',
  'title=Project name,description=Description / aims,lead=Lead body#2|Lead body#1,organisations=Partners',
  '--map',
  'cost_gbp=Whole life cost (£),effort_weeks=Effort (weeks),recurring=Repeats?,citizen_impact=Citizen impact,evidence=Evidence,owner=Senior responsible owner',
];

function hashId(title: string, description: string): string {
  const tidy = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${tidy(title)}\n${tidy(description)}`, 'utf8')
    .digest('hex')
    .slice(0, 8);
}

interface Out {
  meta: { inputs: string[]; generatedAt: string };
  summary: { total: number; missing: Record<string, number>; unreadCells: number; routes: Record<string, { count: number }> };
  items: Array<{ id: string; title: string; route: string; rule: string }>;
}

const WARNINGS = [
  'major-projects.csv:6:99: warning: cost_gbp "Exempt under Section 43" is not a number, so it is read as unknown (--lenient) [item/invalid-value]',
  'major-projects.csv:7:205: warning: cost_gbp "Exempt under Section 43 (commercial int…" is not a number, so it is read as unknown (--lenient) [item/invalid-value]',
  'major-projects.csv:15:55: warning: cost_gbp "N/A" is not a number, so it is read as unknown (--lenient) [item/invalid-value]',
  'major-projects.csv:20:148: warning: cost_gbp "Withheld" is not a number, so it is read as unknown (--lenient) [item/invalid-value]',
  'major-projects.csv:20:163: warning: citizen_impact 6 is above the maximum 5, so it is read as unknown (--lenient) [item/invalid-value]',
  'major-projects.csv:22:103: warning: lead "nhs" is not one of union, council, ccg, so it is read as unknown (--lenient) [item/invalid-value]',
  'major-projects.csv:23:98: warning: effort_weeks "several" is not a number, so it is read as unknown (--lenient) [item/invalid-value]',
];

describe('the major-projects export', () => {
  it('scores all 20 items with its config file, exit 0, a warning per unreadable cell', async () => {
    const result = await cli(['score', csv, '--config', config, '-f', 'json'], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr.replaceAll(`${dir}/`, '')).toBe(`${WARNINGS.join('\n')}\n`);
    const out = JSON.parse(result.stdout) as Out;
    expect(out.summary.total).toBe(20);
    expect(out.items).toHaveLength(20);
    expect(out.summary.unreadCells).toBe(7);
    expect(out.summary.missing).toEqual({
      description: 0,
      lead: 1,
      organisations: 0,
      effort_weeks: 1,
      cost_gbp: 4,
      recurring: 0,
      citizen_impact: 1,
      evidence: 4,
      owner: 15,
    });
  });

  it('gives each item the hash of its title and description, as documented', async () => {
    const result = await cli(['score', csv, '--config', config, '-f', 'json', '--quiet'], { cwd: dir, env });
    const items = (JSON.parse(result.stdout) as Out).items;
    // A multi-line description, and one with an accented title, hashed here independently.
    expect(items[0]).toMatchObject({
      title: 'Integrated discharge hub',
      id: hashId(
        'Integrated discharge hub',
        'Joint hospital discharge hub run by the council and the NHS; integrated teams and a single front door.\nPhase 1 covers the two acute trusts.',
      ),
    });
    expect(items[15]).toMatchObject({
      title: "Carers' advice café",
      id: hashId("Carers' advice café", 'Pilot café hub where carers get advice, co-designed with carers.'),
    });
    expect(new Set(items.map((i) => i.id)).size).toBe(20);
    for (const item of items) expect(item.id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('reads the lead from the second "Lead body" when filled, else the first', async () => {
    const result = await cli(['score', csv, '--config', config, '-f', 'json', '--quiet'], { cwd: dir, env });
    const items = (JSON.parse(result.stdout) as Out).items;
    // Lead body: council, then union: the second wins, and The Union leads.
    expect(items[0]).toMatchObject({ title: 'Integrated discharge hub', route: 'union', rule: 'union-leads' });
    // Lead body: council, then empty: the first is read.
    expect(items[2]).toMatchObject({ title: 'Payroll system renewal', route: 'council' });
  });

  it('gives the same bytes from the documented command line as from the config file', async () => {
    const fromConfig = await cli(['score', csv, '--config', config, '-f', 'json'], { cwd: dir, env });
    const fromFlags = await cli(['score', csv, ...COMMAND_LINE, '-f', 'json'], { cwd: dir, env });
    expect(fromFlags.code).toBe(0);
    expect(fromFlags.stdout).toBe(fromConfig.stdout);
    expect(fromFlags.stderr).toBe(fromConfig.stderr);
    expect((JSON.parse(fromFlags.stdout) as Out).meta.generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('without --lenient leaves out the six items with unreadable cells, counting items, exit 1', async () => {
    const strict = COMMAND_LINE.filter((a) => a !== '--lenient');
    const result = await cli(['score', csv, ...strict, '-f', 'json'], { cwd: dir, env });
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as Out;
    expect(out.summary.total).toBe(14);
    expect(out.items.map((i) => i.title)).not.toContain('Family hubs');
    const lines = result.stderr.trimEnd().split('\n');
    // Seven problems in six items: Family hubs has two.
    expect(lines.filter((line) => line.includes(': error: '))).toHaveLength(7);
    expect(lines.at(-1)).toBe('6 invalid item(s) were left out of the results');
  });

  it('checks with validate as it scores: the same cells, and no warning for the columns the lead is read from', async () => {
    const result = await cli(['validate', csv, '--config', config, '--format', 'json'], { cwd: dir, env });
    expect(result.code).toBe(0);
    const [file] = JSON.parse(result.stdout) as Array<{ messages: Array<{ line: number; column: number; message: string }> }>;
    const unknownColumn =
      '"Department" is not a field the principle set declares, so its values pass through unchecked: declare it under fields in the principle set to have it checked, or remove it';
    expect(file?.messages.map((m) => `major-projects.csv:${m.line}:${m.column}: ${m.message}`)).toEqual([
      `major-projects.csv:1:1: ${unknownColumn}`,
      ...WARNINGS.map((line) => line.replace(': warning: ', ': ').replace(' [item/invalid-value]', '')),
    ]);
  });
});
