/**
 * What names the tool version and the principle set in every output, so any result can be
 * traced to what made it. Row-per-item outputs (CSV, JSONL) carry it in each row, as one
 * token, so a reader that expects one row per item still gets exactly that.
 */
import type { RunMeta } from './types.js';

/** The CSV column that names the tool version and principle set on every row. */
export const POLICY_COLUMN = 'policy';

/** Hex digits of the principle set's hash that the short forms show. */
export const SHORT_HASH_DIGITS = 12;

/** `82da108836cc`: the first digits of the set's `sha256:` hash. */
export function shortHash(hash: string): string {
  const colon = hash.indexOf(':');
  return hash.slice(colon + 1, colon + 1 + SHORT_HASH_DIGITS);
}

/** `union-triage@0.1.0+82da108836cc`: the tool, its version and the principle set, in one token. */
export function policyStamp(meta: RunMeta): string {
  return `${meta.tool.name}@${meta.tool.version}+${shortHash(meta.principles.hash)}`;
}

/** `Scored by union-triage 0.1.0 with principles/union.yaml (sha256:82da108836cc).`, for terminal views. */
export function provenanceLine(meta: RunMeta): string {
  return `Scored by ${meta.tool.name} ${meta.tool.version} with ${meta.principles.file} (sha256:${shortHash(meta.principles.hash)}).`;
}
