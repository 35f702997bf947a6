/** `triage explain <id>`: one item's assessment in full. */
import { explainAssessment } from '../core/assess.js';
import { applyCapacity, CapacityLedger, capacityPlan } from '../core/capacity/ledger.js';
import { canonicalId, lookAlikeKey } from '../core/ids.js';
import type { WorkItem } from '../core/types.js';
import { ExitCode, TriageError } from '../errors.js';
import { assessWithDecision, isExpired } from '../core/decisions.js';
import { printable } from '../core/printable.js';
import { loadDecisions } from '../decisions/load.js';
import { renderFullExplanation } from '../formats/explain.js';
import { renderExplanationSummary } from '../formats/explain-summary.js';
import type { ItemProblem, Normaliser, RawRecord } from '../items/normalise.js';
import { readItems } from '../items/read.js';
import { colorEnabled, terminalWidth, type Io } from './io.js';
import { localDate } from './score-decisions.js';
import { clock } from '../io/clock.js';
import { DEFAULT_CAPACITY_TIME_LIMIT, runMeta } from './score.js';
import { ProblemReporter, itemPaths, loadPolicyFor, readerOptions, type ItemInputOptions } from './shared.js';

export interface ExplainOptions extends ItemInputOptions {
  format: 'text' | 'json';
  /** Every criterion, signal and rule, rather than one screen. */
  full?: boolean;
  /** A decisions file: show the item's decision, and assess with it. */
  decisions?: string;
  /** Seconds each capacity solve may take (a principle set with a capacity block). */
  timeLimit?: number;
}

export async function explainCommand(given: string, files: string[], options: ExplainOptions, io: Io): Promise<number> {
  // Ids are compared in NFC, as the readers store them; near misses by what they look like.
  const id = canonicalId(given);
  const looks = lookAlikeKey(id);
  const bare = id.replace(/\W/g, '');
  const loaded = await loadPolicyFor(options, io);
  const paths = itemPaths(files, io);
  // Problems in other items are not this command's business; only count them.
  const reporter = new ProblemReporter(io, { quiet: true, max: 0 });
  let found: WorkItem | undefined;
  const nearby: string[] = [];
  const reading = readerOptions(loaded, options, io, reporter);
  // An item with this id that is invalid is never yielded: keep its problems to say so.
  let invalid: { file: string; problems: ItemProblem[] } | undefined;
  const normaliser: Normaliser = {
    known: reading.normaliser.known,
    normalise(record, file) {
      const result = reading.normaliser.normalise(record, file);
      if (result.item === undefined && invalid === undefined && rawText(record, 'id') === id) invalid = { file, problems: result.problems };
      return result;
    },
  };
  const { policy } = loaded;
  const today = localDate();
  const decisions = options.decisions === undefined ? undefined : await loadDecisions(options.decisions, policy);
  // With a resourcing model, whether the item fits depends on every other item on its route:
  // read them all, as score does, rather than stopping at the one asked for.
  const plan = capacityPlan(policy);
  const ledger = plan ? new CapacityLedger(plan) : undefined;
  let position = -1;
  for await (const item of readItems(paths, { ...reading, normaliser })) {
    if (ledger) {
      const decision = decisions?.byId.get(item.id);
      const live = decision && !isExpired(decision, today) ? decision : undefined;
      const at = ledger.add(item, assessWithDecision(policy, item, live, today, { counterfactuals: false }), live?.commit);
      if (item.id === id && !found) {
        found = item;
        position = at;
      }
      continue;
    }
    if (item.id === id) {
      found = item;
      break;
    }
    if (lookAlikeKey(item.id) === looks || item.id.replace(/\W/g, '') === bare) nearby.push(item.id);
  }
  if (!found && invalid) throw invalidItem(id, invalid.file, invalid.problems);
  if (!found) {
    throw new TriageError('usage', `no item with id "${id}" in ${paths.map((p) => (p === '-' ? '<stdin>' : p)).join(', ')}`, {
      hint: nearby.length > 0 ? `did you mean ${nearby.slice(0, 3).join(', ')}?` : 'ids are case-sensitive; triage score lists them',
    });
  }
  const decision = decisions?.byId.get(found.id);
  const { trace } = explainAssessment(policy, found, decision?.answers ? { answers: decision.answers } : {});
  let assessment = assessWithDecision(policy, found, decision, today, { counterfactuals: true });
  if (plan && ledger) {
    const { loadSolver } = await import('../capacity/solve.js');
    ledger.select(await loadSolver({ timeLimit: options.timeLimit ?? DEFAULT_CAPACITY_TIME_LIMIT }));
    assessment = applyCapacity(plan, assessment, ledger.outcome(position));
  }
  const color = colorEnabled(io.stdout, io.env, options.color);
  if (options.format === 'json') {
    const meta = runMeta(loaded, paths, clock(io.env));
    io.stdout.write(`${JSON.stringify({ meta, item: { ...found.values, ...found.extra }, assessment, trace }, null, 2)}\n`);
  } else if (options.full) {
    io.stdout.write(renderFullExplanation({ policy, item: found, assessment, trace }, color));
  } else {
    io.stdout.write(renderExplanationSummary({ policy, item: found, assessment, today }, { color, width: terminalWidth(io.stdout, io.env, 80) }));
  }
  if (decision && isExpired(decision, today) && !options.quiet) {
    io.stderr.write(`${printable(`note: the decision for "${found.id}" expired on ${decision.expires}, so the tool's recommendation applies again`)}\n`);
  }
  return ExitCode.ok;
}

/** The item exists but is invalid: its first problem at its position, and where to see them all. */
function invalidItem(id: string, file: string, problems: readonly ItemProblem[]): TriageError {
  const first = problems[0];
  const why = first ? `: ${first.message}` : '';
  const more = problems.length > 1 ? `it has ${problems.length} problems; ` : '';
  return new TriageError('item-invalid', `item "${id}" is invalid, so it cannot be explained${why}`, {
    position: { file, ...(first ? { line: first.line, column: first.column } : {}) },
    hint: `${more}fix it and run again (triage validate ${file} lists every problem)`,
  });
}

/** A record's raw value for a field, as text, before it is read (CSV records may hold only cells). */
function rawText(record: RawRecord, field: string): string | undefined {
  const { cells, columns } = record;
  const raw = cells !== undefined && columns !== undefined ? cells[columns.indexOf(field)] : record.values[field];
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : undefined;
}
