/**
 * Under `validate`, a file that cannot be read as what it claims to be is a finding, not the
 * end of the run; only a path that cannot be read at all (missing, no permission) stops it.
 */
import { TriageError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { RuleId } from '../rule-ids.js';
import type { SourceFormat } from './rules.js';

/** True for errors about reaching a file, as opposed to what is in it. */
export function isUnreadable(error: unknown): boolean {
  if (!(error instanceof TriageError)) return true;
  if (error.code === 'file-not-found') return true;
  // Errors from the file system carry the system's code (ENOENT, EACCES, EISDIR...) as their cause.
  return typeof (error.cause as NodeJS.ErrnoException | undefined)?.code === 'string';
}

/** The finding a reader's error stands for; rethrows errors that are not about the content. */
export function findingFromError(error: unknown, file: string, format: SourceFormat): Finding {
  if (isUnreadable(error)) throw error;
  const problem = error as TriageError;
  return {
    ruleId: ruleIdOf(problem, format),
    severity: 'error',
    message: problem.hint ? `${problem.message}; ${problem.hint}` : problem.message,
    file,
    line: problem.position?.line ?? 1,
    column: problem.position?.column ?? 1,
  };
}

function ruleIdOf(error: TriageError, format: SourceFormat): RuleId {
  // Readers raise content problems as `syntax`, and undecodable bytes as `file-unreadable`; the
  // column mapping's problems are the header's, found as it is read.
  if (error.code !== 'syntax' && error.option !== 'map') return 'file/encoding';
  if (format === 'csv' || format === 'tsv') return 'csv/syntax';
  if (format === 'json' || format === 'jsonl') return 'json/syntax';
  if (format === 'xlsx') return 'xlsx/syntax';
  return 'yaml/syntax';
}
