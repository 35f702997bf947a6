/**
 * Column mappings: someone else's export read in our field names. A mapping is
 * `{ field: column }`; the column may say which of several columns with the same name it
 * means, `colour_rating#2` being the second column called `colour_rating`, and may list
 * columns to read the first non-empty of, `colour_rating#2|colour_rating#1`. One column may
 * be read as several fields (`id=Name,title=Name`).
 */
import { TriageError } from '../errors.js';

/** Field name -> source column (`name`, or `name#n` for the n-th column so named). */
export type ColumnMapping = Readonly<Record<string, string>>;

/** Names that could reach an object's prototype. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A source column: its name and, with `#n`, which of the columns so named (1-based). */
export interface ColumnRef {
  name: string;
  nth?: number;
}

/** Split `colour_rating#2` into its name and occurrence; a plain name has none. */
export function columnRef(source: string): ColumnRef {
  const match = /^(.*\S)\s*#\s*([1-9]\d{0,3})$/.exec(source);
  return match ? { name: (match[1] as string).trim(), nth: Number(match[2]) } : { name: source.trim() };
}

/**
 * Parse `--map` values, each a comma-separated list of `field=column` pairs; repeated
 * flags add up. `origin` names where they came from in messages.
 */
export function parseMapping(specs: readonly string[], origin = '--map'): Record<string, string> {
  const mapping: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const spec of specs) addSpec(mapping, spec, origin);
  return mapping;
}

/** Add the pairs of one `field=column,field=column` text. */
export function addSpec(mapping: Record<string, string>, spec: string, origin: string): void {
  for (const pair of spec.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    if (at === -1) throw mappingError(`"${pair.trim()}" in ${origin} is not field=column`, origin);
    addPair(mapping, pair.slice(0, at), pair.slice(at + 1), origin);
  }
}

/** Add one `field=column` pair, refusing what cannot be meant. */
export function addPair(mapping: Record<string, string>, field: string, column: string, origin: string): void {
  const name = field.trim();
  const source = column.trim();
  if (name === '' || source === '') throw mappingError(`"${name}=${source}" in ${origin} needs both a field and a column`, origin);
  if (RESERVED_NAMES.has(name)) throw mappingError(`"${name}" in ${origin} is not an allowed field name`, origin);
  if (alternatives(source).some((part) => part === '')) {
    throw mappingError(`"${name}=${source}" in ${origin} has an empty column between "|"`, origin);
  }
  const before = mapping[name];
  if (before !== undefined && before !== source) {
    throw mappingError(`${origin} maps "${name}" twice, to "${before}" and to "${source}"`, origin);
  }
  mapping[name] = source;
}

/**
 * The columns a mapping's source lists, in order: `a|b` reads the first of `a` and `b` that
 * is not empty. A plain source is one column.
 */
export function alternatives(source: string): string[] {
  return source.split('|').map((part) => part.trim());
}

function mappingError(message: string, origin: string): TriageError {
  return new TriageError('usage', message, {
    hint: origin === '--map' ? 'write --map field=column,field=column (e.g. --map title=project_name)' : undefined,
  });
}
