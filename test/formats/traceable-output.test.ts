/** Every format of `score` names the tool and the principle set; SOURCE_DATE_EPOCH pins every timestamp. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvFormat } from '../../src/formats/csv.js';
import { jsonlFormat } from '../../src/formats/jsonl.js';
import { tableFormat } from '../../src/formats/table.js';
import { policyStamp, provenanceLine, shortHash } from '../../src/formats/trace.js';
import { cli } from '../helpers/cli.js';
import { BIN, ROOT } from '../helpers/run.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();
const STAMP = 'union-triage@9.9.9+0123456789ab';

describe('the policy stamp', () => {
  it('is the tool, its version and the first 12 digits of the set hash', () => {
    const { meta } = fixedContext(policy);
    expect([shortHash(meta.principles.hash), policyStamp(meta), provenanceLine(meta)]).toEqual([
      '0123456789ab',
      STAMP,
      'Scored by union-triage 9.9.9 with principles/union.yaml (sha256:0123456789ab).',
    ]);
  });

  it('is the last assessment column of every CSV row, before kept columns', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const rows = parse(render(csvFormat, fixedContext(policy, { keepColumns: ['owner'] }), results), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(22);
    expect(Object.keys(rows[0] ?? {}).slice(-3)).toEqual(['stale', 'policy', 'owner']);
    expect(new Set(rows.map((r) => r['policy']))).toEqual(new Set([STAMP]));
  });

  it('is the last key of every JSONL line', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const lines = render(jsonlFormat, fixedContext(policy), results)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(22);
    expect(lines.map((l) => Object.keys(l).at(-1))).toEqual(Array(22).fill('policy'));
    expect(new Set(lines.map((l) => l['policy']))).toEqual(new Set([STAMP]));
  });

  it('is a line of the table, above the totals and the summary', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const lines = render(tableFormat, fixedContext(policy, { width: 200 }), results)
      .trimEnd()
      .split('\n');
    expect(lines.filter((line) => !line.startsWith('Missing data:')).slice(-5)).toEqual([
      'Scored by union-triage 9.9.9 with principles/union.yaml (sha256:0123456789ab).',
      'Effort (weeks): The Union 158 · Council 12 · CCG 21 · Individual 2.5 · Needs review 74 · total 267.5 (21 of 22 known)',
      'Cost: The Union £2,210,000 · Council £100,000 · CCG £1,575,000 · Individual £800 · Needs review £2,200,000 · total £6,085,800 (21 of 22 known)',
      '22 items: The Union 7 · Council 4 · CCG 4 · Individual 3 · Needs review 4',
      '1 not settled (marked ?): a missing fact could change the route; chase lead (1)',
    ]);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

  it('pins the JSON generatedAt', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'json'], { env: EPOCH });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { meta: { generatedAt: string } }).meta.generatedAt).toBe('2023-11-14T22:13:20.000Z');
  });

  it('pins the HTML date', async () => {
    const { stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'html'], { env: EPOCH });
    expect(stdout).toContain('<p class="meta">Scored on 14 November 2023 against <b>principles/union.yaml</b>');
  });

  for (const format of ['table', 'json', 'jsonl', 'csv', 'markdown', 'html', 'chart']) {
    it(`gives the same bytes twice with -f ${format}`, async () => {
      const first = await cli(['score', 'examples/backlog.csv', '-f', format], { env: EPOCH });
      const second = await cli(['score', 'examples/backlog.csv', '-f', format], { env: EPOCH });
      expect(first.code).toBe(0);
      expect(first.stdout.length).toBeGreaterThan(100);
      expect(second.stdout).toBe(first.stdout);
    });
  }

  it('gives the same workbook twice, its dates pinned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-epoch-'));
    const paths = [join(dir, 'a.xlsx'), join(dir, 'b.xlsx')];
    for (const path of paths) expect((await cli(['score', 'examples/backlog.csv', '-f', 'xlsx', '-o', path, '--quiet'], { env: EPOCH })).code).toBe(0);
    const [a, b] = paths.map((p) => readFileSync(p));
    expect(Buffer.compare(a as Buffer, b as Buffer)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((a as Buffer).buffer.slice((a as Buffer).byteOffset, (a as Buffer).byteOffset + (a as Buffer).length) as ArrayBuffer);
    expect(workbook.created.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  for (const bad of ['abc', '1.5', '-1', ' 1700000000', '99999999999999']) {
    it(`refuses ${JSON.stringify(bad)} with one line and exit 2`, async () => {
      const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '-f', 'json'], { env: { SOURCE_DATE_EPOCH: bad } });
      expect([code, stdout]).toEqual([2, '']);
      const shown = JSON.stringify(bad);
      expect(stderr).toBe(
        `SOURCE_DATE_EPOCH ${shown} is not a whole number of seconds since 1970-01-01T00:00:00Z; set it to an integer such as 1700000000 (what \`date +%s\` prints), or unset it\n`,
      );
    });
  }

  it('from the built bin: two JSON runs are identical, and the CSV has the policy column', () => {
    const env = { ...process.env, ...EPOCH, NO_COLOR: '1' };
    const runs = [0, 1].map(() => spawnSync(process.execPath, [BIN, 'score', 'examples/backlog.csv', '-f', 'json'], { cwd: ROOT, env, encoding: 'utf8' }));
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
    const csv = spawnSync(process.execPath, [BIN, 'score', 'examples/backlog.csv', '-f', 'csv'], { cwd: ROOT, env, encoding: 'utf8' });
    const hash = (JSON.parse(runs[0]?.stdout ?? '') as { meta: { principles: { hash: string } } }).meta.principles.hash;
    expect(csv.stdout.split('\n')[1]?.endsWith(`,union-triage@0.1.0+${hash.slice(7, 19)}`)).toBe(true);
  });
});
