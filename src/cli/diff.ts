/**
 * `triage diff`: what a change to the principle set does to a backlog. Either two sets
 * (`--from OLD --to NEW`, each a file or `git:REV:path`) and the item files to score with
 * both, or two saved runs of `triage score` (`--results A.json B.json`). Prints the items
 * whose route, classification or firmness changed, before and after, with the reasons, and
 * the from -> to matrix of routes. Exit 1 with --fail-on-change when any item changed (or
 * when an item was invalid); 2 for usage errors and inputs that cannot be used.
 */
import { assess } from '../core/assess.js';
import { DiffBuilder, type DiffMeta, type DiffReport, type DiffSource } from '../core/diff-summary.js';
import { compareAssessments } from '../core/diff.js';
import { printable } from '../core/printable.js';
import type { WorkItem } from '../core/types.js';
import { readSavedRun } from '../diff/results.js';
import { ExitCode, TriageError } from '../errors.js';
import type { RouteLabels } from '../formats/diff-words.js';
import { clock } from '../io/clock.js';
import { writeOutput } from '../io/output.js';
import { readItems } from '../items/read.js';
import { createNormaliser, type ItemProblem, type Normaliser, type NormaliserOptions } from '../items/normalise.js';
import { loadPrinciplesSpec } from '../principles/git.js';
import type { LoadedPrinciples } from '../principles/load.js';
import { noteFinding } from './found-so-far.js';
import { colorEnabled, type Io } from './io.js';
import { ProblemReporter, itemPaths, readerOptions, runInputs, type ItemInputOptions } from './shared.js';
import { toolInfo } from './version.js';

export const DIFF_FORMATS = ['table', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions extends ItemInputOptions {
  from?: string;
  to?: string;
  /** Two saved runs to compare instead of scoring items. */
  results?: string[];
  format: DiffFormat;
  output?: string;
  failOnChange?: boolean;
}

export async function diffCommand(files: string[], options: DiffOptions, io: Io): Promise<number> {
  const now = clock(io.env);
  const { report, labels, invalid } = options.results ? await diffRuns(files, options, now) : await diffSets(files, options, io, now);
  const toFile = options.output !== undefined && options.output !== '-';
  const text = await render(report, labels, options.format, !toFile && colorEnabled(io.stdout, io.env, options.color));
  const inputs = [...runInputs(options.results ? [] : itemPaths(files, io), options), ...(options.results ?? []).map((path) => ({ path, what: 'saved run' }))];
  for (const spec of [options.from, options.to]) if (spec !== undefined && !spec.startsWith('git:')) inputs.push({ path: spec, what: 'principle set' });
  if (options.failOnChange && report.summary.changed > 0) noteFinding();
  await writeOutput(options.output, text, io.stdout, { inputs, stdin: io.stdin, stderr: io.stderr });
  if (toFile && !options.quiet) io.stderr.write(`${printable(`wrote ${options.output ?? ''}`)}\n`);
  if (options.failOnChange && report.summary.changed > 0) {
    io.stderr.write(`triage: ${report.summary.changed} of ${report.summary.total} items changed, and --fail-on-change is set\n`);
    return ExitCode.findings;
  }
  return invalid ? ExitCode.findings : ExitCode.ok;
}

async function render(report: DiffReport, labels: RouteLabels, format: DiffFormat, color: boolean): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../formats/diff-json.js')).renderDiffJson(report);
    case 'markdown':
      return (await import('../formats/diff-markdown.js')).renderDiffMarkdown(report, { labels });
    case 'table':
      return (await import('../formats/diff-table.js')).renderDiffTable(report, { labels, color });
  }
}

interface Diffed {
  report: DiffReport;
  labels: RouteLabels;
  /** Items left out because one of the sets could not read them. */
  invalid: boolean;
}

/** Score the items with both sets and compare. */
async function diffSets(files: string[], options: DiffOptions, io: Io, now: Date): Promise<Diffed> {
  if (options.from === undefined || options.to === undefined) {
    throw new TriageError('usage', `triage diff needs ${options.from === undefined ? '--from' : '--to'} as well`, {
      hint: 'compare two principle sets on a backlog (--from OLD --to NEW items...), or two saved runs (--results A.json B.json)',
    });
  }
  if (options.principles !== undefined)
    throw new TriageError('usage', 'triage diff takes its principle sets from --from and --to, not -p', { option: 'principles' });
  const from = await loadPrinciplesSpec(options.from, { cwd: io.cwd, stdin: io.stdin });
  const to = await loadPrinciplesSpec(options.to, { cwd: io.cwd, stdin: io.stdin });
  const paths = itemPaths(files, io);
  const reporter = new ProblemReporter(io, { ...(options.quiet !== undefined ? { quiet: options.quiet } : {}), onError: noteFinding });
  const reading = readerOptions(to, options, io, reporter);
  const both = bothSets(from, reading.normaliser, {
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    ...(options.lenient ? { lenient: true } : {}),
  });
  const builder = new DiffBuilder();
  for await (const item of readItems(paths, { ...reading, normaliser: both.normaliser })) {
    const itemBefore = both.before.get(item) as WorkItem;
    const before = assess(from.policy, itemBefore);
    const after = assess(to.policy, item);
    builder.add(before.route, after.route, compareAssessments(before, after, { from: from.policy, to: to.policy, itemBefore, itemAfter: item }));
  }
  reporter.finish();
  const report: DiffReport = { meta: meta(source(from), source(to), paths, now), summary: builder.result(), changes: builder.changes };
  return { report, labels: routeLabels([from, to]), invalid: reporter.errors > 0 };
}

/**
 * Read each record with both sets' fields: the item as the new set reads it goes on, the item
 * as the old set reads it is kept beside it. A value either set cannot read makes the item invalid.
 */
function bothSets(
  from: LoadedPrinciples,
  toNormaliser: Normaliser,
  reading: NormaliserOptions,
): { normaliser: Normaliser; before: WeakMap<WorkItem, WorkItem> } {
  const fromNormaliser = createNormaliser(from.policy.fields, reading);
  const before = new WeakMap<WorkItem, WorkItem>();
  const normaliser: Normaliser = {
    known: new Set([...toNormaliser.known, ...fromNormaliser.known]),
    required: [...new Set([...(toNormaliser.required ?? []), ...(fromNormaliser.required ?? [])])],
    ...(toNormaliser.ids !== undefined ? { ids: toNormaliser.ids } : {}),
    normalise(record, file) {
      const after = toNormaliser.normalise(record, file);
      const old = fromNormaliser.normalise(record, file);
      const seen = new Set(after.problems.map(problemKey));
      const problems = [
        ...after.problems,
        ...old.problems.filter((p) => !seen.has(problemKey(p))).map((p) => ({ ...p, message: `${p.message} (as ${from.file} reads it)` })),
      ];
      if (after.item === undefined || old.item === undefined) return { item: undefined, problems };
      before.set(after.item, old.item);
      return { item: after.item, problems };
    },
  };
  return { normaliser, before };
}

function problemKey(p: ItemProblem): string {
  return `${p.line}:${p.column}:${p.message}`;
}

/** Compare two saved runs, item by item (by id). */
async function diffRuns(files: string[], options: DiffOptions, now: Date): Promise<Diffed> {
  const paths = options.results ?? [];
  if (paths.length !== 2)
    throw new TriageError('usage', `--results takes two saved runs, not ${paths.length}`, {
      hint: 'triage diff --results before.json after.json',
      option: 'results',
    });
  if (files.length > 0 || options.from !== undefined || options.to !== undefined) {
    throw new TriageError('usage', '--results compares two saved runs, so it takes no item files, --from or --to', {
      hint: 'triage diff --results before.json after.json',
    });
  }
  const [a, b] = [await readSavedRun(paths[0] as string), await readSavedRun(paths[1] as string)];
  const before = new Map(a.assessments.map((x) => [x.id, x]));
  const builder = new DiffBuilder();
  const onlyAfter: string[] = [];
  // Labels in the sets' order where the runs' summaries give it, then as met in the items.
  const labels = new Map<string, string>();
  for (const [id, label] of [...b.routes, ...a.routes]) if (!labels.has(id)) labels.set(id, label);
  for (const after of b.assessments) {
    for (const x of [after, before.get(after.id)]) if (x && typeof x.routeLabel === 'string' && !labels.has(x.route)) labels.set(x.route, x.routeLabel);
    const was = before.get(after.id);
    if (!was) {
      onlyAfter.push(after.id);
      continue;
    }
    before.delete(after.id);
    builder.add(was.route, after.route, compareAssessments(was, after));
  }
  const onlyBefore = [...before.keys()];
  for (const x of before.values()) if (typeof x.routeLabel === 'string' && !labels.has(x.route)) labels.set(x.route, x.routeLabel);
  builder.unmatched(onlyBefore.length, onlyAfter.length);
  const side = (run: typeof a): DiffSource => ({ file: run.file, ...principlesOf(run.meta) });
  const report: DiffReport = {
    meta: meta(side(a), side(b), [], now),
    summary: builder.result(),
    changes: builder.changes,
    ...(onlyBefore.length + onlyAfter.length > 0 ? { unmatched: { before: onlyBefore, after: onlyAfter } } : {}),
  };
  return { report, labels, invalid: false };
}

/** The principle set a saved run names in its meta, when it does. */
function principlesOf(meta: { principles?: { file?: string; hash?: string; organisation?: string } } | undefined): Omit<DiffSource, 'file'> {
  const p = meta?.principles;
  return {
    ...(typeof p?.hash === 'string' ? { hash: p.hash } : {}),
    ...(typeof p?.organisation === 'string' ? { organisation: p.organisation } : {}),
  };
}

function source(loaded: LoadedPrinciples): DiffSource {
  return { file: loaded.file, hash: loaded.hash, organisation: loaded.set.organisation };
}

function meta(from: DiffSource, to: DiffSource, inputs: string[], now: Date): DiffMeta {
  return { tool: toolInfo(), from, to, inputs: inputs.map((p) => (p === '-' ? '<stdin>' : p)), generatedAt: now.toISOString() };
}

/** Route labels by id: the new set's, then the old set's for routes it dropped. */
function routeLabels(sets: readonly LoadedPrinciples[]): RouteLabels {
  const labels = new Map<string, string>();
  for (const loaded of [...sets].reverse()) for (const route of loaded.set.routes) if (!labels.has(route.id)) labels.set(route.id, route.label);
  return labels;
}
