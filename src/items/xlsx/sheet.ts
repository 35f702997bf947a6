/**
 * A worksheet's cells, streamed row by row, each as the value a person sees in it: a
 * number as its number, a boolean, a date (by the cell's number format) as ISO text, text
 * with rich-text runs joined and phonetic guides left out, and a formula as the result Excel
 * saved with it; a formula is never evaluated. An error value (`#N/A`) or a formula with no
 * saved result is empty, with a warning. Empty rows (a million of them, styled, included)
 * cost the parse and nothing more.
 */
import type { DateKind } from './dates.js';
import { serialToIso } from './dates.js';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits.js';
import type { SharedStrings } from './strings.js';
import { decodeEscapes, parseCellReference } from './strings.js';
import { parseXmlSteps, type XmlVisitor } from './xml.js';
import { damaged } from './zip.js';

export type CellValue = string | number | boolean;

/** A row with at least one value: its number, and its cells' columns and values, in order. */
export interface SheetRow {
  row: number;
  columns: number[];
  values: CellValue[];
}

/** A cell the reader could not give a value for; `message` says why and what to do. */
export interface CellProblem {
  ruleId: 'xlsx/error-value' | 'xlsx/no-cached-value' | 'xlsx/not-a-number';
  row: number;
  column: number;
  message: string;
}

export interface SheetContext {
  file: string;
  part: string;
  strings: SharedStrings | undefined;
  dateStyles: ReadonlyMap<number, DateKind>;
  date1904: boolean;
  onProblem(problem: CellProblem): void;
}

/** The rows of a worksheet part, in batches: those each chunk of its XML completed. */
export async function* readSheetRows(chunks: AsyncIterable<Buffer>, context: SheetContext): AsyncGenerator<SheetRow[]> {
  const reader = new RowReader(context);
  for await (const _ of parseXmlSteps(chunks, context.part, context.file, reader)) {
    const rows = reader.take();
    if (rows.length > 0) yield rows;
  }
}

/** What is being collected inside a cell. */
const enum Collect {
  Nothing,
  Value,
  InlineText,
}

class RowReader implements XmlVisitor {
  private rows: SheetRow[] = [];
  private inSheetData = false;
  private row = 0;
  private columns: number[] = [];
  private values: CellValue[] = [];
  // The cell being read.
  private inCell = false;
  private column = 0;
  private type = '';
  private style = 0;
  private formula = false;
  private hasValue = false;
  private collect = Collect.Nothing;
  private inInline = false;
  private phonetic = 0;
  private content = '';

  constructor(private readonly context: SheetContext) {}

  take(): SheetRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (!this.inSheetData) {
      if (name === 'sheetData') this.inSheetData = true;
      return;
    }
    switch (name) {
      case 'row':
        this.openRow(attributes['r']);
        return;
      case 'c':
        this.openCell(attributes);
        return;
      case 'v':
        if (this.inCell) {
          this.collect = Collect.Value;
          this.hasValue = true;
          this.content = '';
        }
        return;
      case 'f':
        if (this.inCell) this.formula = true;
        return;
      case 'is':
        if (this.inCell) {
          this.inInline = true;
          this.hasValue = true;
          this.content = '';
        }
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 't':
        if (this.inInline && this.phonetic === 0) this.collect = Collect.InlineText;
        return;
    }
  }

  close(name: string): void {
    if (!this.inSheetData) return;
    switch (name) {
      case 'sheetData':
        this.inSheetData = false;
        return;
      case 'row':
        if (this.values.length > 0) this.rows.push({ row: this.row, columns: this.columns, values: this.values });
        this.columns = [];
        this.values = [];
        return;
      case 'c':
        if (this.inCell) this.closeCell();
        return;
      case 'v':
      case 't':
        this.collect = Collect.Nothing;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
    }
  }

  text(text: string): void {
    if (this.collect === Collect.Nothing) return;
    this.content += text;
    if (this.content.length > MAX_CELL_CHARS) {
      throw damaged(this.context.file, `has a cell longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters (row ${this.row})`);
    }
  }

  private openRow(r: string | undefined): void {
    const row = r === undefined ? this.row + 1 : Number(r);
    if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) {
      throw damaged(this.context.file, `has a row numbered "${r}" in ${this.context.part}, outside Excel's ${MAX_ROWS.toLocaleString('en-GB')} rows`);
    }
    this.row = row;
    this.column = 0;
    this.columns = [];
    this.values = [];
  }

  private openCell(attributes: Readonly<Record<string, string>>): void {
    const ref = attributes['r'];
    let column = this.column + 1;
    if (ref !== undefined) {
      const at = parseCellReference(ref);
      if (at === undefined || at.column > MAX_COLUMNS)
        throw damaged(this.context.file, `has a cell with the reference "${ref}" in ${this.context.part}, which is not a cell of a sheet`);
      column = at.column;
    }
    this.inCell = true;
    this.column = column;
    this.type = attributes['t'] ?? 'n';
    this.style = Number(attributes['s'] ?? 0);
    this.formula = false;
    this.hasValue = false;
    this.collect = Collect.Nothing;
    this.inInline = false;
    this.phonetic = 0;
    this.content = '';
  }

  private closeCell(): void {
    this.inCell = false;
    const value = this.cellValue();
    if (value === undefined || value === '') return;
    this.columns.push(this.column);
    this.values.push(value);
  }

  /** The cell's value as a person sees it, or `undefined` for none. */
  private cellValue(): CellValue | undefined {
    const text = this.content;
    if (!this.hasValue) {
      if (this.formula)
        this.problem(
          'xlsx/no-cached-value',
          'holds a formula with no saved result, so it is read as empty: open the workbook in Excel or LibreOffice, let it calculate, and save it',
        );
      return undefined;
    }
    switch (this.type) {
      case 's': {
        const index = Number(text);
        const value = this.context.strings?.get(index);
        if (value === undefined)
          throw damaged(this.context.file, `is damaged: a cell in row ${this.row} refers to shared string ${text.trim()}, which the workbook does not have`);
        return value;
      }
      case 'inlineStr':
      case 'str':
        return decodeEscapes(text);
      case 'b':
        return text.trim() === '1' || text.trim().toLowerCase() === 'true';
      case 'e':
        this.problem('xlsx/error-value', `holds the error ${text.trim() || 'value'}, so it is read as empty: correct the formula or the value in the workbook`);
        return undefined;
      case 'd':
        return this.isoDate(text.trim());
      default:
        return this.number(text);
    }
  }

  private number(text: string): CellValue | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      this.problem(
        'xlsx/not-a-number',
        `holds "${trimmed.slice(0, 40)}" as a number, which it is not, so it is read as empty: retype the value in the workbook`,
      );
      return undefined;
    }
    const kind = this.context.dateStyles.get(this.style);
    if (kind === undefined) return value + 0;
    return serialToIso(value, kind, this.context.date1904) ?? value + 0;
  }

  /** A date cell (`t="d"`) holds ISO 8601 already; a date-only style keeps its day. */
  private isoDate(text: string): string {
    return this.context.dateStyles.get(this.style) === 'date' ? text.slice(0, 10) : text;
  }

  private problem(ruleId: CellProblem['ruleId'], message: string): void {
    this.context.onProblem({ ruleId, row: this.row, column: this.column, message: `this cell ${message}` });
  }
}
