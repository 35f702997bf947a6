/**
 * The one clock of the tool. Every timestamp it writes (JSON `generatedAt`, the HTML date,
 * the workbook's properties and zip entry dates, decisions' `at`, the review minutes) comes
 * from `clock`, so `SOURCE_DATE_EPOCH`, the reproducible-builds convention, pins them all:
 * two runs with it set write the same bytes.
 */
import { TriageError } from '../errors.js';

/** Latest second a JavaScript Date can hold (8.64e15 ms). */
const MAX_SECONDS = 8.64e12;

/**
 * Now, or the time `SOURCE_DATE_EPOCH` names: integer seconds since 1970-01-01T00:00:00Z, as
 * `date +%s` prints it. An empty value counts as unset; anything else that is not such a
 * number is a usage error (exit 2), never silently ignored.
 */
export function clock(env: Readonly<Record<string, string | undefined>>): Date {
  const pinned = sourceDateEpoch(env);
  return pinned ?? new Date();
}

/** The time `SOURCE_DATE_EPOCH` pins, or `undefined` when it is unset or empty. */
export function sourceDateEpoch(env: Readonly<Record<string, string | undefined>>): Date | undefined {
  const raw = env['SOURCE_DATE_EPOCH'];
  if (raw === undefined || raw === '') return undefined;
  const text = raw;
  if (!/^[0-9]{1,13}$/.test(text) || Number(text) > MAX_SECONDS) {
    const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 39)}…` : raw);
    throw new TriageError('usage', `SOURCE_DATE_EPOCH ${shown} is not a whole number of seconds since 1970-01-01T00:00:00Z`, {
      hint: 'set it to an integer such as 1700000000 (what `date +%s` prints), or unset it',
    });
  }
  return new Date(Number(text) * 1000);
}
