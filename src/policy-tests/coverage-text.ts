/** Coverage in words, for a terminal or a CI log. Pure: coverage in, text out. */
import { bothWays, type ConditionCoverage, type Coverage } from './coverage.js';

/**
 *   Coverage of principles/union.yaml: 95% (38 of 40)
 *     rules     7 of 7 fired: union-leads 2, challenge-weak-alignment 1, ...
 *     criteria  14 of 16 seen met and not met; never met: builds-insight; never not met: named-owner
 *     signals   9 of 9 seen met and not met
 */
export function coverageText(coverage: Coverage, setFile: string): string {
  const fired = coverage.rules.filter((r) => r.fired > 0);
  const never = coverage.rules.filter((r) => r.fired === 0);
  const rules = `${fired.length} of ${coverage.rules.length} fired: ${fired.map((r) => `${r.id} ${r.fired}`).join(', ') || 'none'}${never.length > 0 ? `; never fired: ${never.map((r) => r.id).join(', ')}` : ''}`;
  const lines = [
    `Coverage of ${setFile}: ${percentText(coverage)} (${coverage.covered} of ${coverage.total})`,
    `  rules     ${rules}`,
    `  criteria  ${conditions(coverage.criteria)}`,
    `  signals   ${conditions(coverage.signals)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The exact share, to one decimal when it is not whole: 97.5%, never 100% unless all are covered. */
export function percentText(coverage: Pick<Coverage, 'covered' | 'total'>): string {
  if (coverage.total === 0) return '100%';
  const tenths = Math.floor((1000 * coverage.covered) / coverage.total);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`;
}

function conditions(list: readonly ConditionCoverage[]): string {
  const seen = list.filter(bothWays).length;
  const neverMet = list.filter((c) => c.met === 0).map((c) => c.id);
  const neverNotMet = list.filter((c) => c.met > 0 && c.notMet === 0).map((c) => c.id);
  const gaps = [
    ...(neverMet.length > 0 ? [`never met: ${neverMet.join(', ')}`] : []),
    ...(neverNotMet.length > 0 ? [`never not met: ${neverNotMet.join(', ')}`] : []),
  ];
  return `${seen} of ${list.length} seen met and not met${gaps.length > 0 ? `; ${gaps.join('; ')}` : ''}`;
}
