/**
 * Read each input far enough to know what it is: CSV, TSV, JSONL and Excel workbooks by name alone (they are
 * streamed later); YAML, JSON and standard input whole, with a size cap and strict UTF-8
 * (or, for item files, the encoding `--encoding` gives).
 * Problems with the content (empty, too large, not UTF-8) are findings; a file that cannot
 * be read at all throws (exit 2). Nothing here loads a parser.
 */
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { TriageError } from '../errors.js';
import type { Finding } from '../findings.js';
import { decodeChunks, type Encoding } from '../io/decode.js';
import { TooLargeError, decodeUtf8, fileError, readBytes } from '../io/read.js';
import { MAX_WHOLE_FILE_BYTES } from '../items/read.js';
import type { Input } from './expand.js';
import { formatFromName, sniffBytes, sniffFormat } from '../items/format.js';
import { isItemsOnly, kindOfDocument, type DetectedKind } from './kinds.js';
import type { SourceFormat } from './rules.js';

export interface Source extends Input {
  kind: DetectedKind;
  format: SourceFormat;
  /** The bytes and text, for files read whole; absent for files streamed later. */
  bytes?: Buffer;
  text?: string;
  /** A problem that stops any further check of this file. */
  problem?: Finding;
}

/**
 * Read an input far enough to tell its kind. `encoding` (`--encoding`) is that of item files:
 * a file read whole that is not UTF-8 is read in it, and checked further if it holds items
 * (principle sets and decisions files are UTF-8, as `score` reads them).
 */
export async function loadSource(input: Input, stdin: NodeJS.ReadableStream | undefined, encoding?: Encoding): Promise<Source> {
  const named = formatFromName(input.path);
  const guess: DetectedKind = input.principles ? 'principles' : 'items';
  if (input.path !== '-' && !input.principles && isItemsOnly(named)) {
    const source: Source = { ...input, kind: 'items', format: named as SourceFormat };
    return (await isEmptyFile(input.path)) ? { ...source, problem: empty(input.file, guess) } : source;
  }
  const bytes = await readWhole(input, stdin);
  if (bytes instanceof TriageError) {
    return { ...input, kind: guess, format: named ?? 'yaml', problem: tooLarge(input.file, bytes) };
  }
  // A workbook (from standard input, or under a name that does not say) is binary: items, read by the workbook reader.
  if (!input.principles && (named === 'xlsx' || sniffBytes(bytes) === 'xlsx')) return { ...input, kind: 'items', format: 'xlsx', bytes };
  let text: string;
  let notUtf8Error: TriageError | undefined;
  try {
    text = decodeUtf8(bytes, input.file);
  } catch (error) {
    notUtf8Error = error as TriageError;
    if (encoding === undefined || input.principles) return { ...input, kind: guess, format: named ?? 'yaml', problem: notUtf8(input.file, notUtf8Error) };
    text = await decodeWith(bytes, input.file, encoding);
  }
  const format = named ?? sniffFormat(text);
  if (text.trim() === '') return { ...input, kind: guess, format, problem: empty(input.file, guess) };
  const kind = input.principles ? 'principles' : format === 'yaml' || format === 'json' ? kindOfDocument(text, format) : 'items';
  if (notUtf8Error && kind !== 'items') return { ...input, kind, format: 'yaml', problem: notUtf8(input.file, notUtf8Error) };
  // A principle set is always read as YAML (JSON being a subset), whatever its name says.
  return { ...input, kind, format: kind === 'principles' || kind === 'decisions' ? 'yaml' : format, bytes, text };
}

/** Text in the encoding `--encoding` names. */
async function decodeWith(bytes: Buffer, file: string, encoding: Encoding): Promise<string> {
  let text = '';
  for await (const chunk of decodeChunks(Readable.from([bytes]), file, encoding)) text += chunk;
  return text;
}

/**
 * A regular file of no bytes. A device or a pipe reports size 0 whatever it holds (a link to
 * /dev/zero never ends): it is read, and judged by what it gives.
 */
async function isEmptyFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return info.isFile() && info.size === 0;
  } catch (error) {
    throw fileError(error, path, 'file');
  }
}

/** The whole content, or the too-large error (a finding, not a failure). */
async function readWhole(input: Input, stdin: NodeJS.ReadableStream | undefined): Promise<Buffer | TriageError> {
  // Principle sets have a lower limit, checked once the file is known to be one.
  const maxBytes = MAX_WHOLE_FILE_BYTES;
  const options =
    input.path === '-'
      ? { what: 'file', maxBytes, ...(stdin ? { stdin } : {}) }
      : { what: 'file read whole', maxBytes, tooLargeHint: 'large backlogs stream as CSV or JSONL: convert it to one of those' };
  try {
    return await readBytes(input.path, options);
  } catch (error) {
    if (error instanceof TooLargeError) return error;
    throw error;
  }
}

function notUtf8(file: string, error: TriageError): Finding {
  const message = `${error.message}${error.hint ? `; ${error.hint}` : ''}`;
  const at = { line: error.position?.line ?? 1, column: error.position?.column ?? 1 };
  return { ruleId: 'file/encoding', severity: 'error', message, file, ...at };
}

function tooLarge(file: string, error: TriageError): Finding {
  const message = `${error.message}${error.hint ? `; ${error.hint}` : ''}`;
  return { ruleId: 'file/too-large', severity: 'error', message, file, line: 1, column: 1 };
}

function empty(file: string, kind: DetectedKind): Finding {
  const hint =
    kind === 'principles'
      ? 'a principle set needs version, organisation, routes, fields, principles, transformation and routing'
      : 'an item file needs a header row (CSV) or a list of items (YAML, JSON)';
  return { ruleId: 'file/empty', severity: 'error', message: `${file} is empty; ${hint}`, file, line: 1, column: 1 };
}
