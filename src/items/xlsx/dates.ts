/**
 * Excel stores a date as a number of days (a "serial") and says it is a date only through
 * the cell's number format. These decide, from a format, whether a number is shown as a
 * date, a date and time, or a time of day, and write it as ISO 8601 text: what a person
 * sees in the cell, in the form the rest of union-triage reads.
 */

export type DateKind = 'date' | 'datetime' | 'time';

/** Excel's built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30). */
const BUILT_IN: ReadonlyMap<number, DateKind> = new Map<number, DateKind>([
  [14, 'date'],
  [15, 'date'],
  [16, 'date'],
  [17, 'date'],
  [18, 'time'],
  [19, 'time'],
  [20, 'time'],
  [21, 'time'],
  [22, 'datetime'],
  [45, 'time'],
  [47, 'time'],
  // Locale-dependent East Asian date formats.
  ...[27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id): [number, DateKind] => [id, 'date']),
  [32, 'time'],
  [33, 'time'],
  [55, 'time'],
  [56, 'time'],
]);

/** What a number format shows a number as, or `undefined` for a plain number. */
export function dateKindOf(numFmtId: number, code: string | undefined): DateKind | undefined {
  if (code === undefined) return BUILT_IN.get(numFmtId);
  return dateKindOfCode(code);
}

/**
 * A format code's kind, from its first section: quoted text, escaped characters, padding
 * (`_x`, `*x`) and bracketed parts (colours, locales) removed, then date letters looked for.
 * An elapsed time (`[h]:mm`) is a duration, not a date: it stays a number of days.
 */
export function dateKindOfCode(code: string): DateKind | undefined {
  const first = firstSection(code);
  if (/\[(?:h+|m+|s+)\]/i.test(first)) return undefined;
  const bare = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (/[0#?]/.test(bare.replace(/\.0+/g, '')) || bare.includes('general') || bare.includes('@')) return undefined;
  const ampm = /am\/pm|a\/p/.test(bare);
  const letters = bare.replace(/am\/pm|a\/p/g, '');
  const time = ampm || /[hs]/.test(letters);
  // `m` is minutes next to hours or seconds, and months otherwise.
  // Years and days in any calendar (`e`, `g`, `b` are eras and Buddhist years in some locales).
  const date = /[ydegb]/.test(letters) || (/m/.test(letters) && !time);
  if (date && time) return 'datetime';
  if (date) return 'date';
  if (time) return 'time';
  return undefined;
}

function firstSection(code: string): string {
  let quoted = false;
  for (let k = 0; k < code.length; k++) {
    const c = code[k];
    if (c === '"') quoted = !quoted;
    else if (c === '\\') k++;
    else if (c === ';' && !quoted) return code.slice(0, k);
  }
  return code;
}

const DAY_MS = 86_400_000;
/** Serial 0 of the 1900 system, counting Excel's fictitious 29 February 1900 (serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 31 December 9999, Excel's last date. */
const LAST_SERIAL = 2_958_465;

/**
 * A serial as ISO 8601 text: `2024-03-01`, `2024-03-01T09:30:00`, or `09:30:00` for a time of
 * day. `undefined` for a serial Excel cannot show as a date (negative, or past 9999).
 */
export function serialToIso(serial: number, kind: DateKind, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > LAST_SERIAL) return undefined;
  if (!date1904 && serial >= 60 && serial < 61) return kind === 'date' ? '1900-02-29' : `1900-02-29T${clock(Math.round((serial - 60) * DAY_MS))}`;
  let ms = Math.round(serial * DAY_MS);
  // Before the fictitious leap day, serials are one day further on than the calendar.
  if (!date1904 && serial < 60) ms += DAY_MS;
  const when = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + ms);
  const day = `${String(when.getUTCFullYear()).padStart(4, '0')}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}`;
  const time = clock(ms % DAY_MS);
  if (kind === 'date') return day;
  if (kind === 'time' && serial < 1) return time;
  return `${day}T${time}`;
}

function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const rest = ms % 1000;
  const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return rest === 0 ? text : `${text}.${String(rest).padStart(3, '0')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
