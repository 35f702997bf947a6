/**
 * The Items sheet's columns: those of `-f csv`, in its order, with typed values (scores as
 * numbers, flags as booleans, empty as no cell at all), then the kept item columns, typed as
 * the principle set declares them. Widths follow what the column holds.
 */
import type { Policy } from '../core/compile.js';
import type { AssessedItem } from '../core/types.js';
import { ASSESSMENT_COLUMNS, assessmentCells, keptCell } from './columns.js';
import { MAX_CELL_TEXT, Style, type Cell } from './xlsx-xml.js';

const NUMBERS: ReadonlySet<string> = new Set(['alignment', 'transformation', 'confidence']);
const BOOLEANS: ReadonlySet<string> = new Set(['overridden', 'stale']);

/** Narrowest and widest column, in characters. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

export class ItemColumns {
  readonly names: readonly string[];
  readonly styles: readonly Style[];
  private readonly widest: number[];
  /** Cells cut to Excel's limit. */
  cut = 0;

  constructor(
    private readonly policy: Policy,
    private readonly kept: readonly string[],
  ) {
    this.names = uniqueNames([...ASSESSMENT_COLUMNS, ...kept]);
    this.styles = this.names.map((name) => (name === 'confidence' ? Style.decimal : Style.normal));
    // Room for the name and the table's filter button.
    this.widest = this.names.map((name) => name.length + 3);
  }

  /** One item's cells, in column order. */
  cells({ item, assessment }: AssessedItem): Cell[] {
    const text = assessmentCells(assessment);
    const cells: Cell[] = [];
    for (let k = 0; k < ASSESSMENT_COLUMNS.length; k++) cells.push(this.fit(k, typed(ASSESSMENT_COLUMNS[k] as string, text[k] as string)));
    this.kept.forEach((name, j) => {
      const value = item.values[name];
      const cell = typeof value === 'number' || typeof value === 'boolean' ? value : keptCell(item, name, this.policy);
      cells.push(this.fit(ASSESSMENT_COLUMNS.length + j, cell === '' ? null : cell));
    });
    return cells;
  }

  /** Column widths for what has been seen so far. */
  widths(): number[] {
    return this.widest.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)) + 1);
  }

  /** Note the cell's width, and cut text longer than a cell may hold. */
  private fit(k: number, cell: Cell): Cell {
    if (cell === null) return cell;
    const length = typeof cell === 'string' ? cell.length : String(cell).length;
    if (length > (this.widest[k] as number)) this.widest[k] = length;
    if (typeof cell === 'string' && cell.length > MAX_CELL_TEXT) {
      this.cut++;
      return cell.slice(0, MAX_CELL_TEXT);
    }
    return cell;
  }
}

/** A CSV cell's text as the value it stands for. */
function typed(column: string, text: string): Cell {
  if (text === '') return null;
  if (NUMBERS.has(column)) return Number(text);
  if (BOOLEANS.has(column)) return text === 'true';
  return text;
}

/**
 * Column names a table accepts: unique ignoring case (Excel's rule), so `Owner` kept beside
 * `owner` becomes `Owner (2)`.
 */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}
