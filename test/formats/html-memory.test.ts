/**
 * The HTML report of a backlog with huge titles, through the built CLI under a small heap:
 * what the report holds is bounded by its size (the chart keeps 120 characters of a title,
 * the tables' rows wait on disk), so 200 titles of 990 KB each (198 MB) go through a 64 MB
 * heap, and a run that fails leaves no temporary file. Before, the chart held every title
 * whole: this run died of an out-of-memory crash and left its temporary files behind, and
 * 1,000 such titles made a chart longer than a string can be ("Invalid string length").
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, createWriteStream, mkdirSync, mkdtempSync, openSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run.js';

const ROWS = 200;
const TITLE_CHARS = 990_000;
const HEAP_MB = 64;
const PHRASE = 'integrated care pathway redesign for hospital discharge ';
const TITLE = PHRASE.repeat(Math.ceil(TITLE_CHARS / PHRASE.length)).slice(0, TITLE_CHARS);

let dir: string;
let backlog: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'triage-html-memory-'));
  backlog = join(dir, 'huge-titles.csv');
  const out = createWriteStream(backlog);
  out.write('id,title,description,lead,organisations,effort_weeks,cost_gbp,recurring,citizen_impact,evidence\n');
  for (let i = 1; i <= ROWS; i++) {
    if (!out.write(`T-${i},${TITLE},Short description.,union,council;ccg,10,1000,no,3,quantitative\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `triage score BACKLOG -f html -o OUT` under a 64 MB heap, with its own TMPDIR. */
function scoreHtml(out: string, temp: string): { code: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, 'score', backlog, '-f', 'html', '-o', out, '-q'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TMPDIR: temp },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, signal: run.signal, stderr: run.stderr };
}

/** The first `bytes` of a file, as text. */
function headOf(path: string, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

describe('the HTML report of huge titles', () => {
  it('is written under a 64 MB heap: the chart cuts titles to 120 characters, the tables keep them whole, nothing is left behind', () => {
    const folder = join(dir, 'ok');
    const temp = join(dir, 'ok-tmp');
    mkdirSync(folder);
    mkdirSync(temp);
    const out = join(folder, 'report.html');
    expect(scoreHtml(out, temp)).toEqual({ code: 0, signal: null, stderr: '' });
    expect(readdirSync(folder)).toEqual(['report.html']);
    expect(readdirSync(temp)).toEqual([]);
    // Every title is in its row and in its explanation's summary.
    expect(statSync(out).size).toBeGreaterThan(2 * ROWS * TITLE_CHARS);

    const head = headOf(out, 3_000_000);
    const clipped = `${TITLE.slice(0, 119)}…`;
    const chart = head.slice(0, head.indexOf('</figure>'));
    const tips = [...chart.matchAll(/<g class="dot" data-route="review"><title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(tips).toHaveLength(ROWS);
    expect(tips[0]).toBe(`T-1 ${clipped}\nNeeds review\nalignment 24, transformation 40 (borderline)`);
    const data = head.slice(head.indexOf('<details class="chart-data"'), head.indexOf('</details>'));
    expect(data.split(`<td class="text">${clipped}</td>`)).toHaveLength(ROWS + 1);
    // The first row of the first table: its title whole.
    const row = '<tr>\n<td class="id"><a href="#item-1">T-1</a></td>\n<td class="text">';
    const at = head.indexOf(row);
    expect(at).toBeGreaterThan(head.indexOf('</details>'));
    expect(head.slice(at + row.length, at + row.length + TITLE_CHARS + 6)).toBe(`${TITLE}</td>\n`);
  }, 180_000);

  it('fails with one line and leaves no temporary file when its temporary folder cannot be made', () => {
    const folder = join(dir, 'failed');
    mkdirSync(folder);
    const notAFolder = join(dir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    const run = scoreHtml(join(folder, 'report.html'), notAFolder);
    expect(run).toEqual({
      code: 2,
      signal: null,
      stderr: `a large run needs a temporary folder, and none could be made in ${notAFolder}: cannot write ${notAFolder}: part of its path is a file, not a folder; set TMPDIR to a folder you can write to, with room for the run\n`,
    });
    expect(readdirSync(folder)).toEqual([]);
  }, 180_000);
});
