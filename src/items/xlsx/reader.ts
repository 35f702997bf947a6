/**
 * Work items from an Excel workbook (.xlsx, .xlsm): one sheet (the first visible one, or
 * `--sheet NAME|N`), whose header row (the first with two or more values, or
 * `--header-row N`) names the columns, read into the same raw records the CSV reader makes,
 * so the column mapping, normalising and every check after them apply unchanged.
 *
 * Positions are the sheet's own: a record's line is its row number and a field's column its
 * column number (C is 3), which is what SARIF, JUnit and GitHub annotations show; messages
 * add the cell as people write it, `Sheet1!C7`. Macros are never run and links to other
 * workbooks never followed: only the parts that hold values are read.
 */
import { stat } from 'node:fs/promises';
import { TriageError } from '../../errors.js';
import { fileError } from '../../io/read.js';
import type { RuleId } from '../../rule-ids.js';
import type { HeaderCell } from '../csv.js';
import type { RawRecord } from '../normalise.js';
import { MAX_HEADER_COLUMNS, MAX_SHEET_BYTES, MAX_STDIN_WORKBOOK_BYTES, MAX_WORKBOOK_BYTES } from './limits.js';
import { findMergedRanges, type MergedRange } from './merges.js';
import type { WorkbookOptions } from './options.js';
import { readPackage, readSharedStrings, type SheetInfo } from './package.js';
import { readSheetRows, type CellValue, type SheetRow } from './sheet.js';
import { cellReference, columnLetters } from './strings.js';
import { bufferBytes, damaged, entryBytes, fileBytes, readZipDirectory, type ByteSource, type ZipEntry } from './zip.js';

export type { WorkbookOptions } from './options.js';

/** The raw records of a workbook file, in batches as its sheet is read. */
export async function* readWorkbookFile(path: string, file: string, options: WorkbookOptions): AsyncGenerator<RawRecord[]> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new TriageError('file-unreadable', `${file} is a directory, not an item file`, { position: { file }, hint: 'give the path of an .xlsx workbook' });
    size = info.size;
  } catch (error) {
    throw fileError(error, file, 'item file');
  }
  if (size === 0) throw damaged(file, 'is empty', 'an item file needs a header row and one row per item');
  if (size > MAX_WORKBOOK_BYTES)
    throw damaged(file, `is larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB, the limit for a workbook`, 'save the sheet as CSV, which streams');
  let source: ByteSource;
  try {
    source = await fileBytes(path);
  } catch (error) {
    throw fileError(error, file, 'item file');
  }
  try {
    yield* readWorkbook(source, file, options);
  } finally {
    await source.close();
  }
}

/** The raw records of a workbook arriving as a stream (standard input), held in memory up to a limit. */
export async function* readWorkbookStream(chunks: AsyncIterable<Buffer>, file: string, options: WorkbookOptions): AsyncGenerator<RawRecord[]> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_STDIN_WORKBOOK_BYTES) {
      throw damaged(
        file,
        `is a workbook larger than ${MAX_STDIN_WORKBOOK_BYTES / 1024 / 1024} MB, the limit on standard input`,
        'name the file instead of piping it in',
      );
    }
    parts.push(chunk);
  }
  yield* readWorkbook(bufferBytes(Buffer.concat(parts, size)), file, options);
}

async function* readWorkbook(source: ByteSource, file: string, options: WorkbookOptions): AsyncGenerator<RawRecord[]> {
  const entries = await readZipDirectory(source, file);
  const pkg = await readPackage(source, entries, file);
  const sheet = chooseSheet(pkg.sheets, options.sheet, file);
  const entry = entries.get(sheet.part) as ZipEntry;
  if (pkg.externalLinks) {
    options.onProblem({
      ruleId: 'xlsx/external-link',
      severity: 'warning',
      message:
        'the workbook links to other workbooks: cells that use them are read as their values when this one was last saved, and the linked files are never opened',
      file,
      line: 1,
      column: 1,
    });
  }
  const strings = pkg.sharedStrings ? await readSharedStrings(source, pkg.sharedStrings, file) : undefined;
  const sheetLimit = { bytes: MAX_SHEET_BYTES, what: 'a sheet' };
  const merges = await findMergedRanges(entryBytes(source, entry, file, sheetLimit));
  options.onFile?.(file, entry.compressedSize);
  const records = new RecordMaker(file, sheet.name, merges.ranges, options);
  const rows = readSheetRows(entryBytes(source, entry, file, sheetLimit, options.onBytes), {
    file,
    part: entry.name,
    strings,
    dateStyles: pkg.dateStyles,
    date1904: pkg.date1904,
    onProblem: (problem) => records.warn(problem.ruleId, problem.message, problem.row, problem.column),
  });
  for await (const batch of rows) {
    const made = records.take(batch);
    if (made.length > 0) yield made;
  }
  records.finish();
}

/** The sheet `--sheet` names (a name first, then a tab number), else the first visible worksheet. */
function chooseSheet(sheets: readonly SheetInfo[], wanted: string | undefined, file: string): SheetInfo & { part: string } {
  const list = sheets.map((s) => `"${s.name}"`).join(', ');
  let sheet: SheetInfo | undefined;
  if (wanted === undefined) {
    sheet = sheets.find((s) => s.part !== undefined && !s.hidden) ?? sheets.find((s) => s.part !== undefined);
    if (!sheet) throw damaged(file, 'has no worksheet (only chart sheets)', 'items must be in a worksheet: one row per item under a header row');
  } else {
    sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    const n = /^\d+$/.test(wanted) ? Number(wanted) : undefined;
    if (!sheet && n !== undefined) sheet = sheets[n - 1];
    if (!sheet) {
      const which = n !== undefined ? `number ${n} (it has ${sheets.length})` : `called "${wanted}"`;
      const hint =
        sheets.length === 1
          ? `its only sheet is ${list}: leave out --sheet`
          : `its sheets are ${list}: give --sheet one of those names, or a number from 1 to ${sheets.length}`;
      throw new TriageError('syntax', `${file} has no sheet ${which}`, { position: { file }, hint, option: 'sheet' });
    }
    if (sheet.part === undefined) {
      throw new TriageError('syntax', `the sheet "${sheet.name}" of ${file} is a chart sheet, not a worksheet of cells`, {
        position: { file },
        hint: `its sheets are ${list}`,
        option: 'sheet',
      });
    }
  }
  return sheet as SheetInfo & { part: string };
}

/** What every record of a sheet shares: the column names, and where each column is. */
interface Layout {
  names: ReadonlyArray<string | undefined>;
  /** Sheet column number of each named column. */
  columnOf: readonly number[];
  /** Named column index by sheet column number; -1 for a column with no name. */
  slot: Int32Array;
  indexOf: ReadonlyMap<string, number>;
  sheet: string;
  /** The header's row number. */
  row: number;
}

/** A row of the sheet as a raw record: cells named by the shared layout, as for CSV. */
class WorkbookRecord implements RawRecord {
  private named: Record<string, unknown> | undefined;

  constructor(
    readonly cells: readonly CellValue[],
    readonly line: number,
    private readonly layout: Layout,
  ) {}

  get columns(): ReadonlyArray<string | undefined> {
    return this.layout.names;
  }

  get sheet(): string {
    return this.layout.sheet;
  }

  get values(): Record<string, unknown> {
    if (this.named === undefined) {
      const values = Object.create(null) as Record<string, unknown>;
      this.layout.names.forEach((name, k) => {
        if (name !== undefined) values[name] = this.cells[k];
      });
      this.named = values;
    }
    return this.named;
  }

  locate(field: string): { line: number; column: number } {
    const k = this.layout.indexOf.get(field);
    return { line: this.line, column: k === undefined ? 1 : (this.layout.columnOf[k] as number) };
  }
}

/** Turns the sheet's rows into records: finds the header row, then names each row's cells. */
class RecordMaker {
  private layout: Layout | undefined;
  /** Values above the header that are the first cell of a merged range (a header may take its name from one). */
  private readonly mergeValues = new Map<string, CellValue>();
  /** Columns already warned about, so each is named once. */
  private readonly warned = new Set<number>();
  private sawValues = false;

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly merges: readonly MergedRange[],
    private readonly options: WorkbookOptions,
  ) {}

  take(rows: readonly SheetRow[]): RawRecord[] {
    const records: RawRecord[] = [];
    for (const row of rows) {
      this.sawValues = true;
      if (this.layout === undefined) {
        if (this.isHeader(row)) this.layout = this.headerLayout(row);
        else this.remember(row);
        continue;
      }
      const record = this.record(row, this.layout);
      if (record) records.push(record);
    }
    return records;
  }

  /** The sheet is read: say so if no header was ever found. */
  finish(): void {
    if (this.layout !== undefined) return;
    const { headerRow } = this.options;
    if (headerRow !== undefined) {
      throw new TriageError('syntax', `row ${headerRow} of the sheet "${this.sheet}" is empty, so it cannot be the header row`, {
        position: { file: this.file, line: headerRow, column: 1 },
        hint: 'give --header-row the row that names the columns',
        option: 'header-row',
      });
    }
    const why = this.sawValues ? 'has no header row: no row has two or more values' : 'is empty';
    throw new TriageError('syntax', `the sheet "${this.sheet}" of ${this.file} ${why}`, {
      position: { file: this.file, line: 1, column: 1 },
      hint: 'name the columns in one row (id, title, ...), with one row per item below it, or choose another sheet with --sheet',
    });
  }

  /** A warning about a cell, its reference added. */
  warn(ruleId: RuleId, message: string, row: number, column: number): void {
    this.options.onProblem({
      ruleId,
      severity: 'warning',
      message: `${message} (${cellReference(this.sheet, row, column)})`,
      file: this.file,
      line: row,
      column,
    });
  }

  private isHeader(row: SheetRow): boolean {
    const { headerRow } = this.options;
    if (headerRow !== undefined) {
      if (row.row > headerRow) this.finish();
      return row.row === headerRow;
    }
    let filled = 0;
    for (const value of row.values) if (!isBlank(value) && ++filled >= 2) return true;
    return false;
  }

  /** Keep a row's values that start a merged range, in case the header row is inside the range. */
  private remember(row: SheetRow): void {
    for (const merge of this.merges) {
      if (merge.top !== row.row) continue;
      const k = row.columns.indexOf(merge.left);
      if (k !== -1) this.mergeValues.set(`${merge.top}:${merge.left}`, row.values[k] as CellValue);
    }
  }

  private headerLayout(row: SheetRow): Layout {
    const values = new Map<number, CellValue>();
    row.columns.forEach((column, k) => values.set(column, row.values[k] as CellValue));
    // Ranges across the header row: side by side within it, or coming down from a row above.
    const inRow = this.merges.filter((m) => m.top <= row.row && m.bottom >= row.row && (m.right > m.left || m.top < row.row));
    let last = Math.max(0, ...row.columns, ...inRow.map((m) => m.right));
    const cells: HeaderCell[] = [];
    for (let column = 1; column <= last; column++) {
      const merge = inRow.find((m) => m.left <= column && m.right >= column);
      let value: CellValue | undefined = values.get(column);
      if (merge) {
        // A merged range names its first column only; the others are part of it.
        value = column !== merge.left ? undefined : merge.top === row.row ? value : this.mergeValues.get(`${merge.top}:${merge.left}`);
      }
      const name = value === undefined ? '' : String(value).trim();
      if (name !== '') cells.push({ name, line: row.row, column });
    }
    if (cells.length > MAX_HEADER_COLUMNS) {
      throw new TriageError('syntax', `the header row has ${cells.length} columns, more than the limit of ${MAX_HEADER_COLUMNS}`, {
        position: { file: this.file, line: row.row, column: 1 },
        hint: 'check that --header-row names the row with the column names',
      });
    }
    last = cells.length > 0 ? (cells[cells.length - 1] as HeaderCell).column : 0;
    const names = this.resolve(cells);
    const slot = new Int32Array(last + 1).fill(-1);
    const indexOf = new Map<string, number>();
    cells.forEach((cell, k) => {
      slot[cell.column] = k;
      const name = names[k];
      if (name !== undefined) indexOf.set(name, k);
    });
    return { names, columnOf: cells.map((c) => c.column), slot, indexOf, sheet: this.sheet, row: row.row };
  }

  /** The resolver's names; its errors gain the header cell's reference. */
  private resolve(cells: HeaderCell[]): Array<string | undefined> {
    try {
      return this.options.resolveHeader(cells, this.file);
    } catch (error) {
      const at = error instanceof TriageError ? error.position : undefined;
      if (!(error instanceof TriageError) || at?.line === undefined || at.column === undefined) throw error;
      const { hint } = error;
      throw new TriageError(error.code, `${error.message} (${cellReference(this.sheet, at.line, at.column)})`, {
        position: at,
        exitCode: error.exitCode,
        ...(hint !== undefined ? { hint } : {}),
        ...(error.option !== undefined ? { option: error.option } : {}),
      });
    }
  }

  private record(row: SheetRow, layout: Layout): RawRecord | undefined {
    const cells: CellValue[] = new Array<CellValue>(layout.names.length).fill('');
    let filled = false;
    for (let k = 0; k < row.columns.length; k++) {
      const column = row.columns[k] as number;
      const value = row.values[k] as CellValue;
      const at = column < layout.slot.length ? (layout.slot[column] as number) : -1;
      if (at === -1) {
        if (!isBlank(value)) this.unnamed(row.row, column, layout);
        continue;
      }
      cells[at] = value;
      if (!filled && !isBlank(value)) filled = true;
    }
    return filled ? new WorkbookRecord(cells, row.row, layout) : undefined;
  }

  /** A value in a column the header does not name: not read, said once per column. */
  private unnamed(row: number, column: number, layout: Layout): void {
    if (this.warned.has(column)) return;
    this.warned.add(column);
    const header = layout.row;
    const merge = this.merges.find((m) => m.left < column && m.right >= column && m.top <= header && m.bottom >= header);
    const letters = columnLetters(column);
    const why = merge
      ? `column ${letters} is part of the merged header cell ${columnLetters(merge.left)}${merge.top}:${columnLetters(merge.right)}${merge.bottom}, so its values are not read: unmerge the header cells and name each column`
      : `column ${letters} has no name in the header row (row ${header}), so its values are not read: name the column, or clear it`;
    this.warn('xlsx/unnamed-column', why, row, column);
  }
}

function isBlank(value: CellValue): boolean {
  return typeof value === 'string' && value.trim() === '';
}
