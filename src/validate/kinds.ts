/**
 * Tell principle sets, item files and decisions files apart: by extension where it decides
 * (CSV, TSV, JSONL are always items), otherwise by the keys at the top of the document.
 * A cheap scan of the text, never a parse: detection must not cost what validation costs.
 */
import type { FileKind, SourceFormat } from './rules.js';

/** What a file is, or `other` for a mapping that holds none of our keys (a config, a schema). */
export type DetectedKind = FileKind | 'other';

/** Top-level keys only a principle set has. */
const PRINCIPLE_KEYS: ReadonlySet<string> = new Set(['routes', 'principles', 'transformation', 'routing', 'organisation']);

/** True when the format can only hold items, so the file need not be read to know its kind. */
export function isItemsOnly(format: SourceFormat | undefined): boolean {
  return format === 'csv' || format === 'tsv' || format === 'jsonl' || format === 'xlsx';
}

/** The kind of a YAML or JSON document, from its top-level keys. */
export function kindOfDocument(text: string, format: 'yaml' | 'json'): DetectedKind {
  const keys = format === 'json' ? jsonTopKeys(text) : yamlTopKeys(text);
  if (keys === undefined) return 'items'; // a list, or nothing yet: items (or a finding about them)
  if (keys.has('decisions')) return 'decisions';
  if ([...keys].some((key) => PRINCIPLE_KEYS.has(key))) return 'principles';
  // A principle set's test cases (`triage test`), not checked by validate for now.
  if (keys.has('tests')) return 'tests';
  if (keys.has('items')) return 'items';
  return 'other';
}

/**
 * Keys written at the start of a line with no indentation: the top-level keys of a block
 * mapping. `undefined` when the document is not a mapping (a list, or empty).
 */
function yamlTopKeys(text: string): Set<string> | undefined {
  const keys = new Set<string>();
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith('#') || line.startsWith('%') || line === '---' || /^\s/.test(line)) continue;
    if (line === '...') break;
    if (line.startsWith('- ') || line === '-' || line.startsWith('[')) return keys.size > 0 ? keys : undefined;
    if (line.startsWith('{')) return flowKeys(text);
    const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s|$)/.exec(line);
    const key = quoted ? (quoted[1] as string) : plainKey(line);
    if (key !== undefined) keys.add(unquote(key));
  }
  return keys.size > 0 ? keys : undefined;
}

/**
 * A plain key: the text before the line's first colon, when a space or the line's end follows
 * it and no comment starts before it. Found without a regex: a lazy pattern for it backtracks
 * quadratically on a long line of spaces.
 */
function plainKey(line: string): string | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  const next = line.charAt(colon + 1);
  if (next !== '' && next.trim() !== '') return undefined;
  const key = line.slice(0, colon);
  return key.includes('#') ? undefined : key;
}

/** Keys of a flow mapping `{ a: 1, b: 2 }` at the top of a document, roughly: enough to tell kinds. */
function flowKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const match of text.matchAll(/[{,]\s*("?)([A-Za-z_][\w-]*)\1\s*:/g)) keys.add(match[2] as string);
  return keys;
}

function unquote(key: string): string {
  if (key.startsWith('"') || key.startsWith("'")) return key.slice(1, -1);
  return key.trim();
}

/** Top-level keys of a JSON object; `undefined` for an array or text that is not JSON. */
function jsonTopKeys(text: string): Set<string> | undefined {
  // Only an object can be a principle set or decisions; skip parsing an array of items twice.
  if (
    !text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{')
  )
    return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined; // the items reader reports the syntax error with its position
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  return new Set(Object.keys(data));
}
