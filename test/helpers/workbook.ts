/**
 * Workbooks for tests: built with exceljs (as another program would write them), or by hand
 * from XML parts in a zip made here, for the files no library would write (hostile ones).
 */
import { Readable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { WorkItem } from '../../src/core/types.js';
import { crc32 } from '../../src/io/crc32.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems, type ItemProblemAt, type ReadItemsOptions, type WorkbookChoice } from '../../src/items/read.js';
import { unionPolicy } from './policy.js';

/** A workbook's bytes, as exceljs writes it. */
export async function excelWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ZipPart {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflated (the default). */
  method?: number;
  /** What the central directory says the uncompressed size is (default: the truth). */
  declaredSize?: number;
  crc?: number;
  flags?: number;
}

/** A zip of these parts, written by hand so that it can lie. */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const method = part.method ?? 8;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(part.name, 'utf8');
    const crc = part.crc ?? crc32(data);
    const size = part.declaredSize ?? data.length;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(part.flags ?? 0, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(stored.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, stored);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(part.flags ?? 0, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(stored.length, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + name.length + stored.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet's XML around these rows (`<row>` elements) and what follows `sheetData`. */
export function sheetXml(rows: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

export interface HandWorkbook {
  /** Sheets by name, in tab order: their XML. */
  sheets: Array<{ name: string; xml: string | Buffer; hidden?: boolean; declaredSize?: number }>;
  sharedStrings?: string[] | { xml: string | Buffer; declaredSize?: number };
  /** A styles part's XML. */
  styles?: string;
  date1904?: boolean;
  /** Extra entries (a macro project, external links...). */
  extra?: ZipPart[];
  /** Extra relationships of the workbook part (XML). */
  rels?: string;
  /** Extra XML inside `<workbook>` after the sheets. */
  workbookExtra?: string;
}

/** A workbook made of XML parts written by hand. */
export function handWorkbook(book: HandWorkbook): Buffer {
  const sheetList = book.sheets.map((s, k) => `<sheet name="${s.name}" sheetId="${k + 1}" r:id="rId${k + 1}"${s.hidden ? ' state="hidden"' : ''}/>`).join('');
  const pr = book.date1904 ? '<workbookPr date1904="1"/>' : '';
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${pr}<sheets>${sheetList}</sheets>${book.workbookExtra ?? ''}</workbook>`;
  let rels = book.sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('');
  rels += `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  rels += `<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`;
  rels += book.rels ?? '';
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: workbook },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
  ];
  if (book.styles) parts.push({ name: 'xl/styles.xml', data: book.styles });
  book.sheets.forEach((s, k) =>
    parts.push({ name: `xl/worksheets/sheet${k + 1}.xml`, data: s.xml, ...(s.declaredSize !== undefined ? { declaredSize: s.declaredSize } : {}) }),
  );
  const strings = book.sharedStrings;
  if (Array.isArray(strings)) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0"?><sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
    });
  } else if (strings) {
    parts.push({ name: 'xl/sharedStrings.xml', data: strings.xml, ...(strings.declaredSize !== undefined ? { declaredSize: strings.declaredSize } : {}) });
  }
  return zipOf([...parts, ...(book.extra ?? [])]);
}

/** A cell with an inline string. */
export function text(ref: string, value: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
}

export interface ReadResult {
  items: WorkItem[];
  problems: Array<{ ruleId: string; severity: string; line: number; column: number; message: string }>;
}

/** Read a workbook's bytes as `score` reads items (from standard input, as a workbook), with the bundled principle set. */
export async function readWorkbookItems(
  bytes: Buffer,
  options: { workbook?: WorkbookChoice; mapping?: ReadItemsOptions['mapping'] } = {},
): Promise<ReadResult> {
  const problems: ItemProblemAt[] = [];
  const items: WorkItem[] = [];
  for await (const item of readItems(['-'], {
    normaliser: createNormaliser(unionPolicy().fields),
    stdin: Readable.from([bytes]),
    format: 'xlsx',
    ...(options.workbook ? { workbook: options.workbook } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    onProblem: (p) => problems.push(p),
  })) {
    items.push(item);
  }
  return { items, problems: problems.map((p) => ({ ruleId: p.ruleId, severity: p.severity, line: p.line, column: p.column, message: p.message })) };
}

/** The error reading a workbook ends with. */
export async function readWorkbookError(
  bytes: Buffer,
  options: { workbook?: WorkbookChoice } = {},
): Promise<{ message: string; hint: string | undefined; position: unknown }> {
  try {
    await readWorkbookItems(bytes, options);
  } catch (error) {
    const e = error as { message: string; hint?: string; position?: unknown };
    return { message: e.message, hint: e.hint, position: e.position };
  }
  throw new Error('expected the workbook to be refused');
}
