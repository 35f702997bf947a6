/**
 * Options for reading someone else's export: a column mapping, a config file holding the
 * recurring options, the delimiter and the encoding. Added to every command that reads
 * items; kept light, since main.ts imports it at start-up (the config file's YAML is
 * loaded only when a config is given).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { TriageError, type Position } from '../errors.js';
import { ENCODINGS, parseEncoding } from '../io/decode.js';
import { ID_SCHEMES, type IdScheme } from '../items/ids.js';
import type { WorkbookChoice } from '../items/xlsx/options.js';
import type { Io } from './io.js';

/** The delimiters `--delimiter` accepts, by the names people write them with. */
const DELIMITERS: Readonly<Record<string, string>> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
};

/**
 * What a config file gives a command that reads items only to check them (`validate`): how to
 * read them, and the principle set. The rest of a config is a scoring job's own.
 */
export const READING_KEYS: ReadonlySet<string> = new Set(['principles', 'map', 'delimiter', 'encoding', 'relax', 'sheet', 'header-row', 'ids', 'lenient']);

/**
 * Add --map, --config, --delimiter, --encoding, --sheet, --header-row, --ids and --lenient, and apply a config file before the action
 * runs; with `configTakes`, only those keys of the config (see applyConfig).
 */
export function addItemInputOptions(command: Command, io: Io, configTakes?: ReadonlySet<string>): Command {
  return command
    .option('--map <field=column,...>', 'read these columns as these fields, e.g. title=project_name; repeatable', collect, [])
    .option('--config <file>', 'a YAML file of options for this command (the mapping, delimiter, encoding, ...); flags given win')
    .option('--delimiter <char>', 'CSV field delimiter: , ; tab or | (default: read from the header line)', parseDelimiter)
    .option('--encoding <name>', `encoding of the item files: ${ENCODINGS.join(', ')} (default: UTF-8, or UTF-16LE by its mark)`, parseEncodingOption)
    .option('--sheet <name|n>', 'the sheet of an Excel workbook to read: its name, or its tab number from 1 (default: the first visible sheet)')
    .option('--header-row <n>', 'the row of a workbook sheet that names the columns (default: the first row with two or more values)', parseRow)
    .option(
      '--ids <how>',
      'give items ids when the file has none: row (the record number, 1, 2, ...) or hash (a short hash of the title and description, kept when rows move)',
      parseIds,
    )
    .option(
      '--lenient',
      'read a value that does not fit its field (text in a number column, a word not allowed) as unknown, with a warning, instead of leaving the item out',
    )
    .hook('preAction', async (_command, action) => {
      const file = action.opts()['config'] as string | undefined;
      if (file !== undefined) await (await import('./config.js')).applyConfig(action, file, io, configTakes);
    });
}

/** `row` or `hash`. */
function parseIds(value: string): IdScheme {
  const scheme = ID_SCHEMES.find((s) => s === value.toLowerCase());
  if (scheme === undefined) throw new InvalidArgumentError(`use ${ID_SCHEMES.join(' or ')}`);
  return scheme;
}

/** `--sheet` and `--header-row`, as the workbook reader takes them. */
export function workbookChoice(options: { sheet?: string; headerRow?: number }): WorkbookChoice {
  return {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
  };
}

/** Repeated flags add up. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `;`, `tab`, `\t`, `|` or `,`, as one character. */
export function parseDelimiter(value: string): string {
  const delimiter = DELIMITERS[value] ?? DELIMITERS[value.toLowerCase()];
  if (delimiter === undefined) throw new InvalidArgumentError('use , ; tab or |');
  return delimiter;
}

/** A sheet row number: a whole number from 1 to Excel's last row. */
function parseRow(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1_048_576) throw new InvalidArgumentError('give a row number from 1 to 1048576');
  return n;
}

function parseEncodingOption(value: string): string {
  const encoding = parseEncoding(value);
  if (encoding === undefined) throw new InvalidArgumentError(`use one of ${ENCODINGS.join(', ')}`);
  return encoding;
}

/** Where each option a config file set was written, by command: errors found later point there. */
const configOrigins = new WeakMap<Command, Map<string, Position>>();

/** Note that the config set `option` (long name) at `position`. */
export function noteConfigOrigin(command: Command, option: string, position: Position): void {
  let origins = configOrigins.get(command);
  if (!origins) configOrigins.set(command, (origins = new Map<string, Position>()));
  origins.set(option, position);
}

/**
 * An error about an option's value, placed at the line of the config file that set it (the
 * value is the config's when the command line did not give one). Other errors pass unchanged.
 */
export function placeConfigError(command: Command, error: unknown): unknown {
  if (!(error instanceof TriageError) || error.option === undefined || error.position !== undefined) return error;
  const position = configOrigins.get(command)?.get(error.option);
  if (position === undefined) return error;
  return new TriageError(error.code, error.message, {
    position,
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    exitCode: error.exitCode,
    cause: error,
  });
}
