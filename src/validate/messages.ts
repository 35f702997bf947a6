/**
 * Messages written by the YAML parser say what is wrong but not what would fix it; every
 * finding `validate` reports must say both.
 */
import type { Finding } from '../findings.js';

const FIXES: Readonly<Record<string, string>> = {
  'yaml/duplicate-key': 'keep one of the two, or rename one',
  'decisions/unknown-criterion': 'remove the answer, or correct the criterion id',
};

/** The finding, with the fix for its rule added when its message lacks one. */
export function withFix(finding: Finding): Finding {
  const fix = Object.hasOwn(FIXES, finding.ruleId) ? FIXES[finding.ruleId] : undefined;
  return fix && !finding.message.includes(fix) ? { ...finding, message: `${finding.message}; ${fix}` } : finding;
}
