/** `triage score`: read items, assess each against the policy, and write them in a format. */
import { assess } from '../core/assess.js';
import { SummaryBuilder } from '../core/summary.js';
import type { AssessedItem } from '../core/types.js';
import { ExitCode, TriageError } from '../errors.js';
import { formatNames, loadFormat } from '../formats/index.js';
import type { RunMeta } from '../formats/types.js';
import { openOutput } from '../io/output.js';
import { readItems } from '../items/read.js';
import type { LoadedPrinciples } from '../principles/load.js';
import { colorEnabled, terminalWidth, type Io } from './io.js';
import { ProblemReporter, itemPaths, loadPolicyFor, readerOptions, type ItemInputOptions } from './shared.js';
import { toolInfo } from './version.js';

export interface ScoreOptions extends ItemInputOptions {
  format: string;
  output?: string;
  sort: SortKey;
  route?: string[];
  limit?: number;
}

export type SortKey = 'input' | 'route' | 'alignment' | 'transformation' | 'confidence' | 'id' | 'title';

export async function scoreCommand(files: string[], options: ScoreOptions, io: Io): Promise<number> {
  const format = await loadFormat(options.format);
  if (!format) {
    throw new TriageError('usage', `unknown format "${options.format}"`, { hint: `use one of ${formatNames().join(', ')}` });
  }
  const loaded = await loadPolicyFor(options, io);
  const { policy } = loaded;
  const routes = checkRoutes(options.route, loaded);
  const paths = itemPaths(files, io);
  const toFile = options.output !== undefined && options.output !== '-';
  const sink = format.create({
    policy,
    meta: runMeta(loaded, paths),
    color: !toFile && colorEnabled(io.stdout, io.env, options.color),
    width: terminalWidth(io.stdout, io.env),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });

  const reporter = new ProblemReporter(io, { quiet: options.quiet });
  const output = await openOutput(options.output, io.stdout);
  const summary = new SummaryBuilder(policy);
  const buffered: AssessedItem[] | undefined = options.sort === 'input' ? undefined : [];
  try {
    for await (const item of readItems(paths, readerOptions(loaded, options, io, reporter))) {
      const result: AssessedItem = { item, assessment: assess(policy, item) };
      if (routes && !routes.has(result.assessment.route)) continue;
      if (buffered) {
        buffered.push(result);
        continue;
      }
      summary.add(result);
      const text = sink.write(result);
      if (text) await output.write(text);
    }
    if (buffered) {
      const order = policy.set.routes.map((r) => r.id);
      for (const result of buffered.sort(comparator(options.sort, order))) {
        summary.add(result);
        const text = sink.write(result);
        if (text) await output.write(text);
      }
    }
    await output.write(sink.end(summary.result()));
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
  reporter.finish();
  if (toFile && !options.quiet) io.stderr.write(`wrote ${options.output}\n`);
  return reporter.errors > 0 ? ExitCode.findings : ExitCode.ok;
}

/** The run's provenance: tool version, and which principle set (by content hash) made it. */
export function runMeta(loaded: LoadedPrinciples, inputs: string[]): RunMeta {
  return {
    tool: toolInfo(),
    principles: { file: loaded.file, hash: loaded.hash, organisation: loaded.set.organisation },
    inputs: inputs.map((p) => (p === '-' ? '<stdin>' : p)),
    generatedAt: new Date().toISOString(),
  };
}

function checkRoutes(routes: string[] | undefined, loaded: LoadedPrinciples): Set<string> | undefined {
  if (!routes) return undefined;
  const declared = loaded.set.routes.map((r) => r.id);
  for (const route of routes) {
    if (!declared.includes(route)) {
      throw new TriageError('usage', `unknown route "${route}" in --route`, { hint: `use one of ${declared.join(', ')}` });
    }
  }
  return new Set(routes);
}

function comparator(key: SortKey, routeOrder: string[]): (a: AssessedItem, b: AssessedItem) => number {
  const text = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });
  switch (key) {
    case 'route':
      return (a, b) => routeOrder.indexOf(a.assessment.route) - routeOrder.indexOf(b.assessment.route);
    case 'alignment':
    case 'transformation':
    case 'confidence':
      return (a, b) => b.assessment[key] - a.assessment[key];
    case 'id':
      return (a, b) => text(a.assessment.id, b.assessment.id);
    case 'title':
      return (a, b) => text(a.assessment.title, b.assessment.title);
    default:
      return () => 0;
  }
}
