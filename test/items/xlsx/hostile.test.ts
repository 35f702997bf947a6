/**
 * Hostile workbooks: each is refused with one line (or read, for those that only look
 * alarming), in bounded time and memory, and never crashes the reader.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSharedStrings } from '../../../src/items/xlsx/package.js';
import { bufferBytes, readZipDirectory } from '../../../src/items/xlsx/zip.js';
import { handWorkbook, readWorkbookError, readWorkbookItems, sheetXml, text, zipOf } from '../../helpers/workbook.js';

const HEADER = `<row r="1">${text('A1', 'id')}${text('B1', 'title')}</row>`;
const ONE_ITEM = sheetXml(`${HEADER}<row r="2">${text('A2', 'A-1')}${text('B2', 'First')}</row>`);
const HINT = 'open it in Excel and save it again, or save the sheet as CSV';

describe('zip bombs and damaged zips', () => {
  it('refuses a part that declares more than its limit, before inflating any of it', async () => {
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: ONE_ITEM, declaredSize: 3 * 1024 * 1024 * 1024 }] });
    expect(await readWorkbookError(bytes)).toEqual({
      message: '<stdin> has a sheet that unpacks to 3,072 MB ("xl/worksheets/sheet1.xml"), more than the limit of 1,024 MB',
      hint: 'a backlog this large streams better as CSV: save the sheet as CSV from Excel',
      position: { file: '<stdin>' },
    });
  });

  it('stops inflating at the size a part declares, whatever it really holds', async () => {
    // Ten megabytes of one character, said to be a hundred bytes: a bomb behind a lie.
    const bomb = sheetXml(`${HEADER}<row r="2">${text('A2', 'x'.repeat(10 * 1024 * 1024))}</row>`);
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: bomb, declaredSize: 100 }] });
    expect((await readWorkbookError(bytes)).message).toBe(
      '<stdin> is a damaged or hostile zip: "xl/worksheets/sheet1.xml" inflates to more than the 100 bytes it declares',
    );
  });

  it('refuses a part that holds less than it declares, or whose checksum is wrong', async () => {
    const short = handWorkbook({ sheets: [{ name: 'Sheet1', xml: ONE_ITEM, declaredSize: 5000 }] });
    expect((await readWorkbookError(short)).message).toMatch(
      /^<stdin> is a damaged zip: "xl\/worksheets\/sheet1\.xml" holds \d+ bytes, not the 5,000 it declares$/,
    );
    const parts = [{ name: 'xl/workbook.xml', data: '<workbook/>', crc: 1234 }];
    expect((await readWorkbookError(zipOf(parts))).message).toBe('<stdin> is a damaged zip: the checksum of "xl/workbook.xml" does not match');
  });

  it('refuses too many entries, two entries of one name, encryption, and unknown methods', async () => {
    const many = zipOf(Array.from({ length: 10_001 }, (_, k) => ({ name: `f${k}`, data: '', method: 0 })));
    expect((await readWorkbookError(many)).message).toBe('<stdin> holds 10,001 zip entries, more than the limit of 10,000 for a workbook');
    const twice = zipOf([
      { name: 'xl/workbook.xml', data: '<a/>' },
      { name: 'xl/workbook.xml', data: '<b/>' },
    ]);
    expect((await readWorkbookError(twice)).message).toBe(
      '<stdin> holds two zip entries named "xl/workbook.xml", so which one is meant is unclear: refusing an ambiguous file',
    );
    const locked = zipOf([{ name: 'xl/workbook.xml', data: '<a/>', flags: 1 }]);
    expect(await readWorkbookError(locked)).toEqual({
      message: '<stdin> is encrypted ("xl/workbook.xml")',
      hint: 'save it from Excel without a password',
      position: { file: '<stdin>' },
    });
    const bzip = zipOf([{ name: 'xl/workbook.xml', data: 'BZh9', method: 12 }]);
    expect((await readWorkbookError(bzip)).message).toBe('<stdin> uses a compression method (12) workbooks do not use, for "xl/workbook.xml"');
  });

  it('says what a file is when it is not a workbook at all', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(100).fill(0)]);
    expect(await readWorkbookError(ole)).toEqual({
      message: '<stdin> is a password-protected workbook or an Excel 97-2003 (.xls) file, which cannot be read',
      hint: 'open it in Excel and save it as an .xlsx workbook without a password',
      position: { file: '<stdin>' },
    });
    expect((await readWorkbookError(Buffer.from('id,title\nA-1,First\n'))).message).toBe(
      '<stdin> is not an Excel workbook (an .xlsx file is a zip archive, and this is not one)',
    );
    const whole = handWorkbook({ sheets: [{ name: 'Sheet1', xml: ONE_ITEM }] });
    expect(await readWorkbookError(whole.subarray(0, whole.length - 40))).toEqual({
      message: '<stdin> is a damaged zip: its central directory cannot be found (the file may be cut short)',
      hint: HINT,
      position: { file: '<stdin>' },
    });
  });
});

describe('hostile XML', () => {
  it('refuses a document type declaration, so entities can never expand (billion laughs)', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>';
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: ONE_ITEM }], sharedStrings: { xml: laughs } });
    expect(await readWorkbookError(bytes)).toEqual({
      message:
        '<stdin> cannot be read as a workbook: its part xl/sharedStrings.xml is refused, as it has a document type declaration (DOCTYPE), which workbook parts never have',
      hint: HINT,
      position: { file: '<stdin>' },
    });
  });

  it('refuses entity references XML does not define (an external entity among them)', async () => {
    const sheet = sheetXml(`${HEADER}<row r="2">${text('A2', '&xxe;')}${text('B2', 'T')}</row>`);
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: sheet }] }))).message).toBe(
      '<stdin> cannot be read as a workbook: its part xl/worksheets/sheet1.xml is refused, as it is not well-formed XML (undefined entity)',
    );
  });

  it('refuses text that is not UTF-8, text too long for a cell, and text with no markup for megabytes', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(sheetXml(`${HEADER}<row r="2">${text('A2', 'caf')}`).replace(/<\/row><\/sheetData>.*$/, '')),
      Buffer.from([0xe9]),
      Buffer.from('</t></is></c></row></sheetData></worksheet>'),
    ]);
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: latin1 }] }))).message).toBe(
      '<stdin> cannot be read as a workbook: its part xl/worksheets/sheet1.xml is refused, as its text is not valid UTF-8',
    );
    const long = sheetXml(
      `${HEADER}<row r="2">${text('A2', 'A-1')}${'<c r="B2" t="inlineStr"><is><t>'}${'abcdefgh<![CDATA[x]]>'.repeat(130_000)}</t></is></c></row>`,
    );
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: long }] }))).message).toBe(
      '<stdin> has a cell longer than 1,048,576 characters (row 2)',
    );
    const endless = sheetXml(`${HEADER}<row r="2">${text('A2', 'x'.repeat(9 * 1024 * 1024))}</row>`);
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: endless }] }))).message).toBe(
      '<stdin> cannot be read as a workbook: its part xl/worksheets/sheet1.xml is refused, as it has more than 8 MB of text without markup',
    );
  });

  it("refuses rows and cells outside Excel's grid, and a shared string the table does not have", async () => {
    const far = sheetXml(`${HEADER}<row r="1048577">${text('A1048577', 'x')}</row>`);
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: far }] }))).message).toBe(
      `<stdin> has a row numbered "1048577" in xl/worksheets/sheet1.xml, outside Excel's 1,048,576 rows`,
    );
    const wide = sheetXml(`${HEADER}<row r="2">${text('XFE2', 'x')}</row>`);
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: wide }] }))).message).toBe(
      '<stdin> has a cell with the reference "XFE2" in xl/worksheets/sheet1.xml, which is not a cell of a sheet',
    );
    const missing = sheetXml(`${HEADER}<row r="2"><c r="A2" t="s"><v>7</v></c></row>`);
    expect((await readWorkbookError(handWorkbook({ sheets: [{ name: 'Sheet1', xml: missing }], sharedStrings: ['only one'] }))).message).toBe(
      '<stdin> is damaged: a cell in row 2 refers to shared string 7, which the workbook does not have',
    );
  });
});

describe('shared-string bombs', () => {
  it('refuses a table that declares more than its limit', async () => {
    const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: ONE_ITEM }], sharedStrings: { xml: '<sst/>', declaredSize: 300 * 1024 * 1024 } });
    expect((await readWorkbookError(bytes)).message).toBe(
      '<stdin> has a shared-string table that unpacks to 300 MB ("xl/sharedStrings.xml"), more than the limit of 256 MB',
    );
  });

  it('stops holding strings past the count or the characters allowed', async () => {
    const table = (entries: string) => {
      const bytes = handWorkbook({ sheets: [{ name: 'Sheet1', xml: ONE_ITEM }], sharedStrings: { xml: `<sst>${entries}</sst>` } });
      return bytes;
    };
    const read = async (bytes: Buffer, limits: { strings: number; chars: number }) => {
      const source = bufferBytes(bytes);
      const entry = (await readZipDirectory(source, 'book.xlsx')).get('xl/sharedStrings.xml');
      if (!entry) throw new Error('no table');
      try {
        await readSharedStrings(source, entry, 'book.xlsx', limits);
      } catch (error) {
        return (error as Error).message;
      }
      return 'read';
    };
    const many = table('<si><t/></si>'.repeat(1001));
    expect(await read(many, { strings: 1000, chars: 1e9 })).toBe('book.xlsx has a shared-string table with more than 1,000 entries, more than the limit');
    expect(await read(many, { strings: 1001, chars: 1e9 })).toBe('read');
    const long = table(`<si><t>${'x'.repeat(600)}</t></si>`.repeat(2));
    expect(await read(long, { strings: 10, chars: 1000 })).toBe('book.xlsx has a shared-string table with more than 1,000 characters, more than the limit');
  });
});

describe('workbooks that only look alarming', () => {
  it('reads a sheet followed by a million empty styled rows as its items alone', async () => {
    const empty = Array.from({ length: 1_000_000 }, (_, k) => `<row r="${k + 3}" s="1" customFormat="1"/>`).join('');
    const xml = Buffer.from(sheetXml(`${HEADER}<row r="2">${text('A2', 'A-1')}${text('B2', 'First')}</row>${empty}`));
    const { items, problems } = await readWorkbookItems(handWorkbook({ sheets: [{ name: 'Sheet1', xml }] }));
    expect(items.map((i) => i.id)).toEqual(['A-1']);
    expect(problems).toEqual([]);
  });

  it('never opens a macro project or a linked workbook, and says values from links are as last saved', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const sheet = sheetXml(`${HEADER}<row r="2">${text('A2', 'A-1')}<c r="B2" t="str"><f>[1]Sheet1!A1</f><v>From elsewhere</v></c></row>`);
    const bytes = handWorkbook({
      sheets: [{ name: 'Sheet1', xml: sheet }],
      workbookExtra: '<externalReferences><externalReference r:id="rIdE"/></externalReferences>',
      rels: `<Relationship Id="rIdE" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/><Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`,
      // Neither is valid: reading either would fail, so the workbook reads only because they are never read.
      extra: [
        { name: 'xl/externalLinks/externalLink1.xml', data: '<<< not xml' },
        { name: 'xl/vbaProject.bin', data: deflateRawSync(Buffer.from('not a macro project')), method: 0, declaredSize: 5 },
      ],
    });
    const { items, problems } = await readWorkbookItems(bytes);
    expect(items.map((i) => ({ id: i.id, title: i.title }))).toEqual([{ id: 'A-1', title: 'From elsewhere' }]);
    expect(problems).toEqual([
      {
        ruleId: 'xlsx/external-link',
        severity: 'warning',
        line: 1,
        column: 1,
        message:
          'the workbook links to other workbooks: cells that use them are read as their values when this one was last saved, and the linked files are never opened',
      },
    ]);
  });
});
