/**
 * Which of a file's columns most likely holds a field it lacks, for the `--map` a message
 * suggests: the same words ignoring case and punctuation (`Project ID` for `id`, `Cost` for
 * `cost_gbp`), a few words exports use for ids and titles, else a near spelling. Every test
 * is bounded by the names' lengths; nothing from the input becomes a pattern.
 */
import { closest } from '../validate/suggest.js';

/** Words exports use for the two fields every item has. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  id: ['id', 'ref', 'reference', 'key', 'code'],
  title: ['title', 'name', 'summary', 'subject'],
};

/** Longest name compared: a header cell is a name, not a paragraph. */
const MAX_NAME = 200;

/** The column of `columns` closest to `field`, if one is close enough to suggest. */
export function closestColumn(field: string, columns: readonly string[]): string | undefined {
  const wanted = words(field);
  const synonyms = new Set(SYNONYMS[field] ?? []);
  let best: string | undefined;
  let bestScore = 0;
  for (const column of columns) {
    const have = words(column);
    const score = likeness(wanted, have, synonyms);
    if (score > bestScore) {
      best = column;
      bestScore = score;
    }
  }
  if (best !== undefined) return best;
  const spelled = new Map(columns.map((column) => [words(column).join(' '), column]));
  const near = closest(wanted.join(' '), spelled.keys());
  return near === undefined ? undefined : spelled.get(near);
}

/** 3: the same words; 2: one name's words all in the other's; 1: a word in common, or an export's word for the field. */
function likeness(wanted: readonly string[], have: readonly string[], synonyms: ReadonlySet<string>): number {
  if (wanted.length === 0 || have.length === 0) return 0;
  if (wanted.join(' ') === have.join(' ')) return 3;
  if (wanted.every((w) => have.includes(w)) || have.every((w) => wanted.includes(w))) return 2;
  if (wanted.some((w) => w.length >= 3 && have.includes(w))) return 1;
  if (have.some((w) => synonyms.has(w))) return 1;
  return 0;
}

/** Lower-case words of a name: `Effort (weeks)` is effort, weeks; `cost_gbp` is cost, gbp. */
function words(name: string): string[] {
  const found: string[] = [];
  let word = '';
  for (const c of name.slice(0, MAX_NAME).toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(c)) word += c;
    else if (word !== '') {
      found.push(word);
      word = '';
    }
  }
  if (word !== '') found.push(word);
  return found;
}

/** `--map field=column` as a shell would take it: quoted when the column has spaces or other signs. */
export function mapFlag(pairs: ReadonlyArray<readonly [string, string]>): string {
  const text = pairs.map(([field, column]) => `${field}=${column}`).join(',');
  if (/^[\w.#/=,-]+$/.test(text)) return `--map ${text}`;
  return `--map '${text.replaceAll("'", "'\\''")}'`;
}
