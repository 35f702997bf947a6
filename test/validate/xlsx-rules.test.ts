/**
 * The xlsx/* rules of `triage validate`, one workbook each. Workbooks are binary, so they
 * are built here (with exceljs, or by hand where no library would write them) rather than
 * kept as fixtures; each finding is checked for its rule, severity, row, column and message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePaths } from '../../src/validate/validate.js';
import { excelWorkbook, handWorkbook, sheetXml, text } from '../helpers/workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-xlsx-rules-'));

async function findings(name: string, bytes: Buffer, options: Parameters<typeof validatePaths>[1] = {}) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const report = await validatePaths([path], options);
  return report.findings.map((f) => [f.ruleId, f.severity, f.line, f.column, f.message.replace(`${path} `, '<file> ')]);
}

describe('validate: workbooks', () => {
  it('xlsx/syntax: a workbook that cannot be read, or has no such sheet, is a finding', async () => {
    expect(await findings('not-a-workbook.xlsx', Buffer.from('id,title\nA-1,x\n'))).toEqual([
      [
        'xlsx/syntax',
        'error',
        1,
        1,
        '<file> is not an Excel workbook (an .xlsx file is a zip archive, and this is not one); save the sheet from Excel as .xlsx, or as CSV',
      ],
    ]);
    const book = await excelWorkbook((wb) => wb.addWorksheet('Backlog').addRow(['id', 'title']));
    expect(await findings('sheet.xlsx', book, { workbook: { sheet: 'Q3' } })).toEqual([
      ['xlsx/syntax', 'error', 1, 1, '<file> has no sheet called "Q3"; its only sheet is "Backlog": leave out --sheet'],
    ]);
  });

  it('xlsx/error-value, xlsx/no-cached-value and xlsx/unnamed-column: cells read as empty or not read, at their cell', async () => {
    const book = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Backlog');
      s.addRow(['id', 'title', 'effort_weeks', 'cost_gbp']);
      s.addRow(['A-1', 'First', { error: '#DIV/0!' }, { formula: 'C2*2' }, 'stray']);
    });
    expect(await findings('cells.xlsx', book)).toEqual([
      [
        'xlsx/error-value',
        'warning',
        2,
        3,
        'this cell holds the error #DIV/0!, so it is read as empty: correct the formula or the value in the workbook (Backlog!C2)',
      ],
      [
        'xlsx/no-cached-value',
        'warning',
        2,
        4,
        'this cell holds a formula with no saved result, so it is read as empty: open the workbook in Excel or LibreOffice, let it calculate, and save it (Backlog!D2)',
      ],
      [
        'xlsx/unnamed-column',
        'warning',
        2,
        5,
        'column E has no name in the header row (row 1), so its values are not read: name the column, or clear it (Backlog!E2)',
      ],
    ]);
  });

  it('xlsx/not-a-number and xlsx/external-link', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rows = `<row r="1">${text('A1', 'id')}${text('B1', 'title')}${text('C1', 'effort_weeks')}</row><row r="2">${text('A2', 'A-1')}${text('B2', 'T')}<c r="C2"><v>n/a</v></c></row>`;
    const book = handWorkbook({
      sheets: [{ name: 'Sheet1', xml: sheetXml(rows) }],
      rels: `<Relationship Id="rIdE" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/>`,
    });
    expect(await findings('values.xlsx', book)).toEqual([
      [
        'xlsx/external-link',
        'warning',
        1,
        1,
        'the workbook links to other workbooks: cells that use them are read as their values when this one was last saved, and the linked files are never opened',
      ],
      [
        'xlsx/not-a-number',
        'warning',
        2,
        3,
        'this cell holds "n/a" as a number, which it is not, so it is read as empty: retype the value in the workbook (Sheet1!C2)',
      ],
    ]);
  });

  it('checks item rules in a workbook as in CSV, at the cell (unknown columns at their header cell)', async () => {
    const book = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Backlog');
      s.addRow(['id', 'title', 'efort_weeks']);
      s.addRow(['A-1', 'First', 2]);
      s.addRow(['A-1', '', 3]);
    });
    expect(await findings('items.xlsx', book)).toEqual([
      [
        'item/unknown-column',
        'warning',
        1,
        1,
        'the file has no column for 9 of the 9 fields the principle set reads, so they are unknown for every item: description, lead, organisations, effort_weeks, cost_gbp, recurring, citizen_impact, evidence, owner; if those columns hold them, add --map effort_weeks=efort_weeks',
      ],
      [
        'item/unknown-column',
        'warning',
        1,
        3,
        '"efort_weeks" is not a field the principle set declares, so its values pass through unchecked: if it means "effort_weeks", rename it; otherwise declare it under fields in the principle set',
      ],
      ['item/duplicate-id', 'error', 3, 1, `id "A-1" is used twice (first at ${join(dir, 'items.xlsx')}:2:1): give each item its own id (Backlog!A3)`],
      ['item/missing-required', 'error', 3, 2, '"title" is required but empty: give every item a title (Backlog!B3)'],
    ]);
  });
});
