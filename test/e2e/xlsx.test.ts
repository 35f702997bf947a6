/**
 * Excel workbooks through the built CLI: a workbook scores as its CSV twin, reports are
 * written as .xlsx files (read back exactly, by exceljs and, where it is installed, by
 * LibreOffice), CI formats point at the row and column of a cell, and a large workbook is
 * read and written in bounded memory.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBacklogWorkbook } from '../../scripts/bench/generate-workbook.mjs';
import { run } from '../../src/cli/main.js';
import { terminalIo } from '../cli/terminal-io.js';
import { excelWorkbook } from '../helpers/workbook.js';
import { BIN, ROOT, repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triage-xlsx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JSON report without what differs by input file and by the clock. */
/** A run's JSON without what differs by input: its file names and time, and the example workbook's own ids (XL-01 for WI-01). */
function comparable(json: string): unknown {
  const report = JSON.parse(json.replace(/"XL-(\d\d)"/g, '"WI-$1"')) as { meta: Record<string, unknown> };
  delete report.meta['inputs'];
  delete report.meta['generatedAt'];
  return report;
}

/** Run the bin with its standard output as bytes. */
function triageBytes(args: string[], input?: Buffer): { code: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: input ?? Buffer.alloc(0),
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

describe('a workbook in', () => {
  it('scores exactly as its CSV twin', async () => {
    const workbook = await cli(['score', 'examples/backlog.xlsx', '-f', 'json']);
    const csv = await cli(['score', 'examples/backlog.csv', '-f', 'json']);
    expect([workbook.code, workbook.stderr]).toEqual([0, '']);
    expect(comparable(workbook.stdout)).toEqual(comparable(csv.stdout));
    expect((JSON.parse(workbook.stdout) as { meta: { inputs: string[] } }).meta.inputs).toEqual(['examples/backlog.xlsx']);
  });

  it('reads a workbook piped in on standard input, told apart by its bytes', async () => {
    const piped = triageBytes(['score', '-', '-f', 'csv'], readFileSync(repoPath('examples/backlog.xlsx')));
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    expect(piped.stdout.toString().replace(/^XL-/gm, 'WI-')).toBe((await cli(['score', 'examples/backlog.csv', '-f', 'csv'])).stdout);
  });

  it('is the workbook scripts/build-example-workbook.mjs makes from the CSV', async () => {
    expect(() => execFileSync(process.execPath, [repoPath('scripts/build-example-workbook.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('gives CI the row as the line and the column number, and people the cell', async () => {
    const file = join(dir, 'bad.xlsx');
    writeFileSync(
      file,
      await excelWorkbook((wb) => {
        const s = wb.addWorksheet('Backlog');
        s.addRow(['id', 'title', 'effort_weeks']);
        s.addRow(['A-1', 'Fine', 2]);
        s.addRow(['A-2', 'Broken', 'lots']);
      }),
    );
    const message = 'effort_weeks "lots" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown (Backlog!C3)';
    const github = await cli(['validate', file, '-f', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout).toContain(`::error file=${file},line=3,col=3,title=item/invalid-value::${message}`);
    const sarif = JSON.parse((await cli(['validate', file, '-f', 'sarif'])).stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }>;
        }>;
      }>;
    };
    const result = sarif.runs[0]?.results[0];
    expect([result?.ruleId, result?.message.text, result?.locations[0]?.physicalLocation.region]).toEqual([
      'item/invalid-value',
      message,
      { startLine: 3, startColumn: 3, endLine: 3, endColumn: 4 },
    ]);
    const junit = (await cli(['validate', file, '-f', 'junit'])).stdout;
    expect(junit).toContain(`${file}:3:3`);
    const score = await cli(['score', file, '-f', 'csv']);
    expect(score.stderr).toBe(`${file}:3:3: error: ${message} [item/invalid-value]\n1 invalid item(s) were left out of the results\n`);
  });
});

describe('a workbook out', () => {
  it('writes -f xlsx -o FILE, read back with exact values', async () => {
    const out = join(dir, 'report.xlsx');
    const written = await cli(['score', 'examples/backlog.csv', '-f', 'xlsx', '-o', out, '--keep-columns', 'owner', 'cost_gbp']);
    expect([written.code, written.stdout, written.stderr]).toEqual([0, '', `wrote ${out}\n`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const items = workbook.getWorksheet('Items') as ExcelJS.Worksheet;
    expect((items.getRow(2).values as unknown[]).slice(1)).toEqual([
      'WI-01',
      'Discharge to assess pathway redesign',
      'union',
      'transformational',
      69,
      100,
      1,
      'union-leads',
      'Transformational and well aligned with the principles: strategically significant work that The Union should lead.',
      false,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      450000,
    ]);
    expect(items.rowCount).toBe(23);
    expect(readdirSync(dir).filter((name) => name.startsWith('.report.xlsx'))).toEqual([]);
  });

  it('writes a workbook to a pipe, and refuses to write one to a terminal', async () => {
    const piped = triageBytes(['score', 'examples/backlog.csv', '-f', 'xlsx']);
    expect([piped.code, piped.stderr, piped.stdout.subarray(0, 4).toString('latin1')]).toEqual([0, '', 'PK\u0003\u0004']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(piped.stdout as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Items']);
    const terminal = terminalIo(ROOT);
    Object.assign(terminal.io.stdout, { isTTY: true });
    expect(await run(['score', 'examples/backlog.csv', '-f', 'xlsx'], terminal.io)).toBe(2);
    expect([terminal.out(), terminal.err()]).toEqual([
      '',
      '--format xlsx writes a binary file, which a terminal cannot show; write it to a file with -o, e.g. -o results.xlsx\n',
    ]);
  });

  it('keeps the old report when a run fails, and leaves no temporary file', async () => {
    const out = join(dir, 'kept.xlsx');
    writeFileSync(out, 'last week');
    const failed = await cli(['score', 'examples/backlog.csv', 'missing.csv', '-f', 'xlsx', '-o', out]);
    expect([failed.code, failed.stderr]).toEqual([2, 'missing.csv: cannot find item file missing.csv; check the path and the current folder\n']);
    expect(readFileSync(out, 'utf8')).toBe('last week');
    expect(readdirSync(dir).filter((name) => name.startsWith('.kept.xlsx'))).toEqual([]);
  });

  it.runIf(spawnSync('soffice', ['--version']).status === 0)(
    'opens in LibreOffice, whose CSV of the Items sheet is the -f csv report',
    async () => {
      const out = join(dir, 'office.xlsx');
      expect((await cli(['score', 'examples/backlog.csv', '-f', 'xlsx', '-o', out])).code).toBe(0);
      const profile = join(dir, 'office-profile');
      // Sheet 2 (Items), comma-separated, UTF-8 (76), quoted where needed.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2';
      const converted = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', dir, out], {
        timeout: 120_000,
      });
      expect(converted.status).toBe(0);
      const csv = readFileSync(join(dir, 'office-Items.csv'), 'utf8');
      const expected = (await cli(['score', 'examples/backlog.csv', '-f', 'csv'])).stdout;
      // LibreOffice writes booleans as TRUE and FALSE, and ends lines with CRLF or LF as it likes.
      expect(
        csv
          .replace(/\r\n/g, '\n')
          .replace(/\bFALSE\b/g, 'false')
          .replace(/\bTRUE\b/g, 'true'),
      ).toBe(expected);
    },
    150_000,
  );
});

describe('a large workbook', () => {
  it('reads and writes 50,000 items in bounded memory, and leaves no temporary file', async () => {
    const input = join(dir, 'large.xlsx');
    await writeBacklogWorkbook(input, 50_000, 11);
    const temp = mkdtempSync(join(dir, 'tmp-'));
    const rssFile = join(dir, 'rss');
    const out = join(dir, 'large-report.xlsx');
    const child = spawn(
      process.execPath,
      ['--import', repoPath('scripts/bench/maxrss.mjs'), BIN, 'score', input, '-f', 'xlsx', '--route-sheets', '-o', out, '-q'],
      {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TMPDIR: temp, BENCH_RSS_FILE: rssFile },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect([code, stderr]).toEqual([0, '']);
    expect(Number(readFileSync(rssFile, 'utf8')) / 1024).toBeLessThan(150);
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(out)).toBe(true);
    // The report's Items sheet is itself an item file: every item comes back.
    const again = join(dir, 'again.csv');
    expect((await cli(['score', out, '--sheet', 'Items', '-f', 'csv', '-q', '-o', again])).code).toBe(0);
    expect(readFileSync(again, 'utf8').trimEnd().split('\n')).toHaveLength(50_001);
  }, 180_000);
});
