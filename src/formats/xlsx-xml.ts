/**
 * SpreadsheetML, the XML inside an .xlsx file, as text: cells, rows, sheets, a table, the
 * styles and the package's bookkeeping parts. Cells are typed values only (numbers,
 * booleans, inline strings); nothing here ever writes a formula, so no cell text, however
 * it starts (`=`, `+`, `@`), can run in a spreadsheet.
 */

/** A cell's value: a number, a boolean, text, or nothing (unknown). */
export type Cell = string | number | boolean | null;

/** Cell styles, by their index in `styles.xml`'s cellXfs (see STYLES). */
export const Style = {
  normal: 0,
  header: 1,
  /** Two decimals (confidence). */
  decimal: 2,
  /** Whole pounds: £1,234. */
  money: 3,
  title: 4,
  /** One decimal (weeks). */
  weeks: 5,
} as const;
export type Style = (typeof Style)[keyof typeof Style];

/** Excel's most characters in a cell: longer text is cut there (and counted in the summary). */
export const MAX_CELL_TEXT = 32_767;

/** A1 letters of a column number (1 is A). */
export function columnName(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// Characters XML 1.0 cannot hold, a carriage return (which XML reads as a line feed), and
// lone surrogates: written as Office's `_xHHHH_` escapes, as Excel writes them.
const UNSAFE = /[\0-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LITERAL_ESCAPE = /_x[0-9A-Fa-f]{4}_/g;
const MARKUP = /[&<>"]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for an element or attribute: markup escaped, and what XML cannot hold written as `_xHHHH_`. */
export function xmlText(text: string): string {
  let out = text;
  // A literal `_x0041_` would read back as "A": its underscore is escaped, as Excel does.
  if (out.includes('_x')) out = out.replace(LITERAL_ESCAPE, (m) => `_x005F${m}`);
  out = out.replace(UNSAFE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return out.replace(MARKUP, (c) => ENTITIES[c] as string);
}

/** One cell at `ref` (`C7`), or nothing for an empty one. */
export function cellXml(ref: string, value: Cell, style: Style = Style.normal): string {
  if (value === null || value === '') return '';
  const s = style === Style.normal ? '' : ` s="${style}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const space = /^\s|\s$|[\n\t]/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

/**
 * A row of cells from column A; `styles` gives each column's style, `rowStyle` one for all.
 * `row` may be a stand-in for a number not known yet (replaced in the finished text).
 */
export function rowXml(row: number | string, cells: readonly Cell[], styles: readonly Style[] = [], rowStyle?: Style): string {
  let xml = '';
  for (let k = 0; k < cells.length; k++) xml += cellXml(`${columnName(k + 1)}${row}`, cells[k] ?? null, rowStyle ?? styles[k] ?? Style.normal);
  return `<row r="${row}">${xml}</row>`;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface SheetLayout {
  /** Column widths, in characters. */
  widths: readonly number[];
  /** Rows in the sheet, the header included: for the dimension. */
  rows: number;
  /** Freeze the first row. */
  freezeHeader: boolean;
  /** The tab shown when the workbook opens. */
  selected: boolean;
  /** Has a table part (its relationship is rId1). */
  table: boolean;
}

/** A worksheet up to its first row: dimension, view, column widths. */
export function sheetHead(layout: SheetLayout): string {
  const last = `${columnName(Math.max(1, layout.widths.length))}${Math.max(1, layout.rows)}`;
  const selected = layout.selected ? ' tabSelected="1"' : '';
  const pane = layout.freezeHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  const cols = layout.widths.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${last}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected}>${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`
  );
}

/** The rest of a worksheet after its last row. */
export function sheetTail(layout: SheetLayout): string {
  const margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  return `</sheetData>${margins}${layout.table ? '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' : ''}</worksheet>`;
}

/** A table over a sheet's rows (filters on every column, banded rows). */
export function tableXml(id: number, name: string, columns: readonly string[], rows: number): string {
  const ref = `A1:${columnName(columns.length)}${rows}`;
  const list = columns.map((c, k) => `<tableColumn id="${k + 1}" name="${xmlText(c)}"/>`).join('');
  return (
    `${DECLARATION}<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">${list}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

/** A sheet's relationship to its table part. */
export function sheetRelsXml(table: number): string {
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table${table}.xml"/></Relationships>`;
}

/**
 * The styles every report uses (see `Style`): fonts regular, bold and large bold; the header's
 * fill; number formats for two decimals, pounds and one decimal.
 */
export function stylesXml(): string {
  const fonts =
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>';
  const fills =
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>';
  const xfs =
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>';
  return (
    `${DECLARATION}<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0"/>` +
    `<numFmt numFmtId="165" formatCode="0.0"/></numFmts>${fonts}${fills}` +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${xfs}` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

/** The workbook part: its sheets in tab order (sheet k is `sheet{k}.xml`, relationship `rId{k}`). */
export function workbookXml(sheets: readonly string[]): string {
  const list = sheets.map((name, k) => `<sheet name="${xmlText(name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('');
  return `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${list}</sheets></workbook>`;
}

/** The workbook's relationships: its sheets, then the styles. */
export function workbookRelsXml(sheets: number): string {
  let rels = '';
  for (let k = 1; k <= sheets; k++) rels += `<Relationship Id="rId${k}" Type="${REL}/worksheet" Target="worksheets/sheet${k}.xml"/>`;
  rels += `<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}">${rels}</Relationships>`;
}

/** The package's root relationships: the workbook and its document properties. */
export function rootRelsXml(): string {
  return (
    `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`
  );
}

const TYPES = 'application/vnd.openxmlformats-officedocument';

/** What each part is. */
export function contentTypesXml(sheets: number, tables: number): string {
  let overrides = `<Override PartName="/xl/workbook.xml" ContentType="${TYPES}.spreadsheetml.sheet.main+xml"/>`;
  for (let k = 1; k <= sheets; k++) overrides += `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="${TYPES}.spreadsheetml.worksheet+xml"/>`;
  for (let k = 1; k <= tables; k++) overrides += `<Override PartName="/xl/tables/table${k}.xml" ContentType="${TYPES}.spreadsheetml.table+xml"/>`;
  overrides +=
    `<Override PartName="/xl/styles.xml" ContentType="${TYPES}.spreadsheetml.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${TYPES}.extended-properties+xml"/>`;
  return (
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`
  );
}

/** Who made the file and when (`when` is ISO 8601, the run's time). */
export function corePropertiesXml(title: string, creator: string, when: string): string {
  const at = when.replace(/\.\d+Z$/, 'Z');
  return (
    `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>${xmlText(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`
  );
}

export function appPropertiesXml(application: string): string {
  return `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(application)}</Application></Properties>`;
}
