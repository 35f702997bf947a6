/**
 * Naming a CSV file's columns: the column mapping first (an export's `project_name` read as
 * `title`), then the declared field a header matches regardless of case, else the header's
 * own name. Two columns read under one name would lose one column's values, so that is an
 * error naming both, unless the mapping says which is which.
 */
import { TriageError } from '../errors.js';
import type { HeaderCell } from './csv.js';
import { RESERVED_NAMES, alternatives, columnRef, type ColumnMapping } from './mapping.js';

/** A field read from columns other than a column of its own: the first of them not empty. */
export interface DerivedColumn {
  name: string;
  /** Indexes of the header cells read, in order of preference. */
  sources: number[];
}

/** What a header's columns are read as. */
export interface ResolvedHeader {
  /** One name per column. */
  names: string[];
  /**
   * Fields a mapping reads from several columns (`dca=rating#2|rating#1`), or from a column
   * another field already reads (`id=Name,title=Name`).
   */
  derived: DerivedColumn[];
}

/** One name per column, for the CSV reader. Throws on an unusable header or mapping. */
export function resolveHeader(cells: HeaderCell[], file: string, known: ReadonlySet<string>, mapping: ColumnMapping): string[] {
  return resolveColumns(cells, file, known, mapping).names;
}

/** The name of each column, and the fields read from more than one column. Throws on an unusable header or mapping. */
export function resolveColumns(cells: HeaderCell[], file: string, known: ReadonlySet<string>, mapping: ColumnMapping): ResolvedHeader {
  cells.forEach((cell, k) => checkName(cell, k, file));
  const { chosen, derived } = chooseMapped(cells, file, mapping);
  const mentioned = new Set(Object.values(mapping).flatMap((source) => alternatives(source).map((part) => columnRef(part).name.toLowerCase())));
  const byLower = new Map<string, string>();
  for (const name of known) byLower.set(name.toLowerCase(), name);
  const occurrences = new Map<string, number>();
  const taken = new Map<string, number>();
  const names = cells.map((cell, k) => {
    const lower = cell.name.toLowerCase();
    const nth = (occurrences.get(lower) ?? 0) + 1;
    occurrences.set(lower, nth);
    // A repeated name the mapping speaks about: the columns it did not choose keep `name#n`.
    const repeated = mentioned.has(lower) && cells.filter((c) => c.name.toLowerCase() === lower).length > 1;
    const name = chosen.get(k) ?? (repeated ? `${cell.name}#${nth}` : (byLower.get(lower) ?? cell.name));
    const other = taken.get(name);
    if (other !== undefined) throw collision(cells, other, k, name, file);
    taken.set(name, k);
    return name;
  });
  for (const column of derived) {
    const k = taken.get(column.name);
    if (k === undefined) continue;
    const cell = cells[k] as HeaderCell;
    throw new TriageError(
      'usage',
      `the mapping reads "${column.name}" from ${sourceList(cells, column.sources)}, but column ${k + 1} ("${cell.name}") is read as "${column.name}" too`,
      {
        position: { file, line: cell.line, column: cell.column },
        hint: `rename that column, or map it to another field with --map, e.g. --map ${column.name}_original=${cell.name}`,
        option: 'map',
      },
    );
  }
  return { names, derived };
}

function sourceList(cells: HeaderCell[], sources: readonly number[]): string {
  return sources.map((k) => `column ${k + 1} ("${(cells[k] as HeaderCell).name}")`).join(' or ');
}

function checkName(cell: HeaderCell, k: number, file: string): void {
  const position = { file, line: cell.line, column: cell.column };
  if (cell.name === '') {
    throw new TriageError('syntax', `column ${k + 1} of the header has no name`, { position, hint: 'name the column, or remove it' });
  }
  if (RESERVED_NAMES.has(cell.name)) {
    throw new TriageError('syntax', `the column name "${cell.name}" is not allowed`, { position, hint: 'rename the column' });
  }
}

/**
 * Which column each mapping entry reads as its field (column index -> field), and the fields
 * read from several columns or from a column another field already has.
 */
function chooseMapped(cells: HeaderCell[], file: string, mapping: ColumnMapping): { chosen: Map<number, string>; derived: DerivedColumn[] } {
  const chosen = new Map<number, string>();
  const derived: DerivedColumn[] = [];
  for (const [field, source] of Object.entries(mapping)) {
    const sources = findSources(cells, source, file);
    const only = sources.length === 1 ? (sources[0] as number) : undefined;
    if (only !== undefined && !chosen.has(only)) chosen.set(only, field);
    else derived.push({ name: field, sources });
  }
  return { chosen, derived };
}

/**
 * The columns a source names: one, or with `a|b` each of those listed (a header that is
 * itself called `a|b` is that column).
 */
function findSources(cells: HeaderCell[], source: string, file: string): number[] {
  if (!source.includes('|')) return [findColumn(cells, source, file)];
  const whole = indexesWhere(cells, (name) => name.toLowerCase() === source.toLowerCase());
  if (whole.length === 1) return whole;
  const found: number[] = [];
  for (const part of alternatives(source)) {
    const k = findColumn(cells, part, file);
    if (!found.includes(k)) found.push(k);
  }
  return found;
}

/**
 * The column a mapping's source names: an exact header name first (a header may itself
 * contain `#`), then ignoring case; `name#n` picks among repeated names.
 */
function findColumn(cells: HeaderCell[], source: string, file: string): number {
  for (const exact of [true, false]) {
    const same = (name: string): boolean => (exact ? name === source : name.toLowerCase() === source.toLowerCase());
    const whole = indexesWhere(cells, same);
    if (whole.length === 1) return whole[0] as number;
    if (whole.length > 1) throw ambiguous(cells, whole, source, file);
  }
  const ref = columnRef(source);
  const named = indexesWhere(cells, (name) => name.toLowerCase() === ref.name.toLowerCase());
  if (ref.nth !== undefined && ref.nth <= named.length) return named[ref.nth - 1] as number;
  const first = cells[0];
  const position = { file, line: first?.line ?? 1, column: 1 };
  if (ref.nth !== undefined && named.length > 0) {
    throw new TriageError('usage', `the mapping asks for column "${source}", but the header has ${named.length} column(s) called "${ref.name}"`, {
      position,
      hint: `use ${ref.name}#1 ${named.length === 2 ? 'or' : 'to'} ${ref.name}#${named.length}`,
      option: 'map',
    });
  }
  throw new TriageError('usage', `the mapping names the column "${source}", which the header does not have`, {
    position,
    hint: `the columns are: ${cells.map((c) => c.name).join(', ')}`,
    option: 'map',
  });
}

function indexesWhere(cells: HeaderCell[], test: (name: string) => boolean): number[] {
  const found: number[] = [];
  cells.forEach((cell, k) => {
    if (test(cell.name)) found.push(k);
  });
  return found;
}

function ambiguous(cells: HeaderCell[], indexes: number[], source: string, file: string): TriageError {
  const [a, b] = indexes as [number, number];
  const cell = cells[b] as HeaderCell;
  return new TriageError('usage', `the mapping names the column "${source}", but columns ${a + 1} and ${b + 1} are both called that`, {
    position: { file, line: cell.line, column: cell.column },
    hint: `say which one with ${source}#1 or ${source}#2`,
    option: 'map',
  });
}

function collision(cells: HeaderCell[], first: number, second: number, name: string, file: string): TriageError {
  const a = cells[first] as HeaderCell;
  const b = cells[second] as HeaderCell;
  const same = a.name.toLowerCase() === b.name.toLowerCase();
  return new TriageError('syntax', `columns "${a.name}" (column ${first + 1}) and "${b.name}" (column ${second + 1}) are both read as "${name}"`, {
    position: { file, line: b.line, column: b.column },
    hint: same
      ? `rename one, or say which is which with --map, e.g. --map <field>=${b.name}#2 reads the second "${b.name}" as <field>`
      : 'rename one of them, or map one explicitly with --map',
  });
}
