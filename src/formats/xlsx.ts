/**
 * An Excel workbook for the person who receives the results: a Summary sheet (where the
 * results came from, totals per route), an Items sheet with the columns of `-f csv` as
 * typed cells in a table with filters and a frozen header, and with --route-sheets a sheet
 * per route. Like every format it only makes text: the workbook's XML parts, marked where
 * each starts; the CLI packs them into the .xlsx file (io/zip-output.ts). Each item's row
 * is held aside as it comes (a spool on disk, for a large run) and placed in its sheet at
 * the end, once the Summary, which comes first, is known.
 */
import { ItemColumns } from './xlsx-columns.js';
import { summaryRows } from './xlsx-summary.js';
import { RouteGroups } from './totals.js';
import type { Finished, FormatContext, Held, OutputFormat, Sink } from './types.js';
import {
  appPropertiesXml,
  contentTypesXml,
  corePropertiesXml,
  rootRelsXml,
  Style,
  rowXml,
  sheetHead,
  sheetRelsXml,
  sheetTail,
  stylesXml,
  tableXml,
  workbookRelsXml,
  workbookXml,
  type SheetLayout,
} from './xlsx-xml.js';
import { TriageError } from '../errors.js';

const ITEMS = 'items';
/** The rows of Excel's grid, the header among them. */
const MAX_ITEMS = 1_048_575;
/** Held rows carry this in place of their row number, which is known only when they are placed. */
const ROW = '\u0000';

export const xlsxFormat: OutputFormat = {
  create(context: FormatContext): Sink {
    const columns = new ItemColumns(context.policy, context.keepColumns ?? []);
    const groups = new RouteGroups(context.policy);
    const routeSheets = context.routeSheets === true;
    let count = 0;
    return {
      write(result) {
        if (++count > MAX_ITEMS) {
          throw new TriageError('output', `a workbook sheet holds at most ${MAX_ITEMS.toLocaleString('en-GB')} items, and this run has more`, {
            hint: 'write the results as CSV (-f csv), or score the backlog in parts',
          });
        }
        groups.add(result);
        // Cells with `\0` for the row number: XML text never holds one (xmlText escapes it).
        const row = rowXml(ROW, columns.cells(result), columns.styles);
        const held: Held[] = [{ section: ITEMS, text: row }];
        if (routeSheets) held.push({ section: routeSection(result.assessment.route), text: row });
        return held;
      },
      end(summary): Finished {
        return finish(context, columns, groups, summary, routeSheets);
      },
    };
  },
};

function routeSection(route: string): string {
  return `route-${route}`;
}

interface SheetPlan {
  name: string;
  rows: number;
  section?: string;
}

function finish(context: FormatContext, columns: ItemColumns, groups: RouteGroups, summary: Parameters<Sink['end']>[0], routeSheets: boolean): Finished {
  const list = groups.list();
  const front = summaryRows(context.policy, context.meta, summary, list, columns.cut);
  const plans: SheetPlan[] = [{ name: 'Items', rows: summary.total, section: ITEMS }];
  if (routeSheets) {
    const names = new Set(['summary', 'items']);
    for (const group of list) if (group.count > 0) plans.push({ name: sheetName(group.label, names), rows: group.count, section: routeSection(group.route) });
  }
  const sheets = ['Summary', ...plans.map((p) => p.name)];
  const parts: Array<string | { part: string } | { section: string; render: (piece: string) => string }> = [];
  const part = (name: string, ...text: string[]): void => {
    parts.push({ part: name }, ...text);
  };
  part('[Content_Types].xml', contentTypesXml(sheets.length, plans.filter((p) => p.rows > 0).length));
  part('_rels/.rels', rootRelsXml());
  part('docProps/core.xml', corePropertiesXml(`${context.meta.principles.organisation}: triage report`, context.meta.tool.name, context.meta.generatedAt));
  part('docProps/app.xml', appPropertiesXml(context.meta.tool.name));
  part('xl/workbook.xml', workbookXml(sheets));
  part('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length));
  part('xl/styles.xml', stylesXml());
  const summaryLayout: SheetLayout = { widths: front.widths, rows: front.rows, freezeHeader: false, selected: true, table: false };
  part('xl/worksheets/sheet1.xml', sheetHead(summaryLayout), front.xml, sheetTail(summaryLayout));
  let table = 0;
  plans.forEach((plan, k) => {
    const hasTable = plan.rows > 0;
    const layout: SheetLayout = { widths: columns.widths(), rows: plan.rows + 1, freezeHeader: true, selected: false, table: hasTable };
    const sheet = k + 2;
    let row = 1;
    part(`xl/worksheets/sheet${sheet}.xml`, sheetHead(layout), rowXml(1, columns.names, [], Style.header));
    parts.push({ section: plan.section as string, render: (piece) => piece.replaceAll(ROW, String(++row)) });
    parts.push(sheetTail(layout));
    if (hasTable) {
      table++;
      part(`xl/worksheets/_rels/sheet${sheet}.xml.rels`, sheetRelsXml(table));
      part(`xl/tables/table${table}.xml`, tableXml(table, tableName(plan.name, table), columns.names, plan.rows + 1));
    }
  });
  return parts;
}

/**
 * A sheet name Excel accepts: none of `[]:*?/\`, at most 31 characters, not blank, and
 * unique ignoring case among the workbook's sheets.
 */
function sheetName(label: string, taken: Set<string>): string {
  const base =
    label
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[' ]+|[' ]+$/g, '')
      .slice(0, 31)
      .trim() || 'Route';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

/** A table name Excel accepts: a letter first, then letters, digits and underscores; unique by its number. */
function tableName(sheet: string, n: number): string {
  const word = sheet.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  return n === 1 ? 'Items' : `Route_${word || n}_${n}`;
}
