/**
 * The minutes of a review session, in Markdown for the board paper: each item decided, with
 * the recommendation and its reason, the decision, the rationale, who and when, and what was
 * skipped. Rendered whole after every entry, so the file is complete at every moment. Pure.
 */
import { becauseOf } from '../core/because.js';
import type { Policy } from '../core/compile.js';
import type { Decision } from '../core/decisions.js';
import type { Assessment, Tri, WorkItem } from '../core/types.js';
import { markdownCell } from './markdown-text.js';

export interface MinutesHeader {
  policy: Policy;
  principlesFile: string;
  principlesHash: string;
  decisionsFile: string;
  by: string;
  started: Date;
}

export interface Minute {
  kind: 'decided' | 'skipped';
  item: WorkItem;
  assessment: Assessment;
  answers: Readonly<Record<string, Tri>>;
  at: Date;
  decision?: Decision;
}

/** Inline Markdown text: one line, nothing active. */
const text = (value: string): string => markdownCell(value);

export function renderMinutes(header: MinutesHeader, minutes: readonly Minute[]): string {
  const { policy } = header;
  const label = (id: string): string => policy.routes.get(id)?.label ?? id;
  // The last word on an item counts: deciding it again replaces what was said before. Skipping
  // an item decided earlier in the session does not: its decision is still on file.
  const latest = new Map<string, Minute>();
  for (const m of minutes) {
    if (m.kind === 'skipped' && latest.get(m.item.id)?.kind === 'decided') continue;
    latest.set(m.item.id, m);
  }
  const decided = [...latest.values()].filter((m) => m.kind === 'decided');
  const skipped = [...latest.values()].filter((m) => m.kind === 'skipped');
  const confirmed = decided.filter((m) => m.decision?.route === m.assessment.route).length;
  const out: string[] = [
    `# Triage review: ${text(policy.organisation)}`,
    '',
    `Started ${header.started.toISOString()} by ${text(header.by)}. Principle set ${text(header.principlesFile)} (${header.principlesHash.slice(0, 19)}); decisions saved to ${text(header.decisionsFile)}.`,
    '',
    `${decided.length} decided (${decided.length - confirmed} overridden, ${confirmed} confirmed), ${skipped.length} skipped.`,
  ];
  if (decided.length > 0) out.push('', '## Decided');
  for (const m of decided) {
    const d = m.decision as Decision;
    const kind = d.route === m.assessment.route ? 'confirmed' : 'overridden';
    out.push(
      '',
      `### ${text(m.item.id)}: ${text(m.item.title)}`,
      '',
      `- Recommended: ${text(becauseOf(policy, m.item, m.answers).text)} (rule ${text(m.assessment.rule)})`,
      `- Decision: **${text(label(d.route))}** (${kind}) by ${text(d.by ?? 'unknown')} at ${d.at ?? m.at.toISOString()}`,
      `- Rationale: ${d.rationale ? text(d.rationale) : '(none given)'}`,
    );
    const said = Object.entries(m.answers).filter(([, answer]) => answer !== null);
    if (said.length > 0) out.push(`- Answers: ${said.map(([id, answer]) => `${text(id)} ${answer ? 'yes' : 'no'}`).join(', ')}`);
  }
  if (skipped.length > 0) out.push('', '## Skipped', '');
  for (const m of skipped) out.push(`- ${text(m.item.id)}: ${text(m.item.title)}. Recommended: ${text(becauseOf(policy, m.item, m.answers).text)}`);
  return `${out.join('\n')}\n`;
}
