/**
 * `triage explain`: one item on one screen. The reason first, then the scores with what
 * carried them, what is not known, and what would change the route; the full trace is one
 * option away (`--full`). Fits the terminal's width. Pure: data in, text out.
 */
import { becauseOf, counterfactualText } from '../core/because.js';
import type { Policy } from '../core/compile.js';
import { printable, printableData } from '../core/printable.js';
import type { Assessment, Counterfactual, WorkItem } from '../core/types.js';
import { answersGiven } from './columns.js';
import { capacityText, decisionText } from './decision-text.js';
import { formatNumber, paintRoute, painter } from './style.js';
import { wrap } from './wrap.js';

export interface SummaryInput {
  policy: Policy;
  item: WorkItem;
  /** Assessed with counterfactuals (and with the item's decision, when there is one). */
  assessment: Assessment;
  /** Today (YYYY-MM-DD), to say whether a decision has expired. */
  today?: string;
}

export interface SummaryOptions {
  color: boolean;
  /** Columns to fit (at least 40). */
  width: number;
}

/** Counterfactuals shown; the JSON has them all. */
const SHOWN_WHAT_IFS = 4;

export function renderExplanationSummary(input: SummaryInput, options: SummaryOptions): string {
  const c = painter(options.color);
  const width = Math.max(40, options.width);
  const { policy } = input;
  // Item text is escaped before it is coloured; the principle set's text is checked on load.
  const { item, assessment: a } = printableData({ item: input.item, assessment: input.assessment });
  const out: string[] = [];
  const para = (text: string, indent = '', first = indent): void => {
    wrap(text, width - indent.length).forEach((line, k) => out.push(`${k === 0 ? first : indent}${line}`));
  };
  const where = item.source ? `  (${item.source.file}:${item.source.line})` : '';
  para(`${item.id}  ${item.title}${where}`);
  const recommended = a.recommended ? { ...a, ...a.recommended } : a;
  // With the answers a decision recorded, as the recommendation beside it was worked out.
  const because = printable(becauseOf(policy, input.item, answersGiven(a)).text);
  out.push('');
  wrap(because, width - 2).forEach((line, k) => out.push(k === 0 ? paintFirst(c, recommended.route, line, recommended.routeLabel) : `  ${line}`));
  const settled = a.firm ? 'settled' : `not settled: ${missingText(a)}`;
  para(`rule ${recommended.rule} · confidence ${a.confidence.toFixed(2)} · ${settled}`, '  ', '  ');
  if (a.decision) para(decisionText(policy, a, input.today), '  ', '  ');
  if (a.capacity) para(capacityText(a), '  ', '  ');

  const description = item.values['description'];
  if (typeof description === 'string' && description.trim() !== '') {
    out.push('');
    para(description.replace(/\s+/g, ' ').trim(), '  ', '  ');
  }

  out.push('');
  const range = (lo: number, hi: number): string => (lo === hi ? '' : ` (could be ${lo}-${hi})`);
  const carried = [...a.principles]
    .filter((p) => p.contribution > 0)
    .sort((x, y) => y.contribution - x.contribution)
    .slice(0, 2)
    .map((p) => `${policy.principles.find((q) => q.id === p.id)?.title ?? p.id} +${formatNumber(p.contribution)}`);
  row(out, width, `${c.bold('Alignment')}`, 'Alignment', `${a.alignment}${range(...a.alignmentRange)}${carried.length > 0 ? `: ${carried.join(', ')}` : ''}`);
  const met = a.signals.filter((s) => s.met === true).sort((x, y) => Math.abs(y.points) - Math.abs(x.points));
  const signals = met.slice(0, 3).map((s) => `${s.id} ${s.points > 0 ? '+' : '−'}${formatNumber(Math.abs(s.points))}`);
  // `and 2 more`, not `+2 more`, which would read as points.
  const moreSignals = met.length > 3 ? ` and ${met.length - 3} more` : '';
  row(
    out,
    width,
    c.bold('Transformation'),
    'Transformation',
    `${a.transformation} ${a.classification}${range(...a.transformationRange)}${signals.length > 0 ? `: ${signals.join(', ')}${moreSignals}` : ''}`,
  );
  const missing = [...policy.leavesByField.keys()].filter((field) => input.item.values[field] === undefined);
  if (missing.length > 0) row(out, width, c.bold('Not known'), 'Not known', missing.join(', '));

  const whatIfs = firstPerRoute(a.counterfactuals ?? []);
  if (whatIfs.length > 0) {
    out.push('', c.bold('What would change it'));
    const shown = whatIfs.filter((cf, k) => k < SHOWN_WHAT_IFS && whatIfs.findIndex((x) => x.route === cf.route) === k);
    for (const cf of shown) para(printable(counterfactualText(policy, cf, a)), '    ', '  ');
    const more = (a.counterfactuals ?? []).length - shown.length;
    if (more > 0) out.push(c.dim(`  … ${more} more: --format json lists them all`));
  }
  out.push('', ...wrap(`Every criterion, signal and rule: triage explain ${item.id} --full`, width).map((line) => c.dim(line)));
  return printable(`${out.join('\n')}\n`, { lines: true, colour: options.color });
}

const LABEL = 16;

/** `Label           text`, the text wrapped under itself. */
function row(out: string[], width: number, painted: string, label: string, text: string): void {
  wrap(text, width - LABEL).forEach((line, k) =>
    out.push(k === 0 ? `${painted}${' '.repeat(Math.max(1, LABEL - label.length))}${line}` : `${' '.repeat(LABEL)}${line}`),
  );
}

/** The route label at the start of the first line, in the route's colour. */
function paintFirst(c: ReturnType<typeof painter>, route: string, line: string, label: string): string {
  return line.startsWith(label) ? paintRoute(c, route, label) + line.slice(label.length) : line;
}

/** The missing facts, those that could change the route on their own marked. */
function missingText(a: Assessment): string {
  const facts = a.missingFacts ?? [];
  if (facts.length === 0) return 'some facts are missing';
  const shown = facts.length > 3 ? `${facts.slice(0, 3).join(', ')} and ${facts.length - 3} more` : facts.join(', ');
  return `chase ${shown}`;
}

/** One counterfactual per route first (the fewest changes), then the rest. */
function firstPerRoute(all: readonly Counterfactual[]): Counterfactual[] {
  const seen = new Set<string>();
  const first: Counterfactual[] = [];
  const rest: Counterfactual[] = [];
  for (const cf of all) {
    if (seen.has(cf.route)) rest.push(cf);
    else {
      seen.add(cf.route);
      first.push(cf);
    }
  }
  return [...first, ...rest];
}
