#!/usr/bin/env node
/**
 * `node scripts/bench/generate-workbook.mjs OUT.xlsx [ITEMS] [--csv OUT.csv]`: the benchmark's
 * seeded backlog (generate.mjs) as an Excel workbook, written with exceljs's streaming writer
 * as another program would write it: numbers as numbers, `recurring` as a boolean, shared
 * strings as Excel uses them. `--csv` also writes the same rows as CSV, its twin.
 */
import ExcelJS from 'exceljs';
import { COLUMNS, random, row, writeBacklog } from './generate.mjs';

const NUMBERS = new Set(['effort_weeks', 'cost_gbp', 'citizen_impact']);

/** Write `items` rows of the seeded backlog to `path` as a workbook. */
export async function writeBacklogWorkbook(path, items, seed = 20240601) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('Backlog');
  sheet.addRow(COLUMNS).commit();
  const rand = random(seed);
  for (let i = 0; i < items; i++) {
    const cells = row(rand, i).map((cell, k) => {
      const name = COLUMNS[k];
      if (cell === '') return null;
      if (NUMBERS.has(name)) return Number(cell);
      if (name === 'recurring') return cell === 'yes';
      return cell;
    });
    sheet.addRow(cells).commit();
    // Let the zip stream drain now and then: the library holds what it has not written.
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [out, count = '100000'] = process.argv.slice(2).filter((a, k, all) => a !== '--csv' && all[k - 1] !== '--csv');
  const csv = process.argv.includes('--csv') ? process.argv[process.argv.indexOf('--csv') + 1] : undefined;
  if (!out) {
    console.error('usage: node scripts/bench/generate-workbook.mjs OUT.xlsx [ITEMS] [--csv OUT.csv]');
    process.exit(2);
  }
  await writeBacklogWorkbook(out, Number(count));
  if (csv) await writeBacklog(csv, Number(count));
  console.log(`wrote ${out}${csv ? ` and ${csv}` : ''}: ${Number(count).toLocaleString('en-GB')} items`);
}
