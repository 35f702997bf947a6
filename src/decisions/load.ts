/**
 * Read a decisions file (YAML): `decisions: [{ id, route, rationale, ... }]`. Every problem
 * is a finding at its line and column; checks that need the policy or the items are separate
 * so `score`, `review` and `validate` can each use what they know.
 */
import { createHash } from 'node:crypto';
import { isMap, isSeq, type Node } from 'yaml';
import type { Decision } from '../core/decisions.js';
import { canonicalId } from '../core/ids.js';
import type { Policy } from '../core/compile.js';
import type { Finding } from '../findings.js';
import type { RuleId } from '../rule-ids.js';
import { decodeUtf8, displayName, readBytes } from '../io/read.js';
import { parseYaml, positionAt, toPlain, type YamlSource } from '../io/yaml.js';
import { InvalidFileError } from '../principles/load.js';

export const MAX_DECISIONS_BYTES = 20 * 1024 * 1024;

export interface DecisionsCheck {
  file: string;
  /** Present when the file is usable (no errors). */
  decisions: Decision[] | undefined;
  findings: Finding[];
  source: YamlSource;
  /** Position of each decision's `id` value, by item id. */
  positions: Map<string, { line: number; column: number }>;
}

export interface LoadedDecisions {
  file: string;
  decisions: Decision[];
  byId: Map<string, Decision>;
  positions: Map<string, { line: number; column: number }>;
  /** `sha256:` hex of the file's bytes, so a writer can tell if someone else changed it. */
  hash: string;
}

const KEYS = new Set(['id', 'route', 'rationale', 'recommended', 'by', 'at', 'answers', 'fingerprint', 'expires', 'commit']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 date, or date and time (seconds, fraction and zone optional), as `review` writes `at`. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/** A day that exists: 2024-02-29 does, 2024-02-30 and 2023-02-29 do not. */
function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

/** `YYYY-MM-DD` naming a day that exists. */
export function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 date or date-time whose day, hour, minute, second and zone all exist. */
export function isRealDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (m === null || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second, zoneHour, zoneMinute] = [m[4], m[5], m[6], m[8], m[9]].map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return hour <= 23 && minute <= 59 && second <= 59 && zoneHour <= 23 && zoneMinute <= 59;
}

/** Check the text of a decisions file: syntax and shape. No I/O. */
export function checkDecisions(text: string, file: string): DecisionsCheck {
  const source = parseYaml(text);
  const positions = new Map<string, { line: number; column: number }>();
  const findings: Finding[] = source.problems.map((p) => ({ ...p, severity: 'error' as const, file }));
  if (findings.length > 0) return { file, decisions: undefined, findings, source, positions };

  const add = (path: Array<string | number>, message: string, ruleId: RuleId = 'decisions/schema', key = false): void => {
    const at = positionAt(source, path, key);
    findings.push({ ruleId, severity: 'error', message, file, line: at.line, column: at.column });
  };
  const contents = source.doc.contents as Node | null;
  // An empty file is a file with no decisions yet.
  if (contents === null) return { file, decisions: [], findings, source, positions };
  const list = isMap(contents) ? contents.get('decisions', true) : undefined;
  if (!isMap(contents) || (list !== undefined && list !== null && !isSeq(list))) {
    add(isMap(contents) ? ['decisions'] : [], 'a decisions file must be a mapping with a "decisions:" list');
    return { file, decisions: undefined, findings, source, positions };
  }
  const data = toPlain(source) as { decisions?: unknown[] | null };
  for (const key of Object.keys(data)) {
    if (key !== 'decisions' && key !== 'version')
      add([key], `unknown key "${key}": a decisions file holds "decisions:" (and optionally "version:")`, 'decisions/schema', true);
  }
  const decisions: Decision[] = [];
  const firstAt = new Map<string, { line: number; column: number }>();
  (data.decisions ?? []).forEach((entry, i) => {
    const path = ['decisions', i];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      add(path, `decision ${i + 1} must be a mapping with id, route and rationale`);
      return;
    }
    const d = entry as Record<string, unknown>;
    let ok = true;
    for (const key of Object.keys(d)) {
      if (!KEYS.has(key)) {
        add(
          [...path, key],
          `unknown key "${key}" in decision ${i + 1}: use id, route, rationale, recommended, by, at, answers, fingerprint, expires, commit`,
          'decisions/schema',
          true,
        );
        ok = false;
      }
    }
    for (const key of ['id', 'route'] as const) {
      const value = d[key];
      if (typeof value === 'number' && key === 'id') d[key] = String(value);
      else if (typeof value !== 'string' || value.trim() === '') {
        add(value === undefined ? path : [...path, key], `decision ${i + 1} needs "${key}" as text`);
        ok = false;
      }
    }
    for (const key of ['rationale', 'recommended', 'by', 'at', 'fingerprint'] as const) {
      if (d[key] !== undefined && d[key] !== null && typeof d[key] !== 'string') {
        add([...path, key], `"${key}" must be text`);
        ok = false;
      }
    }
    if (d['expires'] !== undefined && (typeof d['expires'] !== 'string' || !isRealDate(d['expires']))) {
      const shaped = typeof d['expires'] === 'string' && DATE.test(d['expires']);
      add(
        [...path, 'expires'],
        shaped
          ? `"expires" is ${d['expires'] as string}, a day that does not exist: give a real date, YYYY-MM-DD`
          : '"expires" must be a date written YYYY-MM-DD (quote it in YAML)',
      );
      ok = false;
    }
    if (d['commit'] !== undefined && d['commit'] !== 'in' && d['commit'] !== 'out') {
      add([...path, 'commit'], '"commit" must be in (commit the item within its route\'s capacity) or out (leave it out)');
      ok = false;
    }
    if ((d['commit'] === 'in' || d['commit'] === 'out') && (typeof d['rationale'] !== 'string' || d['rationale'].trim() === '')) {
      add(
        [...path, 'commit'],
        `decision ${i + 1} forces the item ${d['commit'] === 'in' ? 'into' : 'out of'} its route's capacity: give the "rationale" for it`,
      );
      ok = false;
    }
    if (typeof d['at'] === 'string' && !isRealDateTime(d['at'])) {
      add([...path, 'at'], `"at" is "${d['at']}", which is not a real date and time: write it as ISO 8601, e.g. 2025-03-04T09:12:38Z (review writes it so)`);
      ok = false;
    }
    const answers = d['answers'];
    if (answers !== undefined && answers !== null) {
      if (typeof answers !== 'object' || Array.isArray(answers)) {
        add([...path, 'answers'], '"answers" must map criterion ids to yes, no or null');
        ok = false;
      } else {
        for (const [criterion, answer] of Object.entries(answers)) {
          if (answer !== true && answer !== false && answer !== null) {
            add([...path, 'answers', criterion], `the answer to "${criterion}" must be true, false or null (don't know)`);
            ok = false;
          }
        }
      }
    }
    if (!ok) return;
    // Compared as item ids are: in NFC, so NFC and NFD `CAFÉ-1` are one item's id.
    const id = canonicalId(d['id'] as string);
    d['id'] = id;
    const { line, column } = positionAt(source, [...path, 'id']);
    const at = { line, column };
    const earlier = firstAt.get(id);
    if (earlier) {
      findings.push({
        ruleId: 'decisions/duplicate-id',
        severity: 'error',
        message: `item "${id}" has two decisions (first at line ${earlier.line}, column ${earlier.column}): keep one`,
        file,
        line: at.line,
        column: at.column,
        related: [{ file, ...earlier, message: `first decision for "${id}"` }],
      });
      return;
    }
    firstAt.set(id, at);
    positions.set(id, at);
    decisions.push(cleanDecision(d));
  });
  return { file, decisions: findings.length > 0 ? undefined : decisions, findings, source, positions };
}

function cleanDecision(d: Record<string, unknown>): Decision {
  const decision: Decision = { id: d['id'] as string, route: (d['route'] as string).trim() };
  for (const key of ['rationale', 'recommended', 'by', 'at', 'fingerprint', 'expires'] as const) {
    const value = d[key];
    if (typeof value === 'string') decision[key] = value;
  }
  if (d['commit'] === 'in' || d['commit'] === 'out') decision.commit = d['commit'];
  if (d['answers'] && typeof d['answers'] === 'object') decision.answers = { ...(d['answers'] as Record<string, boolean | null>) };
  return decision;
}

/** Decisions whose route the policy does not declare, or answers to criteria it does not have. */
export function checkDecisionsAgainstPolicy(check: DecisionsCheck, policy: Policy): Finding[] {
  const findings: Finding[] = [];
  const criteria = new Set(policy.principles.flatMap((p) => p.criteria.map((c) => c.id)));
  const routes = [...policy.routes.keys()];
  // Decisions exist only when the file had no errors, so index i is the file's entry i.
  (check.decisions ?? []).forEach((decision, index) => {
    const path = ['decisions', index];
    if (!policy.routes.has(decision.route)) {
      const at = positionAt(check.source, [...path, 'route']);
      findings.push({
        ruleId: 'decisions/unknown-route',
        severity: 'error',
        message: `decision for "${decision.id}" names route "${decision.route}", which the principle set does not declare: use one of ${routes.join(', ')}`,
        file: check.file,
        line: at.line,
        column: at.column,
      });
    }
    for (const criterion of Object.keys(decision.answers ?? {})) {
      if (!criteria.has(criterion)) {
        const at = positionAt(check.source, [...path, 'answers', criterion], true);
        findings.push({
          ruleId: 'decisions/unknown-criterion',
          severity: 'warning',
          message: `decision for "${decision.id}" answers "${criterion}", which is not a criterion of the principle set: the answer is ignored`,
          file: check.file,
          line: at.line,
          column: at.column,
        });
      }
    }
  });
  return findings;
}

/** Load a decisions file for `score`: any error refuses the file (exit 2). */
export async function loadDecisions(path: string, policy: Policy): Promise<LoadedDecisions> {
  const file = displayName(path);
  const bytes = await readBytes(path, { what: 'decisions file', maxBytes: MAX_DECISIONS_BYTES });
  const check = checkDecisions(decodeUtf8(bytes, file), file);
  const errors = [...check.findings, ...checkDecisionsAgainstPolicy(check, policy)].filter((f) => f.severity === 'error');
  if (!check.decisions || errors.length > 0) throw new InvalidFileError('decisions-invalid', errors, 'decisions file');
  return {
    file,
    decisions: check.decisions,
    byId: new Map(check.decisions.map((d) => [d.id, d])),
    positions: check.positions,
    hash: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
  };
}
