/**
 * `triage sensitivity [files...]`: how fragile the routes are. For each parameter of the
 * principle set (weights, signal points, thresholds, the limits routing rules compare scores
 * with), the interval in which no item's route changes, and each item's nearest route change;
 * `--within N%` lists the items whose route changes within N% of some parameter's value.
 * Exit 1 when an item was invalid (left out), 2 for usage errors and unusable input.
 */
import { SensitivityBuilder, fragileItems } from '../core/sensitivity/analyse.js';
import { printable } from '../core/printable.js';
import { ExitCode, TriageError } from '../errors.js';
import type { SensitivityReport } from '../formats/sensitivity-words.js';
import { writeOutput } from '../io/output.js';
import { readItems } from '../items/read.js';
import { noteFinding } from './found-so-far.js';
import { colorEnabled, type Io } from './io.js';
import { clock } from '../io/clock.js';
import { runMeta } from './score.js';
import { ProblemReporter, itemPaths, loadPolicyFor, readerOptions, runInputs, type ItemInputOptions } from './shared.js';

export const SENSITIVITY_FORMATS = ['table', 'markdown', 'json'] as const;

export interface SensitivityOptions extends ItemInputOptions {
  format: (typeof SENSITIVITY_FORMATS)[number];
  output?: string;
  /** `20%` or `20`: list the items whose route changes within this share of a parameter's value. */
  within?: string;
  limit?: number;
}

/** Item lines the table and Markdown print when --limit is not given. */
export const DEFAULT_ITEM_LIMIT = 50;

export async function sensitivityCommand(files: string[], options: SensitivityOptions, io: Io): Promise<number> {
  const within = options.within === undefined ? undefined : parseWithin(options.within);
  const loaded = await loadPolicyFor(options, io);
  const paths = itemPaths(files, io);
  const reporter = new ProblemReporter(io, { ...(options.quiet !== undefined ? { quiet: options.quiet } : {}), onError: noteFinding });
  const builder = new SensitivityBuilder(loaded.policy);
  for await (const item of readItems(paths, readerOptions(loaded, options, io, reporter))) builder.add(item);
  reporter.finish();
  const result = builder.result();
  const { tool, principles, inputs, generatedAt } = runMeta(loaded, paths, clock(io.env));
  const report: SensitivityReport = {
    meta: { tool, principles, inputs, generatedAt },
    ...result,
    ...(within !== undefined ? { within: { percent: within, items: fragileItems(result, within).map(({ item, flips }) => ({ ...item, flips })) } } : {}),
  };
  const toFile = options.output !== undefined && options.output !== '-';
  const labels = new Map(loaded.set.routes.map((r) => [r.id, r.label]));
  const view = { labels, color: !toFile && colorEnabled(io.stdout, io.env, options.color), limit: options.limit ?? DEFAULT_ITEM_LIMIT };
  const text =
    options.format === 'json'
      ? (await import('../formats/sensitivity-json.js')).renderSensitivityJson(report)
      : options.format === 'markdown'
        ? (await import('../formats/sensitivity-markdown.js')).renderSensitivityMarkdown(report, view)
        : (await import('../formats/sensitivity-table.js')).renderSensitivityTable(report, view);
  await writeOutput(options.output, text, io.stdout, { inputs: runInputs(paths, options), stdin: io.stdin, stderr: io.stderr });
  if (toFile && !options.quiet) io.stderr.write(`${printable(`wrote ${options.output ?? ''}`)}\n`);
  return reporter.errors > 0 ? ExitCode.findings : ExitCode.ok;
}

/** `20%` or `20`: a percentage above 0. */
export function parseWithin(text: string): number {
  const n = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1000) {
    throw new TriageError('usage', `--within ${text} is not a percentage`, {
      hint: "give a share of each parameter's value, e.g. --within 20%",
      option: 'within',
    });
  }
  return n;
}
