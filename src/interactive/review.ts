/**
 * The review session: for each queued item, show its card, ask the unknown criteria, show
 * what the answers changed, ask for the route and (when needed) a rationale, and save the
 * decision at once. Everything it touches is passed in — prompts, clock, store, output — so
 * tests drive it with a scripted prompter.
 */
import type { CapacityTally } from '../core/capacity/tally.js';
import { assess, explainAssessment } from '../core/assess.js';
import type { Policy } from '../core/compile.js';
import { fingerprintItem, type Decision } from '../core/decisions.js';
import { printable } from '../core/printable.js';
import { isReviewRoute, suggestRoute } from '../core/suggest.js';
import type { Assessment, Tri, WorkItem } from '../core/types.js';
import { renderFullExplanation } from '../formats/explain.js';
import { renderCard, renderChanges, renderSaved, unknownCriteria, type CardOptions } from './card.js';
import { isInterrupt, type Prompter } from './prompts.js';
import { BACK, EXPLAIN, SKIP, criterionQuestion, rationaleQuestion, routeQuestion } from './questions.js';
import type { QueueEntry } from './queue.js';

/** Where decisions go: saved one at a time, each for good before the next question. */
export interface DecisionSink {
  /** The file, as shown to people. */
  readonly file: string;
  save(decision: Decision): Promise<void>;
}

export interface ReviewSession {
  policy: Policy;
  queue: readonly QueueEntry[];
  store: DecisionSink;
  prompter: Prompter;
  /** The clock, for a decision's `at`. */
  now: () => Date;
  /** Who decides: `--by` or the user's name. */
  by: string;
  /** Cards and messages (the terminal). */
  write: (text: string) => void;
  card: CardOptions;
  /** Where the session's minutes go, when asked for (`--minutes`). */
  minutes?: MinutesSink;
  /** The bodies' capacity and what the decisions so far take of it, when the set declares capacity. */
  capacity?: CapacityTally;
}

/** One thing that happened to an item in a session, for the minutes. */
export interface MinuteEntry {
  kind: 'decided' | 'skipped';
  item: WorkItem;
  /** The tool's recommendation, with the person's answers. */
  assessment: Assessment;
  answers: Record<string, Tri>;
  at: Date;
  decision?: Decision;
}

/** The record of a session as it goes: each entry kept for good before the next question. */
export interface MinutesSink {
  record(entry: MinuteEntry): Promise<void>;
}

export interface ReviewResult {
  /** Items decided in this session. */
  saved: number;
  /** Items of the queue still without a decision from this session. */
  left: number;
  /** Skipped and never decided afterwards. */
  skipped: string[];
  /** Ended by Ctrl-C. */
  interrupted: boolean;
  /** Ended by an error (a store that cannot save, say); decisions saved before it stand. */
  failure?: unknown;
}

/** What was said about an item in this session, to offer again after "back". */
interface Said {
  answers: Record<string, Tri>;
  route?: string;
  rationale?: string;
}

type Step = 'saved' | 'skipped' | 'back';

/** Walk the queue. Never throws: an interrupt or a failure ends the session with what was saved. */
export async function runReview(session: ReviewSession): Promise<ReviewResult> {
  const { queue } = session;
  const saved = new Set<string>();
  const skipped = new Set<string>();
  const said = new Map<string, Said>();
  const result = (interrupted: boolean, failure?: unknown): ReviewResult => ({
    saved: saved.size,
    left: queue.length - saved.size,
    skipped: [...skipped].filter((id) => !saved.has(id)),
    interrupted,
    ...(failure !== undefined ? { failure } : {}),
  });
  let index = 0;
  try {
    while (index < queue.length) {
      const entry = queue[index] as QueueEntry;
      const step = await reviewItem(session, entry, index, said);
      if (step === 'back') {
        index = Math.max(0, index - 1);
        continue;
      }
      if (step === 'saved') saved.add(entry.item.id);
      else skipped.add(entry.item.id);
      index++;
    }
  } catch (error) {
    return isInterrupt(error) ? result(true) : result(false, error);
  }
  return result(false);
}

async function reviewItem(session: ReviewSession, entry: QueueEntry, index: number, said: Map<string, Said>): Promise<Step> {
  const { policy, prompter, write } = session;
  const { item } = entry;
  const earlier = said.get(item.id) ?? fromDecision(entry.previous?.decision);
  const before = assess(policy, item, { counterfactuals: true });
  write(
    renderCard(
      {
        policy,
        entry,
        assessment: before,
        index,
        total: session.queue.length,
        ...(isReviewRoute(before.route) ? { suggestion: suggestRoute(policy, item) } : {}),
        ...capacityLine(session.capacity, before.route, item),
      },
      session.card,
    ),
  );

  const answers: Record<string, Tri> = {};
  for (const id of unknownCriteria(before)) {
    const criterion = policy.principles.flatMap((p) => p.criteria).find((k) => k.id === id);
    if (criterion) answers[id] = await prompter.select(criterionQuestion(criterion, earlier?.answers[id] ?? null));
  }
  const { assessment: after, trace } = explainAssessment(policy, item, { answers, counterfactuals: true });
  // The hint is worked out again from what the person said: it never rests on unknown tests.
  const suggestion = isReviewRoute(after.route) ? suggestRoute(policy, item, trace) : undefined;
  if (Object.values(answers).some((answer) => answer !== null))
    write(renderChanges(before, after, session.card, suggestion ? { policy, suggestion } : undefined));

  let choice: string;
  for (;;) {
    choice = await prompter.select(
      routeQuestion(policy, {
        recommended: after.route,
        ...(suggestion?.route ? { suggested: suggestion.route } : {}),
        ...(earlier?.route ? { earlier: earlier.route } : {}),
        canGoBack: index > 0,
      }),
    );
    if (choice !== EXPLAIN) break;
    write(renderFullExplanation({ policy, item, assessment: after, trace }, session.card.color));
  }
  said.set(item.id, { ...earlier, answers });
  if (choice === SKIP) {
    write('\n');
    await session.minutes?.record({ kind: 'skipped', item, assessment: after, answers, at: session.now() });
    return 'skipped';
  }
  if (choice === BACK) {
    write('\n');
    return 'back';
  }
  const over = session.capacity?.overBy(choice, item);
  if (over) write(`  ! ${printable(over)}\n`);
  const rationale = (await prompter.input(rationaleQuestion(policy, choice, after.route, earlier?.route === choice ? earlier.rationale : undefined))).trim();
  const decision = makeDecision(item, { route: choice, recommended: after.route, rationale, answers, by: session.by, at: session.now() });
  await session.store.save(decision);
  session.capacity?.set(item.id, choice, item);
  said.set(item.id, { answers, route: choice, rationale });
  write(renderSaved(policy, item.id, choice, session.store.file, session.card));
  await session.minutes?.record({ kind: 'decided', item, assessment: after, answers, at: session.now(), decision });
  return 'saved';
}

/** The card's capacity line, for an item on a route with a capacity. */
function capacityLine(tally: CapacityTally | undefined, route: string, item: WorkItem): { capacity?: string } {
  const line = tally?.cardLine(route, item);
  return line !== undefined ? { capacity: line } : {};
}

/** A decision as `review` records it; answers kept only where the person knew. */
export function makeDecision(
  item: WorkItem,
  made: { route: string; recommended: string; rationale: string; answers: Record<string, Tri>; by: string; at: Date },
): Decision {
  const known = Object.entries(made.answers).filter((entry): entry is [string, boolean] => entry[1] !== null);
  return {
    id: item.id,
    route: made.route,
    recommended: made.recommended,
    ...(made.rationale ? { rationale: made.rationale } : {}),
    ...(known.length > 0 ? { answers: Object.fromEntries(known) } : {}),
    by: made.by,
    at: made.at.toISOString(),
    fingerprint: fingerprintItem(item),
  };
}

function fromDecision(decision: Decision | undefined): Said | undefined {
  if (!decision) return undefined;
  return {
    answers: { ...decision.answers },
    route: decision.route,
    ...(decision.rationale ? { rationale: decision.rationale } : {}),
  };
}

/** The closing line of a session that went through the whole queue. */
export function summaryLine(result: ReviewResult, file: string): string {
  const decisions = `${result.saved} ${result.saved === 1 ? 'decision' : 'decisions'} saved to ${file}`;
  const n = result.skipped.length;
  const line =
    n === 0
      ? `Done: ${decisions}.`
      : `Done: ${decisions}; ${n} skipped (${result.skipped.join(', ')}): run the same command again to decide ${n === 1 ? 'it' : 'them'}.`;
  // Skipped ids come from the item files.
  return `${printable(line)}\n`;
}
