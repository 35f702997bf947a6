/**
 * A finding's identity in CI reports (GitLab Code Quality `fingerprint`, SARIF
 * `partialFingerprints`): the same while the problem stays, whatever moves around it.
 *
 * Dashboards match findings between runs and branches by fingerprint; one that changes makes
 * the finding look fixed and a new one appear (a dismissed alert comes back). So it is made of
 * what the problem is, never of where it is: the rule, the file's path from the root, the
 * finding's subject (the item whose value is wrong) and its message with line and column
 * numbers taken out (messages cite other places: "first at backlog.csv:2:1", "(line 12)"). The
 * same problem twice in one file is told apart by its occurrence, counted in report order.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../findings.js';

/** Bumped if what goes into a fingerprint changes, so old and new never collide by accident. */
const VERSION = 'union-triage/1';

// Places and positions messages cite, and the numbers that only say where: `file.csv:2:1`
// loses `:2:1`, `line 12, column 3` loses the numbers, `principles[3]` its index. A colon and
// digits followed by anything else (a time such as "12:30" in a quoted value) are kept.
const PLACE_SUFFIX = /:\d+(?::\d+)?(?=[\s),;]|$)/g;
const LINE_OR_COLUMN = /\b(lines?|columns?|rows?|records?|decisions?|entry|entries) \d+(?:(?:,| and| to|-)\s*\d+)*\b/g;
const INDEX = /\[\d+\]/g;

/** The message without the line, column and index numbers it cites. */
export function withoutPositions(message: string): string {
  return message.replace(PLACE_SUFFIX, '').replace(LINE_OR_COLUMN, '$1').replace(INDEX, '[]');
}

/**
 * One fingerprint per finding, in order: 32 hex digits. `pathOf` gives a file's path as the
 * report states it (relative to the root), so the fingerprint does not depend on the folder
 * the command ran in.
 */
export function fingerprints(findings: readonly Finding[], pathOf: (file: string) => string): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const key = JSON.stringify([VERSION, finding.ruleId, pathOf(finding.file), finding.subject ?? '', identityText(finding)]);
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}

/**
 * The message as the fingerprint sees it: file names it cites (the finding's own, and those of
 * its related places) stand for themselves as "<file>", since a message names them as they were
 * given on the command line, which depends on the folder the command ran in.
 */
function identityText(finding: Finding): string {
  let text = finding.message;
  const names = new Set([finding.file, ...(finding.related ?? []).map((r) => r.file)]);
  // Longest first, so a name that is the end of another is not replaced inside it.
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    if (name !== '') text = text.split(name).join('<file>');
  }
  return withoutPositions(text);
}
