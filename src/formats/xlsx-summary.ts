/**
 * The Summary sheet: where the results came from (principle set, its hash, the tool's
 * version, when), then items per route and the totals the principle set declares, with how
 * many items each total is known for, the classifications, and how many routes people decided.
 */
import type { Policy } from '../core/compile.js';
import { declaredTotals, type Summary } from '../core/summary.js';
import type { Classification, TotalSpec } from '../core/types.js';
import { CLASSIFICATION_WORDS } from './columns.js';
import { currencySign, grandTally, isCurrency, routeTally, type RouteTotals } from './totals.js';
import { Style, rowXml, type Cell } from './xlsx-xml.js';
import type { RunMeta } from './types.js';

/** The sheet's rows as XML, and its column widths. */
export function summaryRows(
  policy: Policy,
  meta: RunMeta,
  summary: Summary,
  groups: readonly RouteTotals[],
  cut: number,
): { xml: string; rows: number; widths: number[] } {
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
  const totals = declaredTotals(policy);
  const heading = (t: TotalSpec): string => (t.unit === undefined ? t.label : `${t.label} (${isCurrency(t.unit) ? currencySign(t.unit) : t.unit})`);
  add(['Route', 'Label', 'Items', ...totals.flatMap((t) => [heading(t), `${t.label} known for`])], undefined, Style.header);
  const styles = [Style.normal, Style.normal, Style.normal, ...totals.flatMap((t) => [t.unit === 'GBP' ? Style.money : Style.weeks, Style.normal])];
  for (const group of groups) {
    add(
      [
        group.route,
        group.label,
        group.count,
        ...totals.flatMap((t) => {
          const { sum, known } = routeTally(summary, group.route, t.field);
          return [sum, known];
        }),
      ],
      styles,
    );
  }
  add(
    [
      'Total',
      '',
      summary.total,
      ...totals.flatMap((t) => {
        const { sum, known } = grandTally(summary, t.field);
        return [sum, known];
      }),
    ],
    styles,
    undefined,
  );
  add([]);
  add(['Classification', 'Items'], undefined, Style.header);
  for (const key of Object.keys(CLASSIFICATION_WORDS) as Classification[]) add([CLASSIFICATION_WORDS[key], summary.classifications[key]]);
  add([]);
  add(['Overridden by a person', summary.overridden]);
  add(['Stale decisions', summary.stale]);
  if (cut > 0) add(['Cells cut to 32,767 characters', cut]);
  const xml = lines.map((line, k) => rowXml(k + 1, line.cells, line.styles, line.row)).join('');
  return { xml, rows: lines.length, widths: [24, 40, 10, ...totals.flatMap((t) => (isCurrency(t.unit) ? [14, 15] : [15, 17]))] };
}
