/** `--lenient`: a cell that cannot be read is unknown, with a warning at its position; the item is kept. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../helpers/cli.js';

/** cli() does not resolve item paths against its cwd: files go by absolute path, and the folder is taken out of what it prints. */
async function cli(args: string[], cwd: string) {
  const result = await runCli(
    args.map((a) => (a.endsWith('.csv') || a.endsWith('.yaml') ? join(cwd, a) : a)),
    { cwd },
  );
  const local = (text: string): string => text.replaceAll(`${cwd}/`, '');
  return { code: result.code, stdout: local(result.stdout), stderr: local(result.stderr) };
}

const CSV = 'id,title,cost_gbp,lead\nP-1,One,"£1,200",council\nP-2,Two,Exempt under Section 43,council\nP-3,Three,500,nhs\n';
const dir = mkdtempSync(join(tmpdir(), 'triage-lenient-'));
writeFileSync(join(dir, 'a.csv'), CSV);
writeFileSync(join(dir, 'job.yaml'), 'lenient: true\n');
writeFileSync(join(dir, 'b.csv'), 'id,title,cost_gbp\nP-1,One,Withheld\n,No id,5\n');

interface Out {
  summary: { total: number; unreadCells: number; missing: Record<string, number> };
  items: Array<{ id: string; costGbp?: unknown }>;
}

describe('strict, the default', () => {
  it('leaves out an item with an unreadable cell, exit 1', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'json'], dir);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Out).items.map((i) => i.id)).toEqual(['P-1']);
    expect(result.stderr).toBe(
      'a.csv:3:9: error: cost_gbp "Exempt under Section 43" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown [item/invalid-value]\n' +
        'a.csv:4:15: error: lead "nhs" is not one of union, council, ccg: use one of them, or leave it empty if unknown [item/invalid-value]\n' +
        '2 invalid item(s) were left out of the results\n',
    );
  });
});

describe('--lenient', () => {
  it('reads the cells as unknown with a warning each, keeps the items, exit 0', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'json', '--lenient'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'a.csv:3:9: warning: cost_gbp "Exempt under Section 43" is not a number, so it is read as unknown (--lenient) [item/invalid-value]\n' +
        'a.csv:4:15: warning: lead "nhs" is not one of union, council, ccg, so it is read as unknown (--lenient) [item/invalid-value]\n',
    );
    const out = JSON.parse(result.stdout) as Out;
    expect(out.items.map((i) => i.id)).toEqual(['P-1', 'P-2', 'P-3']);
    expect(out.summary.total).toBe(3);
    expect(out.summary.unreadCells).toBe(2);
    expect(out.summary.missing['cost_gbp']).toBe(1);
    expect(out.summary.missing['lead']).toBe(1);
  });

  it('says how many cells it read as unknown on the table summary', async () => {
    const result = await cli(['score', 'a.csv', '--lenient', '--quiet'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.replaceAll('\n', ' ')).toContain('lead 1, cost_gbp 1; 2 unreadable cells read as unknown (--lenient) 3 items:');
  });

  it('is `lenient: true` in a config file', async () => {
    const result = await cli(['score', 'a.csv', '-f', 'json', '--config', 'job.yaml'], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Out).summary.unreadCells).toBe(2);
  });

  it('still leaves out an item with another error, exit 1', async () => {
    const result = await cli(['score', 'b.csv', '-f', 'json', '--lenient'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'b.csv:2:9: warning: cost_gbp "Withheld" is not a number, so it is read as unknown (--lenient) [item/invalid-value]\n' +
        'b.csv:3:1: error: "id" is required but empty: give every item a unique id [item/missing-required]\n' +
        '1 invalid item(s) were left out of the results\n',
    );
    const out = JSON.parse(result.stdout) as Out;
    expect(out.items.map((i) => i.id)).toEqual(['P-1']);
    expect(out.summary.unreadCells).toBe(1);
  });

  it('makes validate report the cells as warnings, exit 0', async () => {
    const result = await cli(['validate', 'a.csv', '--lenient'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  3:9   warning  cost_gbp "Exempt under Section 43" is not a number, so it is read as unknown (--lenient)  item/invalid-value\n',
    );
    expect(result.stdout).toContain(
      '  4:15  warning  lead "nhs" is not one of union, council, ccg, so it is read as unknown (--lenient)  item/invalid-value\n',
    );
  });
});
