/**
 * Which format a file holds: by its name where the extension says, else by its first
 * characters. Shared by the item readers and `validate`, and cheap: no parsing.
 */
import { extname } from 'node:path';

export const ITEM_FORMATS = ['csv', 'tsv', 'yaml', 'json', 'jsonl', 'xlsx'] as const;
export type ItemFormat = (typeof ITEM_FORMATS)[number];

/** The format a file's extension names, if it names one. */
export function formatFromName(path: string): ItemFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.tsv':
    case '.tab':
      return 'tsv';
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.xlsx':
    case '.xlsm':
      return 'xlsx';
    default:
      return undefined;
  }
}

/**
 * A workbook by its first bytes, for input with no telling name: an .xlsx file is a zip, and
 * a password-protected workbook or an old .xls file is an OLE compound file (the workbook
 * reader says which cannot be read). `undefined` for anything else, which is text.
 */
export function sniffBytes(head: Uint8Array): 'xlsx' | undefined {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole ? 'xlsx' : undefined;
}

/** Guess the format of text with no telling name (standard input, `backlog.txt`). */
export function sniffFormat(text: string): ItemFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
    return firstLine.trimEnd().endsWith('}') ? 'jsonl' : 'json';
  }
  // A document start, a list item, a comment, or `key:` (not a CSV header, which has commas).
  if (/^(?:---|-\s|#|[A-Za-z_"'][^,\n]*:(?:\s|$))/.test(start)) return 'yaml';
  return 'csv';
}
