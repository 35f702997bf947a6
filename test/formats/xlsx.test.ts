import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AssessedItem } from '../../src/core/types.js';
import { renderParts } from '../../src/formats/assemble.js';
import { ASSESSMENT_COLUMNS } from '../../src/formats/columns.js';
import { csvFormat } from '../../src/formats/csv.js';
import type { FormatContext } from '../../src/formats/types.js';
import { xlsxFormat } from '../../src/formats/xlsx.js';
import type { Output } from '../../src/io/output.js';
import { zipOutput } from '../../src/io/zip-output.js';
import { unionPolicy } from '../helpers/policy.js';
import { readWorkbookItems } from '../helpers/workbook.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

/** The workbook's bytes, its parts zipped as the CLI zips them. */
async function workbookBytes(context: FormatContext, results: readonly AssessedItem[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const memory: Output = {
    toFile: true,
    write: async () => {
      throw new Error('text written past the zip');
    },
    writeBytes: async (bytes) => {
      chunks.push(Buffer.from(bytes));
    },
    commit: async () => undefined,
    abort: async () => undefined,
  };
  const zip = zipOutput(memory, new Date(context.meta.generatedAt));
  for (const [name, text] of renderParts(xlsxFormat, context, results)) {
    await zip.startPart?.(name);
    await zip.write(text);
  }
  await zip.commit();
  return Buffer.concat(chunks);
}

async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its argument as the Buffer of older Node typings.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values (exceljs numbers rows from 1; index 0 is empty). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** A CSV row of `-f csv` with its cells typed as the workbook stores them. */
function typedCsvRow(row: Record<string, string>): unknown[] {
  return Object.entries(row).map(([column, text]) => {
    if (text === '') return undefined;
    if (['alignment', 'transformation', 'confidence'].includes(column)) return Number(text);
    if (['overridden', 'stale'].includes(column)) return text === 'true';
    if (['effort_weeks', 'cost_gbp'].includes(column)) return Number(text);
    return text;
  });
}

describe('xlsx format', () => {
  it('writes every item as a row of the Items table with the csv columns and values, typed', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const keep = ['owner', 'effort_weeks', 'cost_gbp', 'organisations'];
    const context = fixedContext(policy, { keepColumns: keep });
    const workbook = await openWorkbook(await workbookBytes(context, results));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Items']);
    const items = workbook.getWorksheet('Items') as ExcelJS.Worksheet;
    // The workbook names the tool and the principle set on its Summary sheet, not on each row.
    const csv = (parse(render(csvFormat, context, results), { columns: true }) as Array<Record<string, string>>).map(({ policy: _policy, ...row }) => row);
    const rows = rowsOf(items);
    expect(rows[0]).toEqual([...ASSESSMENT_COLUMNS, ...keep]);
    // exceljs leaves trailing empty cells out of a row.
    const trimmed = (row: unknown[]) => row.slice(0, row.findLastIndex((v) => v !== undefined) + 1);
    expect(rows.slice(1).map(trimmed)).toEqual(csv.map((row) => trimmed(typedCsvRow(row))));
    expect(rows[6]).toEqual([
      'WI-06',
      'Fix postcode validation on the referral form',
      'individual',
      'business-as-usual',
      14,
      0,
      1,
      'individual-can-do',
      'Small (two weeks or less), within one organisation and not recurring: a trusted individual can just do it.',
      false,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'Priya Shah',
      1,
      0,
      'council',
    ]);
    expect(items.getCell('G2').numFmt).toBe('0.00');
    expect(items.views).toMatchObject([{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }]);
    const table = (
      items.getTable('Items') as unknown as { model: { tableRef: string; autoFilterRef: string; headerRow: boolean; columns: Array<{ name: string }> } }
    ).model;
    expect([table.tableRef, table.autoFilterRef, table.headerRow]).toEqual(['A1:S23', 'A1:S23', true]);
    expect(table.columns.map((c) => c.name)).toEqual([...ASSESSMENT_COLUMNS, ...keep]);
    expect(items.getColumn(1).width).toBe(9);
    expect(items.getColumn(9).width).toBe(61);
  });

  it('puts where the results came from and the totals per route on the Summary sheet, the first tab', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const workbook = await openWorkbook(await workbookBytes(fixedContext(policy), results));
    const summary = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(summary.name).toBe('Summary');
    expect(rowsOf(summary)).toEqual([
      ['The Union: triage report'],
      [],
      ['Principle set', 'principles/union.yaml'],
      ['Principle set hash', `sha256:${'0123456789abcdef'.repeat(4)}`],
      ['Organisation', 'The Union'],
      ['Tool', 'union-triage 9.9.9'],
      ['Made at', '2026-03-02T09:30:00.000Z'],
      ['Item files', 'examples/backlog.csv'],
      [],
      ['Route', 'Label', 'Items', 'Effort (weeks)', 'Effort known for', 'Cost (£)', 'Cost known for'],
      ['union', 'The Union', 7, 158, 7, 2210000, 7],
      ['council', 'Council', 4, 12, 4, 100000, 4],
      ['ccg', 'CCG', 4, 21, 4, 1575000, 4],
      ['individual', 'Individual', 3, 2.5, 3, 800, 3],
      ['review', 'Needs review', 4, 74, 3, 2200000, 3],
      ['Total', undefined, 22, 267.5, 21, 6085800, 21],
      [],
      ['Classification', 'Items'],
      ['transformational', 8],
      ['borderline', 2],
      ['business as usual', 12],
      [],
      ['Overridden by a person', 0],
      ['Stale decisions', 0],
    ]);
    expect(summary.getCell('F11').numFmt).toBe('"£"#,##0');
    expect(workbook.creator).toBe('union-triage');
  });

  it('adds a sheet per route with --route-sheets, named as Excel allows', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const relabelled = {
      ...policy,
      set: {
        ...policy.set,
        routes: policy.set.routes.map((r) => (r.id === 'review' ? { ...r, label: 'Needs review? [urgent/soon]: a label far too long for a tab' } : r)),
      },
    };
    const workbook = await openWorkbook(await workbookBytes(fixedContext(relabelled, { routeSheets: true }), results));
    expect(workbook.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ['Summary', 24],
      ['Items', 23],
      ['The Union', 8],
      ['Council', 5],
      ['CCG', 5],
      ['Individual', 4],
      ['Needs review urgent soon a labe', 5],
    ]);
    const council = rowsOf(workbook.getWorksheet('Council') as ExcelJS.Worksheet).map((row) => row[0]);
    expect(council).toEqual(['id', ...results.filter((r) => r.assessment.route === 'council').map((r) => r.item.id)]);
    expect(council).toEqual(['id', 'WI-04', 'WI-11', 'WI-17', 'WI-19']);
  });

  it('writes text as text, never as a formula, whatever it starts with, and keeps every character', async () => {
    const [first] = await assessedFile(policy, 'examples/backlog.csv');
    if (!first) throw new Error('no item');
    const tricky = ['=HYPERLINK("http://example.com","x")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\u0001bell _x0041_ tab\there\r\nnext', ' padded '];
    const results = tricky.map((title, k): AssessedItem => ({
      item: { ...first.item, id: `T-${k}`, title, extra: { note: title } },
      assessment: { ...first.assessment, id: `T-${k}`, title },
    }));
    const context = fixedContext(policy, { keepColumns: ['note'] });
    const parts = renderParts(xlsxFormat, context, results);
    for (const [name, xml] of parts) expect(`${name}: ${/<f[ >]/.test(xml)}`).toBe(`${name}: false`);
    // A control character and a carriage return are written as Excel writes them (exceljs shows the escapes as they are).
    expect(parts.get('xl/worksheets/sheet2.xml')).toContain('<t xml:space="preserve">_x0001_bell _x005F_x0041_ tab\there_x000D_\nnext</t>');
    const bytes = await workbookBytes(context, results);
    const items = (await openWorkbook(bytes)).getWorksheet('Items') as ExcelJS.Worksheet;
    expect([0, 1, 2, 3, 5].map((k) => items.getCell(`B${k + 2}`).value)).toEqual([0, 1, 2, 3, 5].map((k) => tricky[k]));
    expect(tricky.map((_, k) => items.getCell(`B${k + 2}`).type)).toEqual(tricky.map(() => ExcelJS.ValueType.String));
    // Read back by union-triage itself, the Items sheet is an item file: every character returns.
    const back = await readWorkbookItems(bytes, { workbook: { sheet: 'Items' } });
    expect(back.items.map((i) => i.extra['note'])).toEqual(tricky);
  });

  it("cuts text past Excel's 32,767 characters in a cell, and says how many cells were cut", async () => {
    const [first] = await assessedFile(policy, 'examples/backlog.csv');
    if (!first) throw new Error('no item');
    const long = { item: { ...first.item, extra: { note: 'x'.repeat(40_000) } }, assessment: first.assessment };
    const workbook = await openWorkbook(await workbookBytes(fixedContext(policy, { keepColumns: ['note'] }), [long]));
    expect(String((workbook.getWorksheet('Items') as ExcelJS.Worksheet).getCell('P2').value)).toHaveLength(32_767);
    const summary = rowsOf(workbook.getWorksheet('Summary') as ExcelJS.Worksheet);
    expect(summary[summary.length - 1]).toEqual(['Cells cut to 32,767 characters', 1]);
  });

  it('writes a valid workbook for a run with no items: the header alone, and no table', async () => {
    const workbook = await openWorkbook(await workbookBytes(fixedContext(policy), []));
    const items = workbook.getWorksheet('Items') as ExcelJS.Worksheet;
    expect(rowsOf(items)).toEqual([[...ASSESSMENT_COLUMNS]]);
    expect(items.getTables()).toEqual([]);
  });

  it('gives the same bytes for the same results and run time', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const a = await workbookBytes(fixedContext(policy, { routeSheets: true }), results);
    const b = await workbookBytes(fixedContext(policy, { routeSheets: true }), results);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
