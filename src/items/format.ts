/**
 * Which format a file holds: by its name where the extension says, else by its first
 * characters. Shared by the item readers and `validate`, and cheap: no parsing.
 */
import { extname } from 'node:path';

export const ITEM_FORMATS = ['csv', 'tsv', 'yaml', 'json', 'jsonl'] as const;
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
    default:
      return undefined;
  }
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
