/**
 * An export without a required column: one finding at the header, not one per row, with the
 * columns it has and the --map that would fix it; `validate` says the same. Also --keep-columns
 * refusing a column the file lacks, and one column mapped to two fields.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../helpers/cli.js';

/**
 * The CLI in `cwd`. cli() does not resolve item paths against its cwd, so the files are given
 * by absolute path and the folder is taken out of what it prints: messages read as from inside it.
 */
async function cli(args: string[], { cwd }: { cwd: string }) {
  const result = await runCli(
    args.map((a) => (a.endsWith('.csv') ? join(cwd, a) : a)),
    { cwd },
  );
  const local = (text: string): string => text.replaceAll(`${cwd}/`, '');
  return { code: result.code, stdout: local(result.stdout), stderr: local(result.stderr) };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-missing-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const ABSENT =
  'the file has no column for 8 of the 9 fields the principle set reads, so they are unknown for every item: description, lead, organisations, cost_gbp, recurring, citizen_impact, evidence, owner; if a column holds one, add --map <field>=<column>';

describe('a file with no id column', () => {
  const dir = folder({ 'a.csv': 'Project ref,title,effort_weeks\nP-1,One,3\nP-2,Two,x\nP-3,Three,4\n' });

  it('is one error at 1:1 with the columns and the --map, and counts items left out, not problems', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'a.csv:1:1: error: the file has no column read as "id", which every item needs, so none of its items can be read; its columns are: Project ref, title, effort_weeks; if "Project ref" holds it, add --map \'id=Project ref\', or give items ids with --ids row or --ids hash [item/missing-required]\n' +
        `a.csv:1:1: warning: ${ABSENT} [item/unknown-column]\n` +
        '3 invalid item(s) were left out of the results\n',
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('scores once the suggested --map is given', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'csv', '--map', 'id=Project ref', '--quiet'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(['P-1', 'P-3']);
    expect(result.stderr).toBe(
      'a.csv:3:9: error: effort_weeks "x" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown [item/invalid-value]\n' +
        '1 invalid item(s) were left out of the results\n',
    );
  });

  it('is the same finding in validate', async () => {
    const result = await cli(['validate', 'a.csv', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const [file] = JSON.parse(result.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; severity: number; line: number; column: number; message: string }>;
    }>;
    expect(file?.filePath).toBe('a.csv');
    // ESLint's severities: 2 an error, 1 a warning.
    expect(file?.messages.filter((m) => m.ruleId === 'item/missing-required')).toEqual([
      {
        ruleId: 'item/missing-required',
        severity: 2,
        line: 1,
        column: 1,
        message:
          'the file has no column read as "id", which every item needs, so none of its items can be read; its columns are: Project ref, title, effort_weeks; if "Project ref" holds it, add --map \'id=Project ref\', or give items ids with --ids row or --ids hash',
      },
    ]);
  });
});

describe('a file with neither an id nor a title column', () => {
  const dir = folder({ 'b.csv': 'Name,effort_weeks\nOne,3\nTwo,4\n' });

  it('is one error per missing field, each at 1:1', async () => {
    const result = await cli(['score', 'b.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'b.csv:1:1: error: the file has no column read as "id", which every item needs, so none of its items can be read; its columns are: Name, effort_weeks; add --map id=<column> naming the column that holds it, or give items ids with --ids row or --ids hash [item/missing-required]\n' +
        'b.csv:1:1: error: the file has no column read as "title", which every item needs, so none of its items can be read; its columns are: Name, effort_weeks; if "Name" holds it, add --map title=Name [item/missing-required]\n' +
        `b.csv:1:1: warning: ${ABSENT} [item/unknown-column]\n` +
        '2 invalid item(s) were left out of the results\n',
    );
  });

  it('reads one column as two fields: --map id=Name,title=Name', async () => {
    const result = await cli(['score', 'b.csv', '-f', 'jsonl', '--map', 'id=Name,title=Name', '--quiet'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => {
          const { id, title } = JSON.parse(line) as { id: string; title: string };
          return [id, title];
        }),
    ).toEqual([
      ['One', 'One'],
      ['Two', 'Two'],
    ]);
  });
});

describe('--keep-columns', () => {
  const dir = folder({ 'a.csv': 'Project ref,title\nP-1,One\n' });

  it('refuses a column the file lacks, exit 2, listing its columns', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'csv', '--map', 'id=Project ref', '--keep-columns', 'Nope'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('a.csv:1:1: --keep-columns Nope: a.csv has no column "Nope"; its columns are: Project ref, title\n');
  });

  it('accepts a mapped column by its original name and passes it through under it', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'csv', '--map', 'id=Project ref', '--keep-columns', 'Project ref', '--quiet'], { cwd: dir });
    expect(result.code).toBe(0);
    const [header, row] = result.stdout.trim().split('\n') as [string, string];
    expect(header.split(',').at(-1)).toBe('Project ref');
    expect(row.split(',')[0]).toBe('P-1');
    expect(row.split(',').at(-1)).toBe('P-1');
  });
});
