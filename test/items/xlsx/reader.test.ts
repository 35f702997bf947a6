import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createNormaliser } from '../../../src/items/normalise.js';
import { readItems } from '../../../src/items/read.js';
import { unionPolicy } from '../../helpers/policy.js';
import { excelWorkbook, handWorkbook, readWorkbookError, readWorkbookItems, sheetXml, text } from '../../helpers/workbook.js';

describe('workbook cells', () => {
  it('reads numbers, booleans, dates, rich text and formula results as a person sees them', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Backlog');
      s.addRow(['id', 'title', 'effort_weeks', 'recurring', 'start', 'notes', 'cost_gbp', 'at', 'when', 'citizen_impact']);
      s.addRow([
        'A-1',
        'First',
        2.5,
        true,
        new Date(Date.UTC(2024, 2, 1)),
        { richText: [{ text: 'Bold ' }, { text: 'words', font: { bold: true } }] },
        { formula: 'C2*1000', result: 2500 },
        new Date(Date.UTC(2024, 2, 1, 9, 30, 15)),
        0.395833333333333,
        4,
      ]);
      s.getCell('E2').numFmt = 'yyyy-mm-dd';
      s.getCell('H2').numFmt = 'dd/mm/yyyy hh:mm:ss';
      s.getCell('I2').numFmt = 'hh:mm';
    });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(problems).toEqual([]);
    expect(items.map((i) => ({ values: { ...i.values }, extra: { ...i.extra }, source: i.source }))).toEqual([
      {
        values: { id: 'A-1', title: 'First', effort_weeks: 2.5, recurring: true, cost_gbp: 2500, citizen_impact: 4 },
        extra: { start: '2024-03-01', notes: 'Bold words', at: '2024-03-01T09:30:15', when: '09:30:00' },
        source: { file: '<stdin>', line: 2 },
      },
    ]);
  });

  it('reads an error value or a formula with no saved result as empty, with a warning naming the cell', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Backlog');
      s.addRow(['id', 'title', 'effort_weeks', 'cost_gbp']);
      s.addRow(['A-1', 'First', { error: '#N/A' }, { formula: 'B1*2' }]);
    });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(items.map((i) => ({ ...i.values }))).toEqual([{ id: 'A-1', title: 'First' }]);
    expect(problems).toEqual([
      {
        ruleId: 'xlsx/error-value',
        severity: 'warning',
        line: 2,
        column: 3,
        message: 'this cell holds the error #N/A, so it is read as empty: correct the formula or the value in the workbook (Backlog!C2)',
      },
      {
        ruleId: 'xlsx/no-cached-value',
        severity: 'warning',
        line: 2,
        column: 4,
        message:
          'this cell holds a formula with no saved result, so it is read as empty: open the workbook in Excel or LibreOffice, let it calculate, and save it (Backlog!D2)',
      },
    ]);
  });

  it('reads inline strings, formula strings, ISO date cells, escapes and phonetic guides as their text', async () => {
    const styles =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="170" formatCode="[$-809]dd mmmm yyyy;@"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const rows =
      `<row r="1">${text('A1', 'id')}${text('B1', 'title')}${text('C1', 'a')}${text('D1', 'b')}${text('E1', 'c')}${text('F1', 'd')}</row>` +
      `<row r="2">${text('A2', 'A-1')}<c r="B2" t="inlineStr"><is><r><t>Care </t></r><r><t>home</t></r><rPh sb="0" eb="1"><t>ケア</t></rPh></is></c>` +
      '<c r="C2" t="str"><f>UPPER("x")</f><v>X &amp; Y</v></c><c r="D2" s="1"><v>45352</v></c><c r="E2" t="d" s="2"><v>2024-03-01T00:00:00</v></c>' +
      '<c r="F2" t="s"><v>0</v></c></row>';
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(rows) }], sharedStrings: ['line_x000D_break _x005F_x0041_'], styles });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(problems).toEqual([]);
    expect(items.map((i) => ({ title: i.title, extra: { ...i.extra } }))).toEqual([
      { title: 'Care home', extra: { a: 'X & Y', b: '2024-03-01', c: '2024-03-01', d: 'line\rbreak _x0041_' } },
    ]);
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const styles =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const rows = `<row r="1">${text('A1', 'id')}${text('B1', 'title')}${text('C1', 'due')}</row><row r="2">${text('A2', 'A-1')}${text('B2', 'T')}<c r="C2" s="1"><v>43890</v></c></row>`;
    const { items } = await readWorkbookItems(handWorkbook({ sheets: [{ name: 'S', xml: sheetXml(rows) }], styles, date1904: true }));
    expect(items[0]?.extra['due']).toBe('2024-03-01');
  });
});

describe('the header row and the sheet', () => {
  it('skips a title banner and blank rows, and leaves empty and trailing columns out', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Portfolio');
      s.getCell('A1').value = 'Portfolio backlog, Q3';
      s.mergeCells('A1:E1');
      s.getRow(3).values = ['id', 'title', 'effort_weeks'];
      s.getRow(4).values = ['A-1', 'First', 3];
      s.getRow(6).values = ['A-2', 'Second'];
      // Formatting with no values, as a styled column leaves behind.
      for (let r = 1; r <= 8; r++) s.getCell(`H${r}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(problems).toEqual([]);
    expect(items.map((i) => ({ id: i.id, line: i.source?.line, values: { ...i.values } }))).toEqual([
      { id: 'A-1', line: 4, values: { id: 'A-1', title: 'First', effort_weeks: 3 } },
      { id: 'A-2', line: 6, values: { id: 'A-2', title: 'Second' } },
    ]);
  });

  it('reads a column under a merged header cell from its first column, and warns once about values in the others', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Backlog');
      s.getRow(1).values = ['id', 'title', 'description'];
      s.mergeCells('C1:D1');
      s.getRow(2).values = ['A-1', 'First', 'Joined up', 'stray'];
      s.getRow(3).values = ['A-2', 'Second', 'Also', 'again'];
      s.getCell('G3').value = 'far off';
    });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(items.map((i) => i.values['description'])).toEqual(['Joined up', 'Also']);
    expect(items.map((i) => ({ ...i.extra }))).toEqual([{}, {}]);
    expect(problems).toEqual([
      {
        ruleId: 'xlsx/unnamed-column',
        severity: 'warning',
        line: 2,
        column: 4,
        message: 'column D is part of the merged header cell C1:D1, so its values are not read: unmerge the header cells and name each column (Backlog!D2)',
      },
      {
        ruleId: 'xlsx/unnamed-column',
        severity: 'warning',
        line: 3,
        column: 7,
        message: 'column G has no name in the header row (row 1), so its values are not read: name the column, or clear it (Backlog!G3)',
      },
    ]);
  });

  it('takes names merged down from above into the row --header-row names', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Backlog');
      s.getRow(1).values = ['id', 'title', 'Cost'];
      s.getRow(2).values = [null, null, 'cost_gbp', 'revenue'];
      s.getRow(3).values = ['A-1', 'First', 1200, 300];
      s.mergeCells('A1:A2');
      s.mergeCells('B1:B2');
      s.mergeCells('C1:D1');
    });
    const { items, problems } = await readWorkbookItems(bytes, { workbook: { headerRow: 2 } });
    expect(problems).toEqual([]);
    expect(items.map((i) => ({ values: { ...i.values }, extra: { ...i.extra } }))).toEqual([
      { values: { id: 'A-1', title: 'First', cost_gbp: 1200 }, extra: { revenue: '300' } },
    ]);
  });

  it('reads the first visible sheet, or the one --sheet names by name or number', async () => {
    const row = (id: string) => `<row r="1">${text('A1', 'id')}${text('B1', 'title')}</row><row r="2">${text('A2', id)}${text('B2', 'T')}</row>`;
    const bytes = handWorkbook({
      sheets: [
        { name: 'Lookups', xml: sheetXml(row('HIDDEN-1')), hidden: true },
        { name: 'Backlog', xml: sheetXml(row('B-1')) },
        { name: 'Q3 later', xml: sheetXml(row('Q-1')) },
      ],
    });
    const ids = async (sheet?: string) => (await readWorkbookItems(bytes, sheet === undefined ? {} : { workbook: { sheet } })).items.map((i) => i.id);
    expect(await ids()).toEqual(['B-1']);
    expect(await ids('q3 LATER')).toEqual(['Q-1']);
    expect(await ids('1')).toEqual(['HIDDEN-1']);
    expect(await readWorkbookError(bytes, { workbook: { sheet: 'Nope' } })).toEqual({
      message: '<stdin> has no sheet called "Nope"',
      hint: 'its sheets are "Lookups", "Backlog", "Q3 later": give --sheet one of those names, or a number from 1 to 3',
      position: { file: '<stdin>' },
    });
    expect((await readWorkbookError(bytes, { workbook: { sheet: '4' } })).message).toBe('<stdin> has no sheet number 4 (it has 3)');
  });

  it('says when --header-row names an empty row, or no row has two values', async () => {
    const rows = `<row r="1">${text('A1', 'just a note')}</row><row r="3">${text('A3', 'id')}${text('B3', 'title')}</row>`;
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(rows) }] });
    expect(await readWorkbookError(bytes, { workbook: { headerRow: 2 } })).toEqual({
      message: 'row 2 of the sheet "Sheet1" is empty, so it cannot be the header row',
      hint: 'give --header-row the row that names the columns',
      position: { file: '<stdin>', line: 2, column: 1 },
    });
    const lonely = handWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(`<row r="1">${text('A1', 'just a note')}</row>`) }] });
    expect((await readWorkbookError(lonely)).message).toBe('the sheet "Sheet1" of <stdin> has no header row: no row has two or more values');
    const empty = handWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml('') }] });
    expect((await readWorkbookError(empty)).message).toBe('the sheet "Sheet1" of <stdin> is empty');
  });
});

describe('positions and the column mapping', () => {
  it('puts a problem at the row and column of its cell, and names the cell in the message', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Q3 backlog');
      s.getRow(1).values = [null, 'id', 'title', 'effort_weeks'];
      s.getRow(2).values = [null, 'A-1', 'First', 2];
      s.getRow(3).values = [null, 'A-1', 'Again', 2];
      s.getRow(4).values = [null, 'A-2', 'Other', 'lots'];
    });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(items.map((i) => i.title)).toEqual(['First']);
    expect(problems).toEqual([
      {
        ruleId: 'item/duplicate-id',
        severity: 'error',
        line: 3,
        column: 2,
        message: `id "A-1" is used twice (first at <stdin>:2:2): give each item its own id ('Q3 backlog'!B3)`,
      },
      {
        ruleId: 'item/invalid-value',
        severity: 'error',
        line: 4,
        column: 4,
        message: `effort_weeks "lots" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown ('Q3 backlog'!D4)`,
      },
    ]);
  });

  it('renames columns with --map, and names the header cell when two are read as one field', async () => {
    const bytes = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Export');
      s.addRow(['Ref', 'Project name', 'Weeks']);
      s.addRow(['P-9', 'Falls prevention', 6]);
    });
    const { items } = await readWorkbookItems(bytes, { mapping: { id: 'Ref', title: 'Project name', effort_weeks: 'weeks' } });
    expect(items.map((i) => ({ ...i.values }))).toEqual([{ id: 'P-9', title: 'Falls prevention', effort_weeks: 6 }]);
    const clash = await excelWorkbook((wb) => {
      const s = wb.addWorksheet('Export');
      s.addRow(['id', 'title', 'Title']);
      s.addRow(['P-9', 'a', 'b']);
    });
    expect(await readWorkbookError(clash)).toEqual({
      message: 'columns "title" (column 2) and "Title" (column 3) are both read as "title" (Export!C1)',
      hint: 'rename one, or say which is which with --map, e.g. --map <field>=Title#2 reads the second "Title" as <field>',
      position: { file: '<stdin>', line: 1, column: 3 },
    });
  });
});

describe('progress', () => {
  it("reports the sheet's size and how much of it is read, for the progress line", async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, k) => `<row r="${k + 2}">${text(`A${k + 2}`, `A-${k}`)}${text(`B${k + 2}`, `Item ${k * 7919} of many`)}</row>`,
    ).join('');
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(`<row r="1">${text('A1', 'id')}${text('B1', 'title')}</row>${rows}`) }] });
    const files: Array<[string, number | undefined]> = [];
    const read: number[] = [];
    let items = 0;
    for await (const _ of readItems(['-'], {
      normaliser: createNormaliser(unionPolicy().fields),
      stdin: Readable.from([bytes]),
      onProblem: () => undefined,
      onFile: (file, size) => files.push([file, size]),
      onBytes: (n) => read.push(n),
    }))
      items++;
    expect(items).toBe(3000);
    // Standard input first (size unknown), then the sheet, by its compressed size.
    expect(files[0]).toEqual(['<stdin>', undefined]);
    const sheetSize = files[1]?.[1] ?? 0;
    expect(files[1]?.[0]).toBe('<stdin>');
    expect(sheetSize).toBeGreaterThan(10_000);
    expect(read[read.length - 1]).toBe(sheetSize);
    expect(read.length).toBeGreaterThan(1);
  });
});
