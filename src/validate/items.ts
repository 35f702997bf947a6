/**
 * Item files under `validate`: every record normalised against the principle set's fields,
 * ids unique across all the files given, columns the set does not declare reported as
 * warnings, and a file the reader cannot go on with (bad syntax, a ragged row) turned into a
 * finding at its position instead of ending the run.
 */
import { canonicalId } from '../core/ids.js';
import type { WorkItem } from '../core/types.js';
import { TriageError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { Encoding } from '../io/decode.js';
import type { YamlProblem } from '../io/yaml.js';
import type { ColumnMapping } from '../items/mapping.js';
import type { Normaliser, RawRecord } from '../items/normalise.js';
import { readRecordBatches, type ReadItemsOptions, type WorkbookChoice } from '../items/read.js';
import { inSheet } from '../items/xlsx/strings.js';
import { findingFromError } from './file-errors.js';
import type { LookAlikeIds } from './look-alike.js';
import type { SourceFormat } from './rules.js';
import { closest } from './suggest.js';

export interface ItemSource {
  /** Path to read, or `-` with `stdin` holding the bytes. */
  path: string;
  file: string;
  format: SourceFormat;
  stdin?: NodeJS.ReadableStream;
  /** The text, for files read whole: lets a YAML syntax error be reported in full. */
  text?: string;
}

/** Where an id was first seen, and its item when that record was valid. */
export interface SeenId {
  id: string;
  file: string;
  line: number;
  column: number;
  item: WorkItem | undefined;
}

export interface ItemsContext {
  normaliser: Normaliser;
  /** Report columns the set does not declare; off when the set itself could not be read. */
  unknownColumns: boolean;
  /** Every id met so far, across all item files. */
  ids: Map<string, SeenId>;
  /** The same ids by what they look like, for look-alike and invisible-character warnings. */
  lookAlikes: LookAlikeIds;
  /** Keep each valid item with its id (for stale decisions); off, memory stays small. */
  keepItems: boolean;
  /** Fields the principle set reads: a file with no column for some is warned about. */
  reads?: readonly string[];
}

/**
 * How item files are read, as `score` reads them: `--relax`, `--delimiter`, `--encoding` and
 * the column mapping (`--map`, `--config`), so a file is checked as it will be scored.
 */
export interface ItemReading {
  relax: boolean;
  delimiter?: string;
  encoding?: Encoding;
  mapping?: ColumnMapping;
  workbook?: WorkbookChoice;
}

/** Check one item file; findings come back in the order they were met. */
export async function checkItemFile(source: ItemSource, context: ItemsContext, reading: ItemReading = { relax: false }): Promise<Finding[]> {
  const findings: Finding[] = [];
  const unknown = new UnknownColumns(source.file, context);
  let sawHeader = false;
  const options: ReadItemsOptions = {
    normaliser: context.normaliser,
    format: source.format,
    csv: { relax: reading.relax, ...(reading.delimiter ? { delimiter: reading.delimiter } : {}) },
    ...(reading.encoding ? { encoding: reading.encoding } : {}),
    ...(reading.mapping ? { mapping: reading.mapping } : {}),
    ...(reading.workbook ? { workbook: reading.workbook } : {}),
    ...(source.stdin ? { stdin: source.stdin } : {}),
    ...(context.reads ? { reads: context.reads } : {}),
    onProblem: (problem) => findings.push({ ...problem, file: source.file }),
    onHeader: (columns) => {
      sawHeader = true;
      for (const column of columns) unknown.note(column.field, column);
    },
  };
  // Files with a header row: their columns are noted once, from it.
  const csvFile = source.format === 'csv' || source.format === 'tsv' || source.format === 'xlsx';
  let records = 0;
  try {
    // Batches, as the reader makes them: one step per chunk rather than per record.
    reading: for await (const batch of readRecordBatches(source.path, source.file, options)) {
      for (const record of batch) {
        records++;
        // CSV columns were noted once, from the header; other formats name keys per record.
        if (!csvFile) for (const key of Object.keys(record.values)) unknown.note(key, () => record.locate(key));
        checkRecord(record, source.file, context, findings);
        if (findings.length >= MAX_FILE_FINDINGS) {
          findings.push(tooManyFindings(source.file, record.line));
          break reading;
        }
      }
    }
  } catch (error) {
    for (const finding of fileProblems(source, error)) findings.push(finding);
  }
  if (csvFile && !sawHeader && records === 0 && findings.length === 0) {
    findings.push(noHeader(source.file));
  }
  return [...unknown.findings, ...findings];
}

/**
 * Findings listed for one item file before checking it stops. A file that is wrong on every
 * line (the wrong export, the wrong delimiter) says so in its first findings; millions more
 * would only exhaust memory and bury them.
 */
export const MAX_FILE_FINDINGS = 1000;

function tooManyFindings(file: string, line: number): Finding {
  return {
    ruleId: 'file/too-many-problems',
    severity: 'error',
    message: `more than ${MAX_FILE_FINDINGS.toLocaleString('en-GB')} problems, so checking stopped at this item: fix the first ones (is this the file, the delimiter and the mapping you meant?) and run again`,
    file,
    line,
    column: 1,
  };
}

/**
 * The findings a reader's error stands for: every problem of a YAML file that does not parse,
 * each with its own rule id (yaml/alias, ...), else the one the error names.
 */
function fileProblems(source: ItemSource, error: unknown): Finding[] {
  const problems = (error as { problems?: unknown }).problems;
  if (error instanceof TriageError && Array.isArray(problems)) {
    return (problems as YamlProblem[]).map((problem) => ({ ...problem, severity: 'error' as const, file: source.file }));
  }
  return [findingFromError(error, source.file, source.format)];
}

/** Normalise one record and check its id against every id seen so far. */
function checkRecord(record: RawRecord, file: string, context: ItemsContext, findings: Finding[]): void {
  const { item, problems } = context.normaliser.normalise(record, file);
  // An invalid item still has an id worth checking, so one run shows every mistake.
  const id = item?.id ?? rawId(rawValue(record, 'id'));
  // A value's message names the field and the value, not the item: the id says which item.
  for (const problem of problems) findings.push(inSheet({ ...problem, file, ...(id !== undefined ? { subject: id } : {}) }, record.sheet));
  if (id === undefined) return;
  const at = record.locate('id');
  const first = context.ids.get(id);
  if (first) {
    findings.push(
      inSheet(
        {
          ruleId: 'item/duplicate-id',
          severity: 'error',
          message: `id "${id}" is used twice (first at ${first.file}:${first.line}:${first.column}): give each item its own id`,
          file,
          line: at.line,
          column: at.column,
          related: [{ file: first.file, line: first.line, column: first.column, message: `first item with id "${id}"` }],
        },
        record.sheet,
      ),
    );
    return;
  }
  const seen: SeenId = { id, file, line: at.line, column: at.column, item: context.keepItems ? item : undefined };
  context.ids.set(id, seen);
  context.lookAlikes.check(seen, findings);
}

/** A field's value as read; CSV records may carry cells by column instead of `values`. */
function rawValue(record: RawRecord, field: string): unknown {
  const { cells, columns } = record as { cells?: readonly unknown[]; columns?: ReadonlyArray<string | undefined> };
  if (cells !== undefined && columns !== undefined) {
    const k = columns.indexOf(field);
    return k === -1 ? undefined : cells[k];
  }
  return record.values[field];
}

function rawId(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return id === '' ? undefined : canonicalId(id);
}

/** Columns (or keys) the principle set does not declare: one warning per name per file, where first seen. */
class UnknownColumns {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly context: ItemsContext,
  ) {}

  note(name: string, where: { line: number; column: number } | (() => { line: number; column: number })): void {
    if (!this.context.unknownColumns || this.context.normaliser.known.has(name) || this.seen.has(name)) return;
    this.seen.add(name);
    const { line, column } = typeof where === 'function' ? where() : where;
    const near = closest(name, this.context.normaliser.known);
    const fix = near
      ? `if it means "${near}", rename it; otherwise declare it under fields in the principle set`
      : 'declare it under fields in the principle set to have it checked, or remove it';
    this.findings.push({
      ruleId: 'item/unknown-column',
      severity: 'warning',
      message: `"${name}" is not a field the principle set declares, so its values pass through unchecked: ${fix}`,
      file: this.file,
      line,
      column,
    });
  }
}

function noHeader(file: string): Finding {
  return {
    ruleId: 'file/empty',
    severity: 'error',
    message: `${file} has no header row and no items: add a header row (id,title,...) and one row per item`,
    file,
    line: 1,
    column: 1,
  };
}
