/**
 * A pairwise comparisons file (YAML) for `triage weights --matrix`:
 *
 *     pairwise:
 *       insight-led: { self-empowerment: 3, continuous-feedback: 1/2 }
 *
 * `a: { b: 3 }` says a is moderately more important than b (so b is 1/3 as important as a).
 * Every pair of the principle set's principles is named exactly once, in either direction.
 * Every problem is a finding at its line and column.
 */
import { closest } from '../validate/suggest.js';
import type { Judgement } from '../core/weights-report.js';
import { formatScaleValue, scaleValue } from '../core/saaty-scale.js';
import type { Finding } from '../findings.js';
import type { RuleId } from '../rule-ids.js';
import { decodeUtf8, displayName, readBytes } from '../io/read.js';
import { parseYaml, positionAt, toPlain, type LineColumn, type YamlSource } from '../io/yaml.js';
import { InvalidFileError } from './load.js';

/** A file of at most 45 judgements has no business being larger. */
export const MAX_PAIRWISE_BYTES = 256 * 1024;

/** The problems a pairwise comparisons file can have (weights --matrix), beside the file-level ones. */
export type PairwiseRuleId =
  | 'file/empty'
  | 'pairwise/duplicate-pair'
  | 'pairwise/missing-pair'
  | 'pairwise/scale'
  | 'pairwise/schema'
  | 'pairwise/self'
  | 'pairwise/unknown-principle'
  | RuleId;

export interface PairwiseCheck {
  file: string;
  /** Present when the file is usable: one judgement per pair, in the file's order. */
  judgements: Judgement[] | undefined;
  findings: Array<Finding<PairwiseRuleId>>;
}

/** Past this many pairs missing, one finding lists them all (a new file misses most). */
const MAX_MISSING_LISTED = 3;

const EXAMPLE = 'e.g. pairwise: { insight-led: { self-empowerment: 3 } }';
const SCALE_HINT = 'give 1 to 9 (1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, 6, 8 between), or 1/2 to 1/9 when the other is the more important';

/**
 * Check the text of a pairwise comparisons file against the principles it compares (their
 * ids in set order). `principlesFile` names the principle set in messages. No I/O.
 */
export function checkPairwise(text: string, file: string, ids: readonly string[], principlesFile: string): PairwiseCheck {
  const source = parseYaml(text);
  const findings: Array<Finding<PairwiseRuleId>> = source.problems.map((p) => ({ ...p, severity: 'error' as const, file }));
  if (findings.length > 0) return { file, judgements: undefined, findings };
  const add = (ruleId: PairwiseRuleId, message: string, at: LineColumn): void => {
    findings.push({ ruleId, severity: 'error', message, file, line: at.line, column: at.column });
  };
  const data = toPlain(source);
  const top = topLevel(data, source, add);
  if (top === undefined) return { file, judgements: undefined, findings };

  const known = new Set(ids);
  const seen = new Map<string, LineColumn>();
  const judgements: Judgement[] = [];
  const unknown = (id: string, at: LineColumn): void => {
    const near = closest(id, ids);
    add('pairwise/unknown-principle', `"${id}" is not a principle of ${principlesFile}${near ? `: did you mean "${near}"?` : ''} (its principles: ${ids.join(', ')})`, at);
  };
  for (const [first, row] of Object.entries(top)) {
    const firstAt = positionAt(source, ['pairwise', first], true);
    if (!known.has(first)) unknown(first, firstAt);
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      add('pairwise/schema', `"${first}" must map each principle it is compared with to a judgement, e.g. ${first}: { another-principle: 3 }`, positionAt(source, ['pairwise', first]));
      continue;
    }
    for (const [second, written] of Object.entries(row as Record<string, unknown>)) {
      const keyAt = positionAt(source, ['pairwise', first, second], true);
      const valueAt = positionAt(source, ['pairwise', first, second]);
      if (!known.has(second)) unknown(second, keyAt);
      if (second === first) {
        add('pairwise/self', `"${first}" is compared with itself: a principle is always equally important as itself, so remove this entry`, keyAt);
        continue;
      }
      const value = typeof written === 'number' || typeof written === 'string' ? scaleValue(written) : undefined;
      if (value === undefined) add('pairwise/scale', `${describe(written)} is not on Saaty's scale: ${SCALE_HINT}`, valueAt);
      if (!known.has(first) || !known.has(second)) continue;
      const pair = pairKey(first, second);
      const before = seen.get(pair);
      if (before) {
        add('pairwise/duplicate-pair', `${first} and ${second} are compared twice, here and at line ${before.line}, column ${before.column}: keep one of the two`, keyAt);
        continue;
      }
      seen.set(pair, keyAt);
      if (value !== undefined) judgements.push({ first, second, value });
    }
  }
  const missing: Array<[string, string]> = [];
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => (seen.has(pairKey(a, b)) ? undefined : missing.push([a, b]))));
  const at = positionAt(source, ['pairwise'], true);
  if (missing.length > MAX_MISSING_LISTED) {
    const [a, b] = missing[0] as [string, string];
    add('pairwise/missing-pair', `${missing.length} pairs are not compared: ${missing.map(([x, y]) => `${x} and ${y}`).join(', ')}; each pair needs one judgement, e.g. ${a}: { ${b}: 3 }`, at);
  } else {
    for (const [a, b] of missing) {
      add('pairwise/missing-pair', `${a} and ${b} are not compared: add ${a}: { ${b}: N } with N from 1 to 9, or 1/2 to 1/9 when ${b} is the more important`, at);
    }
  }
  return findings.length > 0 ? { file, judgements: undefined, findings } : { file, judgements, findings };
}

/** The `pairwise` mapping, or undefined with a finding when the file is not shaped so. */
function topLevel(data: unknown, source: YamlSource, add: (ruleId: PairwiseRuleId, message: string, at: LineColumn) => void): Record<string, unknown> | undefined {
  if (data === null || data === undefined) {
    add('file/empty', `the file holds no pairwise comparisons: write one judgement per pair of principles, ${EXAMPLE}`, { line: 1, column: 1 });
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    add('pairwise/schema', `a pairwise comparisons file must be a mapping with "pairwise:", ${EXAMPLE}`, { line: 1, column: 1 });
    return undefined;
  }
  const extra = Object.keys(data).filter((key) => key !== 'pairwise');
  for (const key of extra) add('pairwise/schema', `unknown key "${key}": the file holds only "pairwise:"`, positionAt(source, [key], true));
  const top = (data as Record<string, unknown>)['pairwise'];
  if (!Object.hasOwn(data, 'pairwise')) {
    if (extra.length === 0) add('pairwise/schema', `the file has no "pairwise:" mapping, ${EXAMPLE}`, { line: 1, column: 1 });
    return undefined;
  }
  if (top === null || typeof top !== 'object' || Array.isArray(top)) {
    add('pairwise/schema', `"pairwise" must be a mapping from a principle to the principles it is compared with, ${EXAMPLE}`, positionAt(source, ['pairwise']));
    return undefined;
  }
  return top as Record<string, unknown>;
}

/** A value as a message quotes it. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Read and check a pairwise comparisons file (or `-` for standard input); throws when it cannot be used (exit 2). */
export async function loadPairwise(path: string, ids: readonly string[], principlesFile: string, options: { stdin?: NodeJS.ReadableStream } = {}): Promise<Judgement[]> {
  const file = displayName(path);
  const bytes = await readBytes(path, { what: 'pairwise comparisons file', maxBytes: MAX_PAIRWISE_BYTES, ...(options.stdin ? { stdin: options.stdin } : {}) });
  const check = checkPairwise(decodeUtf8(bytes, file), file, ids, principlesFile);
  if (!check.judgements) throw new InvalidFileError('syntax', check.findings, 'pairwise comparisons file');
  return check.judgements;
}

/** The judgements as a pairwise comparisons file, one row per principle in set order. */
export function renderPairwise(judgements: readonly Judgement[], ids: readonly string[], comment?: string): string {
  const lines: string[] = [];
  if (comment) for (const line of comment.split('\n')) lines.push(`# ${line}`.trimEnd());
  lines.push('pairwise:');
  for (const first of ids) {
    const row = judgements.filter((j) => j.first === first);
    if (row.length === 0) continue;
    lines.push(`  ${first}: { ${row.map((j) => `${j.second}: ${formatScaleValue(j.value)}`).join(', ')} }`);
  }
  return `${lines.join('\n')}\n`;
}
