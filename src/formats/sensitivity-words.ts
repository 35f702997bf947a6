/** What the sensitivity views share: a route change in words, numbers as people read them. */
import type { Flip, ParameterResult, SensitivityResult } from '../core/sensitivity/analyse.js';
import { labelOf, type RouteLabels } from './diff-words.js';

/** The report the CLI renders: the result with where it came from, and `--within` when given. */
export interface SensitivityReport extends SensitivityResult {
  meta: {
    tool: { name: string; version: string };
    principles: { file: string; hash: string; organisation: string };
    inputs: string[];
    generatedAt: string;
  };
  within?: { percent: number; items: FragileItem[] };
}

export interface FragileItem {
  id: string;
  title: string;
  route: string;
  flips: Array<Flip & { parameter: string }>;
}

export interface SensitivityViewOptions {
  labels: RouteLabels;
  color: boolean;
  /** Most item lines a view prints. */
  limit: number;
}

/** `2.6`, `0.4615`, `54`: four significant digits, no trailing zeros. */
export function number(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(4)));
}

/** `→ Needs review if insight-led weight < 2.6`. */
export function flipWords(flip: Flip, parameter: Pick<ParameterResult, 'name'>, labels: RouteLabels): string {
  return `→ ${labelOf(labels, flip.route)} if ${parameter.name} ${flip.op} ${number(flip.at)}`;
}

/** `2.6 – 3.45`, or `all` when no item's route changes anywhere in the range. */
export function stableWords(p: ParameterResult): string {
  if (p.stable[0] === p.range[0] && p.stable[1] === p.range[1]) return `all of ${number(p.range[0])} – ${number(p.range[1])}`;
  return `${number(p.stable[0])} – ${number(p.stable[1])}`;
}

/** How far a change is from the parameter's value: a share of the value (of the range when the value is 0). */
export function distance(flip: Pick<Flip, 'at'>, p: Pick<ParameterResult, 'value' | 'range'>): number {
  const scale = p.value !== 0 ? Math.abs(p.value) : p.range[1] - p.range[0];
  return Math.abs(flip.at - p.value) / scale;
}

/** `-13%`, `+8.5%`: the change relative to the value. */
export function percentWords(flip: Pick<Flip, 'at'>, p: Pick<ParameterResult, 'value' | 'range'>): string {
  if (flip.at === p.value) return 'on the edge now';
  const d = distance(flip, p) * 100 * (flip.at < p.value ? -1 : 1);
  return `${d > 0 ? '+' : '−'}${String(Number(Math.abs(d).toPrecision(3)))}%`;
}

/** Each item's nearest changes, the most fragile items first (by their nearest change relative to its parameter's value). */
export function itemLines(report: SensitivityReport): Array<{ id: string; title: string; route: string; flips: Array<{ flip: Flip; p: ParameterResult }> }> {
  const byId = new Map(report.items.map((item) => [item.id, { ...item, flips: [] as Array<{ flip: Flip; p: ParameterResult }> }]));
  const within = report.within ? new Set(report.within.items.flatMap((i) => i.flips.map((f) => `${i.id}\u0000${f.parameter}\u0000${f.op}`))) : undefined;
  for (const p of report.parameters) {
    for (const flip of p.flips) {
      if (within && !within.has(`${flip.item}\u0000${p.id}\u0000${flip.op}`)) continue;
      byId.get(flip.item)?.flips.push({ flip, p });
    }
  }
  const nearest = (e: { flips: Array<{ flip: Flip; p: ParameterResult }> }): number => Math.min(...e.flips.map(({ flip, p }) => distance(flip, p)));
  return [...byId.values()]
    .filter((e) => e.flips.length > 0)
    .map((e) => ({ ...e, flips: e.flips.sort((a, b) => distance(a.flip, a.p) - distance(b.flip, b.p)) }))
    .sort((a, b) => nearest(a) - nearest(b));
}
