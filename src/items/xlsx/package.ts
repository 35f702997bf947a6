/**
 * The parts of a workbook around its sheets: the relationships that say where each part
 * is, the workbook part (sheet names and order, the date system, links to other workbooks),
 * the styles (which cells show dates) and the shared strings. Only what reading a sheet's
 * values needs is read; a macro project, external links, drawings and the rest are never
 * opened, let alone run.
 */
import { posix } from 'node:path';
import { type TriageError } from '../../errors.js';
import { dateKindOf, type DateKind } from './dates.js';
import { MAX_CELL_CHARS, MAX_CELL_STYLES, MAX_PART_BYTES, MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES, MAX_SHARED_STRING_CHARS } from './limits.js';
import { SharedStrings, decodeEscapes } from './strings.js';
import { parseXml, prefixedAttribute, type XmlVisitor } from './xml.js';
import { damaged, entryBytes, type ByteSource, type ZipEntry } from './zip.js';

/** A sheet as the workbook lists it, in tab order. */
export interface SheetInfo {
  name: string;
  /** The zip entry of its part, when it is a worksheet (not a chart sheet). */
  part: string | undefined;
  hidden: boolean;
}

export interface WorkbookPackage {
  sheets: SheetInfo[];
  /** Dates count from 1904 rather than 1900 (old Mac workbooks). */
  date1904: boolean;
  /** The kind of date each cell style shows, by style index; absent for plain numbers. */
  dateStyles: ReadonlyMap<number, DateKind>;
  /** The shared strings part, if the workbook has one. */
  sharedStrings: ZipEntry | undefined;
  /** The workbook refers to cells of other workbooks (whose values it keeps as last saved). */
  externalLinks: boolean;
}

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

/** Read everything about a workbook but its sheets' cells. */
export async function readPackage(source: ByteSource, entries: ReadonlyMap<string, ZipEntry>, file: string): Promise<WorkbookPackage> {
  const find = (name: string): ZipEntry | undefined => findEntry(entries, name);
  const rootRels = find('_rels/.rels');
  const root = rootRels ? await readRelationships(source, rootRels, '', file) : new Map<string, Relationship>();
  const officeDocument = [...root.values()].find((r) => r.type.endsWith('/officeDocument') && !r.external)?.target ?? 'xl/workbook.xml';
  const workbookEntry = find(officeDocument);
  if (!workbookEntry) {
    throw damaged(
      file,
      `is not an Excel workbook: it has no workbook part (${officeDocument})`,
      'save it from Excel as an .xlsx workbook, or save the sheet as CSV',
    );
  }
  const folder = posix.dirname(workbookEntry.name);
  const relsEntry = find(posix.join(folder, '_rels', `${posix.basename(workbookEntry.name)}.rels`));
  const rels = relsEntry ? await readRelationships(source, relsEntry, folder, file) : new Map<string, Relationship>();
  const book = await readWorkbookPart(source, workbookEntry, file);
  const sheets = book.sheets.map(({ name, id, hidden }) => {
    const rel = id === undefined ? undefined : rels.get(id);
    const worksheet = rel !== undefined && !rel.external && rel.type.endsWith('/worksheet');
    return { name, part: worksheet ? find(rel.target)?.name : undefined, hidden };
  });
  const relList = [...rels.values()];
  const stylesTarget = relList.find((r) => r.type.endsWith('/styles') && !r.external)?.target;
  const stylesEntry = stylesTarget === undefined ? undefined : find(stylesTarget);
  const stringsTarget = relList.find((r) => r.type.endsWith('/sharedStrings') && !r.external)?.target;
  return {
    sheets,
    date1904: book.date1904,
    dateStyles: stylesEntry ? await readDateStyles(source, stylesEntry, file) : new Map(),
    sharedStrings: stringsTarget === undefined ? undefined : find(stringsTarget),
    externalLinks: book.externalReferences || relList.some((r) => r.type.endsWith('/externalLink')),
  };
}

/**
 * An entry by part name. Part names are case-insensitive in a workbook's packaging (OPC),
 * so an exact match comes first, then one ignoring case.
 */
function findEntry(entries: ReadonlyMap<string, ZipEntry>, name: string): ZipEntry | undefined {
  const exact = entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, entry] of entries) if (key.toLowerCase() === lower) return entry;
  return undefined;
}

const PART_LIMIT = { bytes: MAX_PART_BYTES, what: 'a part' };

async function readRelationships(source: ByteSource, entry: ZipEntry, folder: string, file: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await parseXml(entryBytes(source, entry, file, PART_LIMIT), entry.name, file, {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attributes['Id'];
      const target = attributes['Target'];
      if (id === undefined || target === undefined) return;
      const external = attributes['TargetMode'] === 'External';
      rels.set(id, { type: attributes['Type'] ?? '', target: external ? target : resolvePart(folder, target), external });
    },
    close: () => undefined,
    text: () => undefined,
  });
  return rels;
}

/** A relationship's target as a zip entry name: relative to the part's folder, or absolute from the root. */
function resolvePart(folder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join(folder, target);
  return posix.normalize(path).replace(/^(\.\.\/)+/, '');
}

async function readWorkbookPart(
  source: ByteSource,
  entry: ZipEntry,
  file: string,
): Promise<{ sheets: Array<{ name: string; id: string | undefined; hidden: boolean }>; date1904: boolean; externalReferences: boolean }> {
  const sheets: Array<{ name: string; id: string | undefined; hidden: boolean }> = [];
  let date1904 = false;
  let externalReferences = false;
  await parseXml(entryBytes(source, entry, file, PART_LIMIT), entry.name, file, {
    open(name, attributes) {
      if (name === 'sheet') {
        const state = attributes['state'];
        sheets.push({
          name: attributes['name'] ?? `Sheet${sheets.length + 1}`,
          id: prefixedAttribute(attributes, 'id'),
          hidden: state === 'hidden' || state === 'veryHidden',
        });
      } else if (name === 'workbookPr') {
        const value = attributes['date1904'];
        date1904 = value === '1' || value === 'true';
      } else if (name === 'externalReference') {
        externalReferences = true;
      }
    },
    close: () => undefined,
    text: () => undefined,
  });
  if (sheets.length === 0) throw damaged(file, 'is a workbook with no sheets');
  return { sheets, date1904, externalReferences };
}

/** The cell styles that show dates: `cellXfs` index -> kind, from built-in and custom number formats. */
async function readDateStyles(source: ByteSource, entry: ZipEntry, file: string): Promise<Map<number, DateKind>> {
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await parseXml(entryBytes(source, entry, file, PART_LIMIT), entry.name, file, {
    open(name, attributes) {
      if (name === 'numFmt') {
        const id = Number(attributes['numFmtId']);
        if (Number.isInteger(id)) codes.set(id, attributes['formatCode'] ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        if (formats.length >= MAX_CELL_STYLES)
          throw damaged(file, `has more than ${MAX_CELL_STYLES.toLocaleString('en-GB')} cell styles, more than Excel itself allows`);
        formats.push(Number(attributes['numFmtId'] ?? 0));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  });
  const kinds = new Map<number, DateKind>();
  formats.forEach((id, index) => {
    const kind = Number.isInteger(id) ? dateKindOf(id, codes.get(id)) : undefined;
    if (kind) kinds.set(index, kind);
  });
  return kinds;
}

/**
 * The shared string table: each `<si>`'s text, rich text runs joined, phonetic guides
 * (`<rPh>`) left out. Held in memory, so bounded in count and in characters.
 */
export async function readSharedStrings(
  source: ByteSource,
  entry: ZipEntry,
  file: string,
  limits: { strings: number; chars: number } = { strings: MAX_SHARED_STRINGS, chars: MAX_SHARED_STRING_CHARS },
): Promise<SharedStrings> {
  const strings = new SharedStrings();
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let text = '';
  const tooMany = (what: string): TriageError =>
    damaged(
      file,
      `has a shared-string table with ${what}, more than the limit`,
      'a backlog this large streams better as CSV: save the sheet as CSV from Excel',
    );
  const visitor: XmlVisitor = {
    open(name) {
      if (name === 'si') {
        inItem = true;
        text = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inItem && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        inItem = false;
        if (strings.count >= limits.strings) throw tooMany(`more than ${limits.strings.toLocaleString('en-GB')} entries`);
        strings.add(decodeEscapes(text));
        if (strings.chars > limits.chars) throw tooMany(`more than ${limits.chars.toLocaleString('en-GB')} characters`);
      }
    },
    text(value) {
      if (!inText) return;
      text += value;
      if (text.length > MAX_CELL_CHARS) throw damaged(file, `has a shared string longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters`);
    },
  };
  await parseXml(entryBytes(source, entry, file, { bytes: MAX_SHARED_STRINGS_BYTES, what: 'a shared-string table' }), entry.name, file, visitor);
  strings.finish();
  return strings;
}
