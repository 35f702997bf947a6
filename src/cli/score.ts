/** `triage score`: read items, assess each against the policy, and write them in a format. */
import { capacityPlan } from '../core/capacity/ledger.js';
import { printable } from '../core/printable.js';
import { SummaryBuilder, type Summary } from '../core/summary.js';
import { assessRoute } from '../core/assess.js';
import type { AssessedItem, RoutedItem } from '../core/types.js';
import { ExitCode, TriageError } from '../errors.js';
import { formatNamed, formatNames, formatsWith, type FormatDescriptor } from '../formats/index.js';
import { ASSESSMENT_COLUMNS } from '../formats/columns.js';
import { POLICY_COLUMN } from '../formats/trace.js';
import type { FormatContext, RunMeta } from '../formats/types.js';
import { batchedOutput } from '../io/batched.js';
import { clock } from '../io/clock.js';
import { openOutput } from '../io/output.js';
import { SinkWriter } from '../io/sink-writer.js';
import { TempFolder } from '../io/temp-folder.js';
import { readItems } from '../items/read.js';
import type { LoadedPrinciples } from '../principles/load.js';
import { FailGate } from './fail-on.js';
import { boundOldGeneration, keepYoungGenerationSmall, letYoungGenerationGrow } from './heap.js';
import { CapacityRun } from './score-capacity.js';
import { noteFinding } from './found-so-far.js';
import { colorEnabled, terminalWidth, type Io } from './io.js';
import { DecisionRun, localDate } from './score-decisions.js';
import { ItemSorter, type SortKey } from './score-sort.js';
import { ProblemReporter, itemPaths, loadPolicyFor, progressFor, readerOptions, runInputs, type ItemInputOptions } from './shared.js';
import { toolInfo } from './version.js';

export interface ScoreOptions extends ItemInputOptions {
  format: string;
  output?: string;
  sort: SortKey;
  route?: string[];
  limit?: number;
  /** Decisions file to apply (human overrides). */
  decisions?: string;
  /** Routes or classifications that make the run exit 1. */
  failOn?: string[];
  /** Item columns the CSV passes through. */
  keepColumns?: string[];
  /** Draw the quadrant instead of the table. */
  chart?: boolean;
  /** `--no-counterfactuals`: leave them out of json, jsonl, markdown and html (faster for big runs). */
  counterfactuals?: boolean;
  /** A sheet per route in a workbook. */
  routeSheets?: boolean;
  /** Seconds each capacity solve may take (`--time-limit`). */
  timeLimit?: number;
  /** Worker threads (`--jobs`); see score-jobs.ts for when more than one is used. */
  jobs?: number;
}

/** Seconds a capacity solve may take by default. */
export const DEFAULT_CAPACITY_TIME_LIMIT = 30;

/**
 * Rows the table shows when --limit is not given. A terminal table of a very large backlog
 * helps nobody and would hold every row in memory: it shows the first rows, the summary of
 * them all, and says how to get the rest (--limit, --format csv).
 */
export const DEFAULT_TABLE_LIMIT = 1000;

export async function scoreCommand(files: string[], options: ScoreOptions, io: Io): Promise<number> {
  const descriptor = chosenFormat(options);
  // A run that may go on several threads holds the young generation from here, before loading
  // the principles grows it (cli/heap.ts); one that does not is let go below.
  const scoreJobs = await import('./score-jobs.js');
  const mayRunInParallel = scoreJobs.mayRunInParallel(files, { ...options, format: descriptor.name });
  if (mayRunInParallel) keepYoungGenerationSmall();
  const format = await descriptor.load();
  const loaded = await loadPolicyFor(options, io);
  const { policy } = loaded;
  const routes = checkRoutes(options.route, loaded);
  const gate = FailGate.parse(options.failOn, policy);
  const plan = capacityPlan(policy);
  // One time for the whole run, pinned by SOURCE_DATE_EPOCH when it is set.
  const now = clock(io.env);
  const counterfactuals = descriptor.counterfactuals && options.counterfactuals !== false;
  if (counterfactuals) {
    keepYoungGenerationSmall();
    boundOldGeneration();
  }
  const decisions = await DecisionRun.open(options.decisions, policy, io, {
    today: localDate(now),
    quiet: options.quiet,
    assess: { counterfactuals },
  });
  const paths = itemPaths(files, io);
  const toFile = options.output !== undefined && options.output !== '-';
  if (descriptor.binary && !toFile && io.stdout.isTTY) {
    throw new TriageError('usage', `--format ${descriptor.name} writes a binary file, which a terminal cannot show`, {
      hint: `write it to a file with -o, e.g. -o results.${descriptor.name}`,
      option: 'format',
    });
  }
  const meta = runMeta(loaded, paths, now);
  const context: FormatContext = {
    policy,
    meta,
    color: !toFile && colorEnabled(io.stdout, io.env, options.color),
    width: terminalWidth(io.stdout, io.env),
    limit: options.limit ?? DEFAULT_TABLE_LIMIT,
    ...(options.keepColumns ? { keepColumns: [...new Set(options.keepColumns)] } : {}),
    ...(options.routeSheets ? { routeSheets: true } : {}),
  };
  // A format whose rows show only the routed part of an assessment (csv) gets only that, when
  // nothing else reads the rest: no --fail-on, no decisions, no sorting, no capacity.
  const routedFormat =
    gate === undefined && options.decisions === undefined && options.sort === 'input' && plan === undefined ? await descriptor.loadRouted?.() : undefined;
  const routedSink = routedFormat?.create(context);
  const sink = routedSink ?? format.create(context);

  // An invalid item counts even if standard output closes before the run ends.
  const reporter = new ProblemReporter(io, { ...(options.quiet !== undefined ? { quiet: options.quiet } : {}), onError: noteFinding });
  const opened = await openOutput(options.output, io.stdout, { inputs: runInputs(paths, options), stdin: io.stdin, stderr: io.stderr });
  // A packaged document's parts are zipped as they come; text is batched into large writes.
  const output = descriptor.binary ? (await import('../io/zip-output.js')).zipOutput(opened, new Date(meta.generatedAt)) : batchedOutput(opened);
  const summary = new SummaryBuilder(policy);
  // Held report sections and items waiting to be sorted go to files here, removed at the end.
  const folder = new TempFolder();
  await TempFolder.clearStale();
  const writer = new SinkWriter(sink, output, folder);
  const sorter = ItemSorter.by(options.sort, policy, folder);
  /** What the end-of-run warning reads: the run's summary, or its counts from a run on workers. */
  let ended: Pick<Summary, 'total' | 'missing'> | undefined;
  // Whether some item had columns the set does not read: an export in its own names.
  let unreadColumns = false;
  // Capacity needs every item at once: one thread (planJobs knows the other reasons).
  const parallel = plan ? undefined : await scoreJobs.planJobs(paths, { ...options, format: descriptor.name }, io.env);
  if (mayRunInParallel && !parallel && !counterfactuals) letYoungGenerationGrow();
  const emit = async (result: AssessedItem): Promise<void> => {
    summary.add(result);
    await writer.write(result);
  };
  const capacity = plan
    ? new CapacityRun({
        plan,
        policy,
        decisions,
        folder,
        sort: options.sort,
        timeLimit: options.timeLimit ?? DEFAULT_CAPACITY_TIME_LIMIT,
        frontier: FRONTIER_FORMATS.has(descriptor.name),
        io,
        progress: !options.quiet && io.stderr.isTTY === true,
      })
    : undefined;
  try {
    if (parallel) {
      const progress = progressFor(options, io, reporter);
      progress?.file(parallel.size);
      const outcome = await scoreJobs.scoreInParallel({
        plan: parallel,
        options,
        set: loaded.set,
        policy: loaded.policy,
        meta,
        routes,
        counterfactuals,
        output: opened,
        report: (problem) => reporter.report(problem),
        ...(progress ? { progress } : {}),
        leftOut: (count) => {
          reporter.leftOut += count;
        },
      });
      // A streaming format's document ends with nothing once it has rows (csv: the header alone without).
      if (outcome.written === 0) await writer.end(summary.result());
      unreadColumns = outcome.unreadColumns;
      ended = { total: outcome.written, missing: outcome.missing };
      await output.commit();
    } else {
      if (capacity) {
        for await (const item of readItems(paths, readerOptions(loaded, options, io, reporter))) {
          if (!unreadColumns) for (const _ in item.extra) unreadColumns = true;
          await capacity.add({ item, assessment: decisions.assess(item) });
        }
        for await (const result of capacity.results()) {
          if (gate?.check(result.assessment)) noteFinding();
          if (routes && !routes.has(result.assessment.route)) continue;
          await emit(result);
        }
        const result = summary.result();
        for (const [route, entry] of Object.entries(capacity.summary())) {
          const target = result.routes[route];
          if (target) target.capacity = entry;
        }
        if (!options.quiet) for (const line of capacity.warnings()) io.stderr.write(`${printable(line)}\n`);
        ended = result;
        await writer.end(result);
      } else {
        for await (const item of readItems(paths, readerOptions(loaded, options, io, reporter))) {
          if (!unreadColumns) for (const _ in item.extra) unreadColumns = true;
          if (routedSink) {
            // The run's summary then counts no unsettled items, which such a format never shows.
            const routed: RoutedItem = { item, assessment: assessRoute(policy, item) };
            if (routes && !routes.has(routed.assessment.route)) continue;
            summary.addRouted(routed);
            const text = routedSink.write(routed);
            if (text) await output.write(text);
            continue;
          }
          const result: AssessedItem = { item, assessment: decisions.assess(item) };
          // The gate sees every item, so a display filter (--route) can never switch it off.
          if (gate?.check(result.assessment)) noteFinding();
          if (routes && !routes.has(result.assessment.route)) continue;
          if (sorter) await sorter.add(result);
          else await emit(result);
        }
        if (sorter) for await (const result of sorter.sorted((item) => decisions.reassess(item))) await emit(result);
        const result = summary.result();
        ended = result;
        await writer.end(result);
      }
      await output.commit();
    }
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    await sorter?.close();
    await capacity?.close();
    await writer.close();
    await folder.remove();
  }
  reporter.finish();
  if (!options.quiet && ended && unreadColumns && !reporter.absentFields) noDataWarning(ended, io);
  const unmatched = decisions.finish();
  if (toFile && !options.quiet) io.stderr.write(`wrote ${printable(options.output ?? '')}\n`);
  const failed = gate?.report(io) ?? false;
  return reporter.errors > 0 || unmatched > 0 || failed ? ExitCode.findings : ExitCode.ok;
}

/** The reports that draw each route's efficient frontier. */
const FRONTIER_FORMATS: ReadonlySet<string> = new Set(['html', 'markdown']);

/**
 * At the end of a run, since it is known only then: the fields the principle set reads that no
 * item has a value for, on stderr, when they are most of them (every result rests on the few
 * others) and the items have columns the set does not read, which may hold them. A header
 * without such columns has had its warning already. `summary.missing` counts every field.
 */
function noDataWarning(summary: Pick<Summary, 'total' | 'missing'>, io: Io): void {
  if (summary.total === 0) return;
  const none = Object.entries(summary.missing ?? {})
    .filter(([, n]) => n === summary.total)
    .map(([field]) => field);
  if (none.length * 2 <= Object.keys(summary.missing ?? {}).length) return;
  const items = summary.total === 1 ? 'the one item has no value' : `none of the ${summary.total} items has a value`;
  io.stderr.write(
    `${printable(`triage: warning: ${items} for ${none.length} of the ${Object.keys(summary.missing ?? {}).length} fields the principle set reads: ${none.join(', ')}; map the columns that hold them (--map), or chase the data`)}\n`,
  );
}

/** The format to use: --chart means the chart; an option only some formats honour needs one of them. */
function chosenFormat(options: ScoreOptions): FormatDescriptor {
  if (options.chart && options.format !== 'table' && options.format !== 'chart') {
    throw new TriageError('usage', `--chart draws the chart in place of the table, so it cannot be combined with --format ${options.format}`, {
      hint: 'leave out --chart, or leave out --format',
      option: 'chart',
    });
  }
  const name = options.chart ? 'chart' : options.format;
  const descriptor = formatNamed(name);
  if (!descriptor) {
    throw new TriageError('usage', `unknown format "${name}"`, { hint: `use one of ${formatNames().join(', ')}`, option: 'format' });
  }
  if (options.keepColumns && !descriptor.options.includes('keepColumns')) {
    const able = formatsWith('keepColumns');
    throw new TriageError('usage', `--keep-columns passes item columns through with --format ${able.join(' or ')} only`, {
      hint: `add --format ${able[0] ?? 'csv'}`,
      option: 'keep-columns',
    });
  }
  if (options.routeSheets && !descriptor.options.includes('routeSheets')) {
    const able = formatsWith('routeSheets');
    throw new TriageError('usage', `--route-sheets adds a sheet per route to ${able.join(', ')} only`, {
      hint: `add --format ${able[0] ?? 'xlsx'} -o results.xlsx`,
      option: 'route-sheets',
    });
  }
  const taken: readonly string[] = descriptor.name === 'csv' ? [...ASSESSMENT_COLUMNS, POLICY_COLUMN] : ASSESSMENT_COLUMNS;
  const clash = options.keepColumns?.find((column) => taken.includes(column));
  if (clash !== undefined) {
    throw new TriageError('usage', `--keep-columns ${clash}: the CSV already has a "${clash}" column`, {
      hint: "keep only the item's other columns",
      option: 'keep-columns',
    });
  }
  return descriptor;
}

/** The run's provenance: tool version, and which principle set (by content hash) made it. */
export function runMeta(loaded: LoadedPrinciples, inputs: string[], now: Date): RunMeta {
  return {
    tool: toolInfo(),
    principles: { file: loaded.file, hash: loaded.hash, organisation: loaded.set.organisation },
    inputs: inputs.map((p) => (p === '-' ? '<stdin>' : p)),
    generatedAt: now.toISOString(),
  };
}

function checkRoutes(routes: string[] | undefined, loaded: LoadedPrinciples): Set<string> | undefined {
  if (!routes) return undefined;
  const declared = loaded.set.routes.map((r) => r.id);
  for (const route of routes) {
    if (!declared.includes(route)) {
      throw new TriageError('usage', `unknown route "${route}" in --route`, { hint: `use one of ${declared.join(', ')}`, option: 'route' });
    }
  }
  return new Set(routes);
}
