/**
 * The Summary sheet: where the results came from (principle set, its hash, the tool's
 * version, when), then items, effort and cost per route with how many items each total is
 * known for, the classifications, and how many routes people decided.
 */
import type { Summary } from '../core/summary.js';
import type { Classification } from '../core/types.js';
import { CLASSIFICATION_WORDS } from './columns.js';
import type { RouteTotals } from './totals.js';
import { Style, rowXml, type Cell } from './xlsx-xml.js';
import type { RunMeta } from './types.js';

/** The sheet's rows as XML, and its column widths. */
export function summaryRows(meta: RunMeta, summary: Summary, groups: readonly RouteTotals[], cut: number): { xml: string; rows: number; widths: number[] } {
  const lines: Array<{ cells: Cell[]; styles?: Style[]; row?: Style }> = [];
  const add = (cells: Cell[], styles?: Style[], row?: Style): void => {
    lines.push({ cells, ...(styles ? { styles } : {}), ...(row !== undefined ? { row } : {}) });
  };
  add([`${meta.principles.organisation}: triage report`], undefined, Style.title);
  add([]);
  add(['Principle set', meta.principles.file]);
  add(['Principle set hash', meta.principles.hash]);
  add(['Organisation', meta.principles.organisation]);
  add(['Tool', `${meta.tool.name} ${meta.tool.version}`]);
  add(['Made at', meta.generatedAt]);
  add(['Item files', meta.inputs.join(', ')]);
  add([]);
  add(['Route', 'Label', 'Items', 'Effort (weeks)', 'Effort known for', 'Cost (£)', 'Cost known for'], undefined, Style.header);
  const money = [Style.normal, Style.normal, Style.normal, Style.weeks, Style.normal, Style.money, Style.normal];
  let effort = 0;
  let effortKnown = 0;
  let cost = 0;
  let costKnown = 0;
  for (const group of groups) {
    const totals = summary.routes[group.route];
    const weeks = totals?.effortWeeks ?? group.effortWeeks;
    const pounds = totals?.costGbp ?? group.costGbp;
    add([group.route, group.label, group.count, weeks, group.effortKnown, pounds, group.costKnown], money);
    effort += weeks;
    effortKnown += group.effortKnown;
    cost += pounds;
    costKnown += group.costKnown;
  }
  add(['Total', '', summary.total, Math.round(effort * 1e6) / 1e6, effortKnown, Math.round(cost * 1e6) / 1e6, costKnown], money, undefined);
  add([]);
  add(['Classification', 'Items'], undefined, Style.header);
  for (const key of Object.keys(CLASSIFICATION_WORDS) as Classification[]) add([CLASSIFICATION_WORDS[key], summary.classifications[key]]);
  add([]);
  add(['Overridden by a person', summary.overridden]);
  add(['Stale decisions', summary.stale]);
  if (cut > 0) add(['Cells cut to 32,767 characters', cut]);
  const xml = lines.map((line, k) => rowXml(k + 1, line.cells, line.styles, line.row)).join('');
  return { xml, rows: lines.length, widths: [24, 40, 10, 15, 17, 14, 15] };
}
