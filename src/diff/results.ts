/**
 * A saved run of `triage score`: `--format json` (`{ meta, summary, items }`, read whole) or
 * `--format jsonl` (one assessment per line, read a line at a time). Each assessment is
 * checked for the keys `triage diff` compares, so a file that is not a run fails with its
 * line, not with a wrong answer.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Assessment } from '../core/types.js';
import { TriageError } from '../errors.js';
import { decodeUtf8, fileError, readBytes } from '../io/read.js';

export interface SavedRun {
  file: string;
  /** The run's `meta` (json only): which principle set made it. */
  meta: { principles?: { file?: string; hash?: string; organisation?: string } } | undefined;
  assessments: Assessment[];
  /** Route labels by id in the set's order, from the run's summary (json only). */
  routes: Array<[string, string]>;
}

/** Whole JSON runs are parsed at once; bigger runs belong in JSONL, which is read line by line. */
export const MAX_RUN_BYTES = 512 * 1024 * 1024;

export async function readSavedRun(path: string): Promise<SavedRun> {
  const file = path;
  if (/\.(jsonl|ndjson)$/i.test(path)) return { file, meta: undefined, assessments: await readJsonl(path), routes: [] };
  const bytes = await readBytes(path, {
    what: 'saved run',
    maxBytes: MAX_RUN_BYTES,
    tooLargeHint: 'save the run with --format jsonl, which is read a line at a time',
  });
  const text = decodeUtf8(bytes, file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TriageError('syntax', `${file} is not JSON (${(error as Error).message})`, {
      position: { file },
      hint: 'give the output of triage score --format json (or a .jsonl file from --format jsonl)',
    });
  }
  const items = (data as { items?: unknown } | null)?.items;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !Array.isArray(items)) {
    throw new TriageError('syntax', `${file} is not a saved run: it has no "items" list`, {
      position: { file },
      hint: 'give the output of triage score --format json',
    });
  }
  const { meta, summary } = data as { meta?: SavedRun['meta']; summary?: { routes?: unknown } };
  return {
    file,
    meta: meta && typeof meta === 'object' ? meta : undefined,
    assessments: items.map((item, k) => checked(item, file, `item ${k + 1}`)),
    routes: routeLabels(summary?.routes),
  };
}

/** `summary.routes` of a json run: `{ union: { label: 'The Union', ... } }`, in the set's order. */
function routeLabels(routes: unknown): Array<[string, string]> {
  if (routes === null || typeof routes !== 'object' || Array.isArray(routes)) return [];
  return Object.entries(routes as Record<string, unknown>).flatMap(([id, r]) => {
    const label = (r as { label?: unknown } | null)?.label;
    return typeof label === 'string' ? [[id, label] as [string, string]] : [];
  });
}

async function readJsonl(path: string): Promise<Assessment[]> {
  const out: Assessment[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new TriageError('syntax', `not JSON (${(error as Error).message})`, {
          position: { file: path, line, column: 1 },
          hint: 'give the output of triage score --format jsonl',
        });
      }
      out.push(checked(data, path, `the assessment`, line));
    }
  } catch (error) {
    throw fileError(error, path, 'saved run');
  }
  return out;
}

/** The assessment, when it has what a diff reads; otherwise where and what is missing. */
function checked(data: unknown, file: string, what: string, line?: number): Assessment {
  const a = data as Partial<Assessment> | null;
  const missing =
    a === null || typeof a !== 'object'
      ? 'it is not an object'
      : typeof a.id !== 'string'
        ? 'no id'
        : typeof a.route !== 'string'
          ? 'no route'
          : typeof a.classification !== 'string'
            ? 'no classification'
            : typeof a.alignment !== 'number' || typeof a.transformation !== 'number'
              ? 'no alignment or transformation'
              : typeof a.firm !== 'boolean'
                ? 'no firm'
                : !Array.isArray(a.principles) || !Array.isArray(a.signals)
                  ? 'no principles or signals'
                  : !a.principles.every(
                        (p) => typeof p?.weight === 'number' && Array.isArray(p.criteria) && p.criteria.every((c) => typeof c?.points === 'number'),
                      )
                    ? 'a principle without a weight or criteria'
                    : !a.signals.every((s) => typeof s?.points === 'number')
                      ? 'a signal without points'
                      : undefined;
  if (missing === undefined)
    return { ...(a as Assessment), title: typeof a?.title === 'string' ? a.title : '', rule: typeof a?.rule === 'string' ? a.rule : '' };
  throw new TriageError('syntax', `${what} is not an assessment: ${missing}`, {
    position: { file, ...(line !== undefined ? { line, column: 1 } : {}) },
    hint: 'give a run saved with triage score --format json or --format jsonl',
  });
}
