/**
 * Excel workbooks through the CLI in-process (`cli()`): a workbook scores as its CSV twin,
 * also piped in on standard input; reports are written as .xlsx files (read back exactly, by
 * exceljs and, where it is installed, by LibreOffice), to a pipe but not to a terminal; CI
 * formats point at the row and column of a cell. The example workbook's own check and a large
 * workbook in bounded memory need processes of their own: they are in test/e2e/xlsx.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { terminalIo } from './terminal-io.js';
import { excelWorkbook } from '../helpers/workbook.js';
import { ROOT, repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triage-cli-xlsx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A run's JSON without what differs by input: its file names and time, and the example
 * workbook's own ids (XL-01 for WI-01).
 */
function comparable(json: string): unknown {
  const report = JSON.parse(json.replace(/"XL-(\d\d)"/g, '"WI-$1"')) as { meta: Record<string, unknown> };
  delete report.meta['inputs'];
  delete report.meta['generatedAt'];
  return report;
}

/**
 * Run the CLI in-process with its standard output kept as bytes, as a pipe would carry them:
 * cli() decodes standard output as UTF-8, which a workbook's bytes do not survive.
 */
async function cliBytes(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  let stderr = '';
  const stdout = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      out.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  const err = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stderr += String(chunk);
      done();
    },
  });
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  stdin.end();
  const code = await run(args, { stdout, stderr: err, stdin, env: { NO_COLOR: '1' }, cwd: ROOT });
  return { code, stdout: Buffer.concat(out), stderr };
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
    const piped = await cli(['score', '-', '-f', 'csv'], { input: readFileSync(repoPath('examples/backlog.xlsx')) });
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    expect(piped.stdout.replace(/^XL-/gm, 'WI-')).toBe((await cli(['score', 'examples/backlog.csv', '-f', 'csv'])).stdout);
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
    const piped = await cliBytes(['score', 'examples/backlog.csv', '-f', 'xlsx']);
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
