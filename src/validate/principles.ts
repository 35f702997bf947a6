/**
 * A principle-set file under `validate`: the loader's checks (syntax, schema, semantics),
 * then routing coverage, every problem a finding at the line and column of its value.
 */
import type { PrincipleSet } from '../core/types.js';
import type { Finding } from '../findings.js';
import { positionAt, type YamlSource } from '../io/yaml.js';
import { checkPrinciples } from '../principles/load.js';
import type { DataPath } from '../principles/paths.js';
import { analyseRouting } from './coverage/routing.js';

export interface PrincipleFileCheck {
  findings: Finding[];
  /** Present when the set has no errors, so items and decisions can be checked against it. */
  set: PrincipleSet | undefined;
}

/** Check the text of a principle set. No I/O. */
export function checkPrincipleFile(text: string, file: string): PrincipleFileCheck {
  const check = checkPrinciples(text, file);
  const findings = [...check.findings];
  if (check.set) findings.push(...coverageFindings(check.set, check.source, file));
  return { findings, set: check.set };
}

function coverageFindings(set: PrincipleSet, source: YamlSource, file: string): Finding[] {
  const lineOf = (path: DataPath): number => positionAt(source, path).line;
  return analyseRouting(set, lineOf).map((problem) => ({
    ruleId: problem.ruleId,
    severity: problem.severity,
    message: problem.message,
    file,
    ...positionAt(source, problem.path),
    ...(problem.related.length > 0 ? { related: problem.related.map((r) => ({ file, ...pointOf(source, r.path), message: r.message })) } : {}),
  }));
}

function pointOf(source: YamlSource, path: DataPath): { line: number; column: number } {
  const { line, column } = positionAt(source, path);
  return { line, column };
}
