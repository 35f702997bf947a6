/**
 * How far the tool's recommendations agree with what people decided: overall, per route, as a
 * recommended x decided matrix, and which rules people overrule most. An item agrees when the
 * route recommended for it (with the answers its decision gave applied) is the route decided.
 * Pure.
 */

/** One decided item: what the tool recommended, by which rule, and what the person chose. */
export interface DecidedOutcome {
  recommended: string;
  /** The rule that made the recommendation (`default` when none did). */
  rule: string;
  decided: string;
}

export interface RouteAgreement {
  route: string;
  /** Items people sent to this route. */
  decided: number;
  /** Items the tool sent to this route. */
  recommended: number;
  /** Items both sent to it. */
  agreed: number;
}

export interface OverruledRule {
  rule: string;
  /** Decided items this rule made the recommendation for, and how many of them people overrode. */
  recommended: number;
  overridden: number;
}

export interface Agreement {
  decided: number;
  agreed: number;
  /** agreed / decided (1 when nothing was decided: nothing disagrees). */
  share: number;
  byRoute: RouteAgreement[];
  /** Rows the recommended route, columns the decided one: `{ union: { review: 2 } }`, every route in both. */
  matrix: Record<string, Record<string, number>>;
  /** Rules with at least one override, most overridden first. */
  overruled: OverruledRule[];
}

/**
 * Agreement over decided items. `routes` orders the matrix and the per-route figures (any
 * route met that is not in it comes after, in order of appearance); `rules` orders rules
 * overridden equally often.
 */
export function agreementOf(outcomes: readonly DecidedOutcome[], routes: readonly string[], rules: readonly string[]): Agreement {
  const order = [...routes];
  for (const o of outcomes) {
    if (!order.includes(o.recommended)) order.push(o.recommended);
    if (!order.includes(o.decided)) order.push(o.decided);
  }
  const counts = new Map(order.map((r) => [r, new Map(order.map((c) => [c, 0]))]));
  const byRule = new Map<string, OverruledRule>();
  let agreed = 0;
  for (const o of outcomes) {
    const row = counts.get(o.recommended) as Map<string, number>;
    row.set(o.decided, (row.get(o.decided) as number) + 1);
    if (o.recommended === o.decided) agreed++;
    let rule = byRule.get(o.rule);
    if (!rule) byRule.set(o.rule, (rule = { rule: o.rule, recommended: 0, overridden: 0 }));
    rule.recommended++;
    if (o.recommended !== o.decided) rule.overridden++;
  }
  const byRoute = order.map((route): RouteAgreement => {
    const row = counts.get(route) as Map<string, number>;
    let decided = 0;
    for (const r of order) decided += (counts.get(r) as Map<string, number>).get(route) as number;
    let recommended = 0;
    for (const n of row.values()) recommended += n;
    return { route, decided, recommended, agreed: row.get(route) as number };
  });
  const rank = (rule: string): number => {
    const k = rules.indexOf(rule);
    return k < 0 ? rules.length : k;
  };
  const overruled = [...byRule.values()]
    .filter((r) => r.overridden > 0)
    .sort((a, b) => b.overridden - a.overridden || rank(a.rule) - rank(b.rule) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return {
    decided: outcomes.length,
    agreed,
    share: outcomes.length === 0 ? 1 : agreed / outcomes.length,
    byRoute,
    matrix: Object.fromEntries(order.map((r) => [r, Object.fromEntries(counts.get(r) as Map<string, number>)])),
    overruled,
  };
}
