/**
 * One item's explanation as HTML, behind a `<details>`: its description in full, what it was
 * seen to be, every criterion, signal and routing rule with its outcome. Renders the trace `explainAssessment`
 * returns, as `triage explain` does for the terminal.
 */
import type { Policy } from '../core/compile.js';
import type { Assessment, AssessmentTrace, ConditionTrace, RuleTrace, Tri, WorkItem } from '../core/types.js';
import { becauseOf, counterfactualText } from '../core/because.js';
import { answersGiven, decisionNote } from './columns.js';
import { describeItem } from './explain.js';
import { html, type Markup } from './html-markup.js';
import { formatNumber } from './style.js';

export interface ExplainedItem {
  item: WorkItem;
  assessment: Assessment;
  trace: AssessmentTrace;
  /** The anchor id the report's tables link to. */
  anchor: string;
  /** Class giving the route's colour. */
  routeClass: string;
}

/** The `<details>` element for one item. */
export function renderDetails(policy: Policy, e: ExplainedItem): Markup {
  const a = e.assessment;
  return html`<details id="${e.anchor}" class="explain">
<summary><span class="id">${a.id}</span> ${a.title} <span class="tag ${e.routeClass}">${a.routeLabel}</span></summary>
<div class="explain-body">
<p class="because"><b>${becauseOf(policy, e.item, answersGiven(a)).text}</b></p>
${a.firm ? '' : html`<p class="muted">Not settled: alignment could be ${a.alignmentRange[0]}-${a.alignmentRange[1]} and transformation ${a.transformationRange[0]}-${a.transformationRange[1]} once the missing facts are known; chase ${(a.missingFacts ?? []).join(', ')}.</p>`}
${description(e.item)}
${routeParagraph(a)}
${whatIfs(policy, a)}
${facts(e.item)}
${alignment(policy, a, e.trace)}
${transformation(policy, a, e.trace)}
<p><b>Confidence ${a.confidence.toFixed(2)}</b> <span class="muted">— the share of criteria and signals the data could decide; unknown ones count as not met.</span></p>
${routing(e.trace)}
</div>
</details>`;
}

/** What would change the route: the fewest-change counterfactual of each route. */
function whatIfs(policy: Policy, a: Assessment): Markup {
  const all = a.counterfactuals ?? [];
  const first = all.filter((cf, k) => all.findIndex((other) => other.route === cf.route) === k);
  if (first.length === 0) return html``;
  return html`<p><b>What would change it</b></p>
<ul class="what-if">${first.map((cf) => html`<li>${counterfactualText(policy, cf, a)}</li>`)}</ul>`;
}

function routeParagraph(a: Assessment): Markup {
  const note = decisionNote(a);
  if (note) {
    return html`<p class="decision"><b>${a.routeLabel}</b>, decided by a person. ${note}</p>
<p class="muted">The tool's reason for ${a.recommended?.routeLabel ?? ''}: ${a.recommended?.reason.trim() ?? ''}</p>`;
  }
  return html`<p><b>${a.routeLabel}</b> by rule <code>${a.rule}</code>: ${a.reason.trim()}</p>`;
}

/** The item's description in full, line breaks kept; the facts below give the other values. */
function description(item: WorkItem): Markup {
  const text = item.values['description'];
  if (typeof text !== 'string' || text.trim() === '') return html``;
  return html`<p class="description">${text.trim()}</p>`;
}

/** The item's other values, one a line, shortened as in a trace. */
function facts(item: WorkItem): Markup {
  const { description: _shownInFull, ...values } = item.values;
  const lines = describeItem({ ...item, values });
  if (lines.length === 0) return html``;
  return html`<ul class="facts">${lines.map((line) => html`<li>${line}</li>`)}</ul>`;
}

function alignment(policy: Policy, a: Assessment, trace: AssessmentTrace): Markup {
  const rows = a.principles.map((score) => {
    const principle = policy.principles.find((p) => p.id === score.id);
    const criteria = score.criteria.map((criterion) => {
      const ask = principle?.criteria.find((k) => k.id === criterion.id)?.ask;
      const test = trace.criteria[criterion.id];
      return html`<li>${mark(criterion.met)} <span class="muted">${formatNumber(criterion.points)} pt</span> ${ask ?? criterion.id}${criterion.answered ? html` <em>(answered in review)</em>` : ''}${test ? conditionList(test) : ''}</li>`;
    });
    return html`<tr><th scope="row">${principle?.title ?? score.id}</th><td class="num">${formatNumber(score.weight)}</td><td class="num">${score.score}</td><td class="num">${formatNumber(score.contribution)}</td></tr>
<tr class="criteria-row"><td colspan="4"><ul class="criteria">${criteria}</ul></td></tr>`;
  });
  return html`<h3>Alignment ${a.alignment}/100 <span class="muted">— the weighted mean of principle scores</span></h3>
<table class="principles"><thead><tr><th>Principle</th><th class="num">Weight</th><th class="num">Score</th><th class="num">Adds</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function transformation(policy: Policy, a: Assessment, trace: AssessmentTrace): Markup {
  const signals = a.signals.map((signal) => {
    const spec = policy.signals.find((s) => s.id === signal.id);
    const points = signal.points > 0 ? `+${formatNumber(signal.points)}` : formatNumber(signal.points);
    const test = trace.signals[signal.id];
    return html`<li>${mark(signal.met)} <b class="points">${points}</b> ${signal.id}${spec?.description ? html` <span class="muted">— ${spec.description}</span>` : ''}${test ? conditionList(test) : ''}</li>`;
  });
  return html`<h3>Transformation ${a.transformation}/100 → ${a.classification}</h3>
<p class="muted">${trace.classificationReason}.</p>
<ul class="signals">${signals}</ul>`;
}

function routing(trace: AssessmentTrace): Markup {
  return html`<h3>Routing <span class="muted">— rules in order; the first that matches decides</span></h3>
<ol class="rules">${trace.rules.map(ruleItem)}</ol>`;
}

function ruleItem(rule: RuleTrace): Markup {
  const outcome =
    rule.outcome === 'matched'
      ? 'matched'
      : rule.outcome === 'not-matched'
        ? 'did not match'
        : rule.outcome === 'unknown'
          ? 'could not tell (a field it needs is unknown)'
          : `not reached${rule.wouldMatch === true ? ' (would also match)' : ''}`;
  return html`<li class="rule-${rule.outcome}"><code>${rule.id}</code> → ${rule.route}: ${outcome}${rule.outcome === 'not-reached' ? '' : conditionList(rule.condition)}</li>`;
}

function conditionList(trace: ConditionTrace): Markup {
  const seen = trace.actual === undefined ? '' : html` <span class="seen">[${trace.actual}]</span>`;
  const children = trace.children?.length ? html`${trace.children.map(conditionList)}` : '';
  return html`<ul class="test"><li>${mark(trace.result)} <code>${trace.test}</code>${seen}${children}</li></ul>`;
}

/** ✓, ✗ or ?, with words for screen readers and print. */
function mark(result: Tri): Markup {
  if (result === true) return html`<span class="yes" title="met">✓</span>`;
  if (result === false) return html`<span class="no" title="not met">✗</span>`;
  return html`<span class="unknown" title="unknown">?</span>`;
}
