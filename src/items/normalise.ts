/**
 * Turn a raw record (strings from CSV, typed values from YAML or JSON) into a WorkItem,
 * by the principle set's `fields`. Empty means unknown, never zero. A value that cannot be
 * read is a problem naming the field, at its line and column.
 */
import { createHash } from 'node:crypto';
import { canonicalId } from '../core/ids.js';
import type { FieldSpec, FieldValue, WorkItem } from '../core/types.js';
import type { Severity } from '../findings.js';
import type { RuleId } from '../rule-ids.js';
import type { IdScheme } from './ids.js';

export type { IdScheme } from './ids.js';

/** One record as a reader produced it, with a way to find where each field came from. */
export interface RawRecord {
  /** Values by (already mapped) field name; a null-prototype object. */
  values: Record<string, unknown>;
  /** Line where the record starts (1-based). */
  line: number;
  /** Line and column of a field's value, computed only when asked. */
  locate(field: string): { line: number; column: number };
  /**
   * The same values as cells in column order, named by `columns` (shared by every record of
   * a file): CSV records offer them so the normaliser need not build `values` at all.
   */
  readonly cells?: readonly unknown[];
  readonly columns?: ReadonlyArray<string | undefined>;
  /** The worksheet a workbook record comes from: messages then name the cell (`Sheet1!C7`). */
  readonly sheet?: string;
}

export interface ItemProblem {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  field?: string;
  line: number;
  column: number;
}

/** A value that could not be read: what is wrong with it, and what would fix it. */
class Invalid {
  constructor(
    readonly what: string,
    readonly fix?: string,
  ) {}

  get message(): string {
    return this.fix === undefined ? this.what : `${this.what}: ${this.fix}`;
  }
}

type FieldReader = (raw: unknown) => FieldValue | Invalid;

export interface Normaliser {
  /** The item a record makes, or none when it has an error; its problems, warnings included. */
  normalise(record: RawRecord, file: string): { item: WorkItem | undefined; problems: ItemProblem[] };
  /** Field names the principle set declares. */
  readonly known: ReadonlySet<string>;
  /** Fields every item must have, and so every file a column for (id given by `ids` excepted). */
  readonly required?: readonly string[];
  /** How items get their ids when the file has none (`--ids`). */
  readonly ids?: IdScheme;
}

export interface NormaliserOptions {
  ids?: IdScheme;
  /** Read a value that does not fit its field as unknown, with a warning, instead of leaving the item out. */
  lenient?: boolean;
}

/**
 * The prototype of item values: no properties and no prototype of its own, so a field named
 * `toString` or `constructor` is just a field. Objects made from it stay in V8's fast form;
 * `Object.create(null)` makes a dictionary, three times slower to fill, for every item.
 */
const NO_PROTOTYPE: object = Object.freeze(Object.create(null) as object);

function emptyValues<T>(): Record<string, T> {
  return Object.create(NO_PROTOTYPE) as Record<string, T>;
}

/** Shared by every valid item, so the common case allocates no problem list. */
const NO_PROBLEMS: ItemProblem[] = Object.freeze([]) as unknown as ItemProblem[];

/** Prepare one reader per declared field, once per run. */
export function createNormaliser(fields: ReadonlyMap<string, FieldSpec>, options: NormaliserOptions = {}): Normaliser {
  const readers = new Map<string, FieldReader>();
  for (const [name, spec] of fields) readers.set(name, fieldReader(name, spec));
  const known: ReadonlySet<string> = new Set(fields.keys());
  const required = [...fields].filter(([, spec]) => spec.required).map(([name]) => name);
  const ids = options.ids === undefined ? undefined : new IdMaker(options.ids);
  const lenient = options.lenient === true;
  // The readers of a file's columns, found once per file rather than once per cell.
  let planColumns: ReadonlyArray<string | undefined> | undefined;
  let plan: Array<FieldReader | undefined> = [];
  const planFor = (columns: ReadonlyArray<string | undefined>): Array<FieldReader | undefined> => {
    if (columns !== planColumns) {
      plan = columns.map((name) => (name === undefined ? undefined : readers.get(name)));
      planColumns = columns;
    }
    return plan;
  };

  function normalise(record: RawRecord, file: string): { item: WorkItem | undefined; problems: ItemProblem[] } {
    const values = emptyValues<FieldValue>();
    const extra = emptyValues<string>();
    let problems: ItemProblem[] | undefined;
    let errors = false;
    let unread: string[] | undefined;
    const read = (name: string, raw: unknown, reader: FieldReader | undefined): void => {
      if (reader === undefined) {
        const text = passThrough(raw);
        if (text !== undefined) extra[name] = text;
        return;
      }
      const value = reader(raw);
      if (value instanceof Invalid) {
        const at = record.locate(name);
        if (lenient) {
          (unread ??= []).push(name);
          (problems ??= []).push({
            ruleId: 'item/invalid-value',
            severity: 'warning',
            message: `${value.what}, so it is read as unknown (--lenient)`,
            field: name,
            line: at.line,
            column: at.column,
          });
        } else {
          errors = true;
          (problems ??= []).push({ ruleId: 'item/invalid-value', severity: 'error', message: value.message, field: name, line: at.line, column: at.column });
        }
      } else if (value !== undefined) values[name] = value;
    };

    const { cells, columns } = record;
    if (cells !== undefined && columns !== undefined) {
      const readersByColumn = planFor(columns);
      for (let k = 0; k < columns.length; k++) {
        const name = columns[k];
        if (name !== undefined) read(name, cells[k], readersByColumn[k]);
      }
    } else {
      for (const name in record.values) read(name, record.values[name], readers.get(name));
    }
    if (ids !== undefined) {
      const given = ids.give(values, extra);
      if (given.own) {
        const at = record.locate('id');
        errors = true;
        (problems ??= []).push({
          ruleId: 'item/invalid-value',
          severity: 'error',
          message: `this item has an id of its own ("${shorten(given.own)}"), and --ids ${ids.scheme} would replace it: leave out --ids, or map its id column to another field`,
          field: 'id',
          line: at.line,
          column: at.column,
        });
      }
    }
    for (const name of required) {
      if (values[name] === undefined && !problems?.some((p) => p.field === name && p.severity === 'error')) {
        errors = true;
        const at = record.locate(name);
        (problems ??= []).push({
          ruleId: 'item/missing-required',
          severity: 'error',
          message: `"${name}" is required but empty: give every item ${name === 'id' ? 'a unique id' : `a ${name}`}`,
          field: name,
          line: at.line,
          column: at.column,
        });
      }
    }
    if (errors) return { item: undefined, problems: problems ?? NO_PROBLEMS };
    // One id however its accents are stored: NFC and NFD `CAFÉ-1` are the same item.
    if (typeof values['id'] === 'string') values['id'] = canonicalId(values['id']);
    const item: WorkItem = {
      id: values['id'] as string,
      title: values['title'] as string,
      values,
      extra,
      source: { file, line: record.line },
      ...(unread ? { unread } : {}),
    };
    return { item, problems: problems ?? NO_PROBLEMS };
  }

  return { normalise, known, required, ...(options.ids !== undefined ? { ids: options.ids } : {}) };
}

/** Characters of a hash id: 8 hex digits, 32 bits, so two of 10,000 different items share one about once in 86 runs. */
const HASH_ID_LENGTH = 8;

/**
 * Gives ids to the records of a run, in the order they are read. Every record counts, valid or
 * not, so that one bad row does not shift the ids of the rows after it.
 */
class IdMaker {
  private rows = 0;
  /** How many records so far had each hash, for the suffixes that keep ids unique. */
  private readonly hashes = new Map<string, number>();

  constructor(readonly scheme: IdScheme) {}

  /** Set `values.id`; a record that has an id of its own keeps it, and says so. */
  give(values: Record<string, FieldValue>, extra: Readonly<Record<string, string>>): { own?: string } {
    this.rows++;
    const own = values['id'];
    if (typeof own === 'string') return { own };
    if (this.scheme === 'row') {
      values['id'] = String(this.rows);
      return {};
    }
    const title = values['title'];
    if (typeof title !== 'string') return {};
    const description = values['description'] ?? extra['description'];
    const hash = hashId(title, typeof description === 'string' ? description : '');
    const seen = (this.hashes.get(hash) ?? 0) + 1;
    this.hashes.set(hash, seen);
    values['id'] = seen === 1 ? hash : `${hash}-${seen}`;
    return {};
  }
}

/**
 * The first hex digits of the SHA-256 of the title, a line feed and the description, each
 * in Unicode NFC with its spaces and line breaks made single spaces and trimmed: an export
 * saved again with other line endings or trailing spaces keeps its ids.
 */
export function hashId(title: string, description: string): string {
  const text = `${tidy(title)}\n${tidy(description)}`;
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, HASH_ID_LENGTH);
}

function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function fieldReader(name: string, spec: FieldSpec): FieldReader {
  switch (spec.type) {
    case 'string':
    case 'text':
      return (raw) => readText(name, raw);
    case 'enum': {
      const allowed = new Map((spec.values ?? []).map((v) => [v.toLowerCase(), v]));
      const list = (spec.values ?? []).join(', ');
      return (raw) => {
        const text = readText(name, raw);
        if (text === undefined || text instanceof Invalid) return text;
        const value = allowed.get(text.toLowerCase());
        return value ?? new Invalid(`${name} "${text}" is not one of ${list}`, 'use one of them, or leave it empty if unknown');
      };
    }
    case 'number':
    case 'integer':
      return (raw) => readNumber(name, raw, spec);
    case 'boolean':
      return (raw) => readBoolean(name, raw);
    case 'list': {
      const separator = spec.separator ?? ';';
      const allowed = spec.values ? new Set(spec.values.map((v) => v.toLowerCase())) : undefined;
      return remembered((raw) => readList(name, raw, separator, allowed, spec.values));
    }
  }
}

/** Distinct cells a field remembers the reading of; past this, cells are read each time. */
const REMEMBERED_CELLS = 4096;

/**
 * A reader that remembers what it made of each text. List columns repeat the same few cells
 * row after row (`council;ccg`), and reading one means lower-casing, splitting and checking
 * it; the lists made are frozen, since every item with that cell shares one.
 */
function remembered(read: FieldReader): FieldReader {
  const cells = new Map<string, FieldValue | Invalid>();
  return (raw) => {
    if (typeof raw !== 'string') return read(raw);
    const known = cells.get(raw);
    if (known !== undefined || cells.has(raw)) return known;
    const value = read(raw);
    if (cells.size < REMEMBERED_CELLS) cells.set(raw, Array.isArray(value) ? Object.freeze(value) : value);
    return value;
  };
}

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function readText(name: string, raw: unknown): string | undefined | Invalid {
  if (typeof raw === 'string') {
    const text = raw.trim();
    return text === '' ? undefined : text;
  }
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return new Invalid(`${name} must be text, not ${kindOf(raw)}`, 'write it as a single value');
}

// Plain decimals, with thousands separators and a leading currency sign allowed, as exports write them.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[£$€]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const CURRENCY_NUMBER = /^[£$€]\d+(?:\.\d+)?$/;

function readNumber(name: string, raw: unknown, spec: FieldSpec): number | undefined | Invalid {
  if (isEmpty(raw)) return undefined;
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const text = raw.trim();
    if (PLAIN_NUMBER.test(text)) value = Number(text);
    else if (GROUPED_NUMBER.test(text) || CURRENCY_NUMBER.test(text)) value = Number(text.replace(/[£$€,]/g, ''));
    else return new Invalid(`${name} "${shorten(text)}" is not a number`, 'write digits such as 12 or 4.5, or leave it empty if unknown');
  } else {
    return new Invalid(`${name} must be a number, not ${kindOf(raw)}`);
  }
  if (!Number.isFinite(value)) return new Invalid(`${name} must be a finite number`);
  // -0 is 0: written as data (JSON, a sort file) it would come back as 0 and read differently.
  value += 0;
  if (spec.type === 'integer' && !Number.isInteger(value)) {
    return new Invalid(`${name} ${value} must be a whole number`);
  }
  if (spec.min !== undefined && value < spec.min) {
    return new Invalid(`${name} ${value} is below the minimum ${spec.min}`, range(spec));
  }
  if (spec.max !== undefined && value > spec.max) {
    return new Invalid(`${name} ${value} is above the maximum ${spec.max}`, range(spec));
  }
  return value;
}

function range(spec: FieldSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `give a value from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return `give ${spec.min} or more`;
  return `give ${spec.max} or less`;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

function readBoolean(name: string, raw: unknown): boolean | undefined | Invalid {
  if (isEmpty(raw)) return undefined;
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return new Invalid(`${name} "${shorten(raw.trim())}" is not yes or no`, 'write true/false or yes/no, or leave it empty if unknown');
  }
  return new Invalid(`${name} must be true or false, not ${kindOf(raw)}`);
}

function readList(
  name: string,
  raw: unknown,
  separator: string,
  allowed: ReadonlySet<string> | undefined,
  allowedList: readonly string[] | undefined,
): readonly string[] | undefined | Invalid {
  const parts = listParts(name, raw, separator);
  if (parts === undefined || parts instanceof Invalid) return parts;
  const entries: string[] = [];
  for (const entry of parts) {
    if (entry === '') continue;
    if (allowed && !allowed.has(entry)) {
      return new Invalid(`${name} "${shorten(entry)}" is not one of ${allowedList?.join(', ')}`, `use those words, separated by "${separator}"`);
    }
    if (!entries.includes(entry)) entries.push(entry);
  }
  return entries.length > 0 ? entries : undefined;
}

/** The trimmed, lower-case entries of a list cell or array, before they are checked. */
function listParts(name: string, raw: unknown, separator: string): string[] | Invalid | undefined {
  if (typeof raw === 'string') {
    // Lists are read on every row: a cell is lower-cased once, not entry by entry.
    const lowerFirst = separator === separator.toLowerCase();
    const parts = (lowerFirst ? raw.toLowerCase() : raw).split(separator);
    for (let k = 0; k < parts.length; k++) parts[k] = lowerFirst ? (parts[k] as string).trim() : (parts[k] as string).trim().toLowerCase();
    return parts;
  }
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number' || typeof raw === 'boolean') return [String(raw).toLowerCase()];
  if (!Array.isArray(raw)) return new Invalid(`${name} must be a list, not ${kindOf(raw)}`);
  const parts: string[] = [];
  for (const part of raw as unknown[]) {
    if (typeof part !== 'string' && typeof part !== 'number' && typeof part !== 'boolean') {
      return new Invalid(`${name} entries must be words, not ${kindOf(part)}`);
    }
    parts.push(String(part).trim().toLowerCase());
  }
  return parts;
}

/** Undeclared columns are kept as text so outputs can pass them through. */
function passThrough(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return JSON.stringify(raw);
}

function kindOf(raw: unknown): string {
  if (Array.isArray(raw)) return 'a list';
  if (raw !== null && typeof raw === 'object') return 'a mapping';
  return typeof raw;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
