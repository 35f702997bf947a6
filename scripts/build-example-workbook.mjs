#!/usr/bin/env node
/**
 * `node scripts/build-example-workbook.mjs`: make examples/backlog.xlsx from
 * examples/backlog.csv (ids XL-01... for WI-01...) with exceljs, as an analyst's Excel export would hold it: numbers as
 * numbers, `recurring` as a boolean, the header row frozen. The same CSV always gives the
 * same bytes: the workbook's dates are fixed and so are the zip entries' times, which the
 * library would otherwise take from the clock. `--check` exits 1 when the committed file
 * differs from what the CSV makes (a test runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CSV = `${ROOT}examples/backlog.csv`;
const XLSX = `${ROOT}examples/backlog.xlsx`;
/** 1 January 2025, 00:00 UTC: the workbook's "created" and every zip entry's time. */
const FIXED = new Date(Date.UTC(2025, 0, 1));
const NUMBERS = new Set(['effort_weeks', 'cost_gbp', 'citizen_impact']);
const BOOLEANS = new Set(['recurring']);

/** The example workbook's bytes, made from the CSV's text. */
export async function exampleWorkbook(csvText) {
  const [header, ...rows] = parse(csvText, { relax_column_count: false });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'union-triage';
  workbook.created = FIXED;
  workbook.modified = FIXED;
  const sheet = workbook.addWorksheet('Backlog', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  // Ids of its own (XL-01 for WI-01), so the folder holds no id twice and `triage validate
  // examples/` stays clean; everything else is the CSV's.
  for (const row of rows) sheet.addRow(row.map((cell, k) => (header[k] === 'id' ? cell.replace(/^WI-/, 'XL-') : typed(header[k], cell))));
  sheet.columns.forEach((column, k) => {
    column.width = Math.min(60, Math.max(10, ...[header, ...rows].map((row) => String(row[k] ?? '').length)));
  });
  return fixZipTimes(Buffer.from(await workbook.xlsx.writeBuffer()), FIXED);
}

function typed(name, cell) {
  if (cell === '') return null;
  if (NUMBERS.has(name)) return Number(cell);
  if (BOOLEANS.has(name)) return /^(true|yes|y|1)$/i.test(cell);
  return cell;
}

/**
 * Set every zip entry's DOS time and date to `when`: in the central directory (found from
 * the end record) and in each local header it points to.
 */
function fixZipTimes(zip, when) {
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const date = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let k = zip.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    zip.writeUInt16LE(time, k + 12);
    zip.writeUInt16LE(date, k + 14);
    const local = zip.readUInt32LE(k + 42);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    k += 46 + zip.readUInt16LE(k + 28) + zip.readUInt16LE(k + 30) + zip.readUInt16LE(k + 32);
  }
  return zip;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await exampleWorkbook(readFileSync(CSV, 'utf8'));
  if (process.argv.includes('--check')) {
    const same = Buffer.compare(bytes, readFileSync(XLSX)) === 0;
    if (!same) console.error('examples/backlog.xlsx is not what examples/backlog.csv makes: run node scripts/build-example-workbook.mjs');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(XLSX, bytes);
  console.log(`wrote examples/backlog.xlsx (${bytes.length} bytes)`);
}
