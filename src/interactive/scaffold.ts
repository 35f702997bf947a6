/**
 * What `triage init` writes: a principle set made from The Union's (its comments kept, so the
 * new file explains itself) with the organisation's own name, route labels, principles and
 * weights, and a short example backlog. Pure: text in, text out.
 */
import { Document, isMap, isSeq, parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { wrap } from '../formats/wrap.js';
import type { PrincipleSet } from '../core/types.js';

/** A principle the organisation adds: met when an item's description mentions a keyword. */
export interface NewPrinciple {
  title: string;
  weight: number;
  keywords: string[];
}

/** Everything `triage init` asks. */
export interface InitPlan {
  organisation: string;
  /** Route labels by route id (the ids stay: they are a contract). */
  routeLabels: Record<string, string>;
  /** The base set's principles to keep, with their weights, in the base set's order. */
  principles: Array<{ id: string; weight: number }>;
  added: NewPrinciple[];
}

/** The plan that changes nothing: The Union's defaults (`--yes`). */
export function defaultPlan(set: PrincipleSet): InitPlan {
  return {
    organisation: set.organisation,
    routeLabels: Object.fromEntries(set.routes.map((r) => [r.id, r.label])),
    principles: set.principles.map((p) => ({ id: p.id, weight: p.weight })),
    added: [],
  };
}

/**
 * The principle set text: the base set's text, edited in place where the plan differs (so its
 * comments and layout stay as written). `schema` is the path of the JSON Schema as seen from
 * the new file, for editors.
 */
export function scaffoldPrinciples(baseText: string, base: PrincipleSet, plan: InitPlan, options: { schema?: string; fileName?: string } = {}): string {
  const doc = parseDocument(baseText);
  const root = doc.contents as YAMLMap;
  const edits: Edit[] = [];
  const replace = (node: unknown, text: string): void => {
    const range = (node as Scalar | undefined)?.range;
    if (!range) throw new Error('the base principle set lacks a value the plan changes');
    edits.push({ start: range[0], end: range[1], text });
  };

  edits.push({ start: 0, end: leadingCommentEnd(baseText), text: header(plan.organisation, options) });
  replace(root.get('organisation', true), scalar(plan.organisation));
  if (plan.organisation !== base.organisation) {
    const description = `${plan.organisation}'s strategic principles, how it tells transformational work from business as usual, and who should take each piece of work.`;
    replace(
      root.get('description', true),
      `>-\n${wrap(description, 90)
        .map((line) => `  ${line}`)
        .join('\n')}\n`,
    );
  }
  for (const route of seqOf(root, 'routes').items) {
    if (!isMap(route)) continue;
    const label = plan.routeLabels[String(route.get('id'))];
    if (label !== undefined && label !== route.get('label')) replace(route.get('label', true), scalar(label));
  }

  rewordTexts(root, base, plan, replace);

  const principles = seqOf(root, 'principles');
  const kept = new Map(plan.principles.map((p) => [p.id, p.weight]));
  const items = principles.items as YAMLMap[];
  items.forEach((node, i) => {
    const id = String(node.get('id'));
    const weight = kept.get(id);
    if (weight === undefined) {
      // The whole entry, from its line to the next entry's line.
      const next = items[i + 1];
      edits.push({ start: lineStart(baseText, rangeOf(node)[0]), end: next ? lineStart(baseText, rangeOf(next)[0]) : rangeOf(node)[2], text: '' });
    } else if (weight !== node.get('weight')) {
      replace(node.get('weight', true), String(weight));
    }
  });
  const last = items.at(-1);
  if (plan.added.length > 0 && last) {
    const taken = new Set([...base.principles.map((p) => p.id), ...base.principles.flatMap((p) => p.criteria.map((c) => c.id))]);
    const text = plan.added.map((added) => `\n${newPrincipleText(added, taken)}`).join('');
    edits.push({ start: rangeOf(last)[2], end: rangeOf(last)[2], text });
  }
  return applyEdits(baseText, edits);
}

/**
 * The base set's reasons and descriptions name The Union and its route labels ("The Union
 * should lead", "the council owns it"): say the organisation's name and labels instead.
 */
function rewordTexts(root: YAMLMap, base: PrincipleSet, plan: InitPlan, replace: (node: unknown, text: string) => void): void {
  const swaps: Array<[string, string]> = [];
  if (plan.organisation !== base.organisation) {
    swaps.push([base.organisation, plan.organisation]);
    // The name without its article too ("committing Union resource"), unless the new name
    // holds that word itself, where replacing it again would repeat it.
    const bare = base.organisation.replace(/^The /, '');
    const to = plan.organisation.replace(/^The /, '');
    if (bare !== base.organisation && replaceWords(plan.organisation, bare, '') === plan.organisation) swaps.push([bare, to]);
  }
  for (const route of base.routes) {
    const label = plan.routeLabels[route.id];
    if (label !== undefined && label !== route.label && route.label !== base.organisation) swaps.push([route.label, label]);
  }
  if (swaps.length === 0) return;
  const reword = (node: unknown): void => {
    const value = (node as Scalar | undefined)?.value;
    if (typeof value !== 'string') return;
    const text = swaps.reduce((t, [from, to]) => replaceWords(t, from, to), value.trim());
    // A block scalar's range takes in the line break after it: keep one there.
    const block = (node as Scalar).type === 'BLOCK_FOLDED' || (node as Scalar).type === 'BLOCK_LITERAL';
    if (text !== value.trim()) replace(node, `${scalar(text)}${block ? '\n' : ''}`);
  };
  const each = (key: string, inner: (entry: YAMLMap) => void): void => {
    const list = root.get(key, true);
    if (isSeq(list)) for (const entry of list.items) if (isMap(entry)) inner(entry);
  };
  each('routes', (route) => reword(route.get('description', true)));
  each('principles', (principle) => reword(principle.get('description', true)));
  const transformation = root.get('transformation', true);
  const signals = isMap(transformation) ? transformation.get('signals', true) : undefined;
  if (isSeq(signals)) for (const signal of signals.items) if (isMap(signal)) reword(signal.get('description', true));
  const routing = root.get('routing', true);
  if (!isMap(routing)) return;
  const rules = routing.get('rules', true);
  if (isSeq(rules)) for (const rule of rules.items) if (isMap(rule)) reword(rule.get('reason', true));
  const fallback = routing.get('default', true);
  if (isMap(fallback)) reword(fallback.get('reason', true));
}

/** `text` with every whole-word `from` (case as written) replaced by `to`. */
export function replaceWords(text: string, from: string, to: string): string {
  if (from === '') return text;
  let out = '';
  let at = 0;
  for (let found = text.indexOf(from); found !== -1; found = text.indexOf(from, found + from.length)) {
    const before = text[found - 1];
    const after = text[found + from.length];
    const whole = (before === undefined || !isWordCharacter(before)) && (after === undefined || !isWordCharacter(after));
    if (!whole) continue;
    out += text.slice(at, found) + to;
    at = found + from.length;
  }
  return out + text.slice(at);
}

function isWordCharacter(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Apply edits that do not overlap, last first so earlier offsets stay true. */
function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

function rangeOf(node: YAMLMap): [number, number, number] {
  if (!node.range) throw new Error('a principle without a source range');
  return node.range;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the comment lines at the top of the file end. */
function leadingCommentEnd(text: string): number {
  let offset = 0;
  while (text.startsWith('#', offset)) {
    const end = text.indexOf('\n', offset);
    if (end === -1) return text.length;
    offset = end + 1;
  }
  return offset;
}

/** A value as a YAML scalar on one line: plain when safe, quoted when not. */
function scalar(value: string | number): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}

function header(organisation: string, options: { schema?: string; fileName?: string }): string {
  const file = options.fileName ?? 'principles.yaml';
  const text =
    `${organisation}'s principle set: what it values, how it tells transformational work from business as usual, ` +
    `and who should take each piece of work. Made by \`triage init\` from The Union's principles: change anything, ` +
    `then check it with \`triage validate ${file}\`.`;
  const lines = [...(options.schema ? [`# yaml-language-server: $schema=${options.schema}`, '#'] : []), ...wrap(text, 90).map((line) => `# ${line}`)];
  return `${lines.join('\n')}\n`;
}

function seqOf(root: YAMLMap, key: string): YAMLSeq {
  const node = root.get(key, true);
  if (!isSeq(node)) throw new Error(`the base principle set has no "${key}" list`);
  return node;
}

/** A new principle as a list entry under `principles:`, with a comment saying where it came from. */
function newPrincipleText(added: NewPrinciple, taken: Set<string>): string {
  const id = uniqueId(slug(added.title), taken);
  const criterion = uniqueId(`${id}-mentioned`, taken);
  const doc = new Document([
    {
      id,
      title: added.title,
      weight: added.weight,
      criteria: [{ id: criterion, ask: `Does the work serve ${added.title}?`, when: { field: 'description', mentions: added.keywords }, points: 1 }],
    },
  ]);
  // The condition on one line, as the rest of the file writes conditions.
  const when = doc.getIn([0, 'criteria', 0, 'when'], true);
  if (isMap(when)) when.flow = true;
  const body = doc.toString({ lineWidth: 0 }).trimEnd();
  const comment = "# Added by triage init: met when an item's description mentions one of the keywords.";
  return [comment, ...body.split('\n')].map((line) => `  ${line}`).join('\n') + '\n';
}

/** An id from a title: lower case, words joined by hyphens, starting with a letter. */
export function slug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const id = /^[a-z]/.test(words) ? words : `principle-${words}`.replace(/-+$/, '');
  const short = id.slice(0, 50).replace(/-+$/, '') || 'principle';
  // Ids that name built-in properties of objects are refused by validate.
  return short === 'constructor' || short === 'prototype' ? `principle-${short}` : short;
}

function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted.slice(0, 60)}-${n}`;
  taken.add(id);
  return id;
}

/** A short example backlog with the bundled fields: one item for each route. */
export function scaffoldBacklog(): string {
  const { header, rows } = exampleBacklog();
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** The example backlog's columns and rows, as CSV cells: what the backlog and its tests are made of. */
export function exampleBacklog(): { header: string[]; rows: string[][] } {
  const header = [
    'id',
    'title',
    'description',
    'lead',
    'organisations',
    'effort_weeks',
    'cost_gbp',
    'recurring',
    'citizen_impact',
    'evidence',
    'tags',
    'owner',
  ];
  const rows: string[][] = [
    [
      'EX-1',
      'Hospital discharge pathway redesign',
      'Redesign the discharge pathway with the acute trust so people are assessed at home, joining up council reablement and community health services. Co-designed with patients and carers.',
      'union',
      'council;ccg;acute-trust',
      '26',
      '450000',
      'no',
      '5',
      'quantitative;qualitative',
      'discharge',
      '',
    ],
    [
      'EX-2',
      'Case management licence renewal',
      'Annual renewal of the case management system licences.',
      'council',
      'council',
      '3',
      '85000',
      'yes',
      '2',
      'quantitative',
      'it',
      '',
    ],
    ['EX-3', 'GP premises maintenance', 'Planned maintenance and repairs to GP practice premises.', 'ccg', 'ccg', '8', '60000', 'yes', '2', '', 'estates', ''],
    [
      'EX-4',
      'Fix the referral form',
      'The online referral form rejects valid postcodes that contain a space; fix the validation rule.',
      'council',
      'council',
      '1',
      '0',
      'no',
      '2',
      'qualitative',
      'quick-fix',
      'A. Person',
    ],
    ['EX-5', 'Explore a joint estates strategy', 'Explore options for a joint estates strategy.', '', '', '', '', '', '', '', 'estates', ''],
  ];
  return { header, rows };
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
