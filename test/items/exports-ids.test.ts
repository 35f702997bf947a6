/** `--ids row` and `--ids hash`: ids for an export that has none, and how they behave when rows move. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** The hash id as documented, computed here independently of the implementation. */
function expectedHash(title: string, description: string): string {
  const tidy = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${tidy(title)}\n${tidy(description)}`, 'utf8')
    .digest('hex')
    .slice(0, 8);
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-ids-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Ids and titles of the items scored, in output order. */
async function ids(dir: string, args: string[]): Promise<Array<[string, string]>> {
  const result = await cli(['score', ...args.map((a) => (a.endsWith('.csv') ? join(dir, a) : a)), '-f', 'jsonl'], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; title: string })
    .map((item) => [item.id, item.title]);
}

const HEADER = 'title,description,effort_weeks\n';

describe('--ids row', () => {
  it('numbers the records from 1, across all the files of a run', async () => {
    const dir = folder({ 'a.csv': `${HEADER}One,first,1\nTwo,second,2\n`, 'b.csv': `${HEADER}Three,third,3\n` });
    expect(await ids(dir, ['a.csv', 'b.csv', '--ids', 'row'])).toEqual([
      ['1', 'One'],
      ['2', 'Two'],
      ['3', 'Three'],
    ]);
  });

  it('gives a row another id when a row is inserted before it', async () => {
    const dir = folder({ 'a.csv': `${HEADER}One,first,1\nTwo,second,2\n`, 'b.csv': `${HEADER}New,inserted,1\nOne,first,1\nTwo,second,2\n` });
    expect(await ids(dir, ['a.csv', '--ids', 'row'])).toEqual([
      ['1', 'One'],
      ['2', 'Two'],
    ]);
    expect(await ids(dir, ['b.csv', '--ids', 'row'])).toEqual([
      ['1', 'New'],
      ['2', 'One'],
      ['3', 'Two'],
    ]);
  });

  it('counts an invalid record too, so one bad row does not shift the ids after it', async () => {
    const dir = folder({ 'a.csv': `${HEADER}One,first,1\nTwo,second,lots\nThree,third,3\n` });
    const result = await cli(['score', join(dir, 'a.csv'), '--ids', 'row', '-f', 'jsonl'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual(['1', '3']);
    expect(result.stderr).toBe(
      `${join(dir, 'a.csv')}:3:12: error: effort_weeks "lots" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown [item/invalid-value]\n` +
        '1 invalid item(s) were left out of the results\n',
    );
  });
});

describe('--ids hash', () => {
  it('is the first 8 hex digits of the SHA-256 of the tidied title, a line feed and the description', async () => {
    const dir = folder({ 'a.csv': `${HEADER}"Café  hub ",Carers' advice,1\nNo description,,2\n` });
    expect(await ids(dir, ['a.csv', '--ids', 'hash'])).toEqual([
      [expectedHash('Café hub', "Carers' advice"), 'Café  hub'],
      [expectedHash('No description', ''), 'No description'],
    ]);
    expect(expectedHash('Café hub', "Carers' advice")).toMatch(/^[0-9a-f]{8}$/);
  });

  it('reads accents the same however they are stored, and spaces and line breaks as one space', async () => {
    const nfd = 'Cafe\u0301 hub';
    const dir = folder({ 'a.csv': `${HEADER}Café hub,"one\r\n  two",1\n`, 'b.csv': `${HEADER}${nfd},one two,1\n` });
    const [[first]] = (await ids(dir, ['a.csv', '--ids', 'hash'])) as [[string, string]];
    const [[second]] = (await ids(dir, ['b.csv', '--ids', 'hash'])) as [[string, string]];
    expect(first).toBe(expectedHash('Café hub', 'one two'));
    expect(second).toBe(first);
  });

  it('keeps each row its id when the rows are reordered', async () => {
    const rows = ['Alpha,first,1', 'Beta,second,2', 'Gamma,third,3'];
    const dir = folder({ 'a.csv': `${HEADER}${rows.join('\n')}\n`, 'b.csv': `${HEADER}${[...rows].reverse().join('\n')}\n` });
    const forward = new Map(await ids(dir, ['a.csv', '--ids', 'hash']));
    const backward = await ids(dir, ['b.csv', '--ids', 'hash']);
    expect(backward.map(([, title]) => title)).toEqual(['Gamma', 'Beta', 'Alpha']);
    for (const [id, title] of backward) expect(forward.get(id)).toBe(title);
    expect([...forward.keys()]).toEqual([expectedHash('Alpha', 'first'), expectedHash('Beta', 'second'), expectedHash('Gamma', 'third')]);
  });

  it('changes when the title or description is edited', async () => {
    const dir = folder({ 'a.csv': `${HEADER}Alpha,first,1\n`, 'b.csv': `${HEADER}Alpha,first (edited),1\n` });
    const [[before]] = (await ids(dir, ['a.csv', '--ids', 'hash'])) as [[string, string]];
    const [[after]] = (await ids(dir, ['b.csv', '--ids', 'hash'])) as [[string, string]];
    expect(before).toBe(expectedHash('Alpha', 'first'));
    expect(after).toBe(expectedHash('Alpha', 'first (edited)'));
    expect(after).not.toBe(before);
  });

  it('makes identical rows unique with -2, -3 in the order they are read, across files', async () => {
    const dir = folder({ 'a.csv': `${HEADER}Same,text,1\nOther,text,1\nSame,text,2\n`, 'b.csv': `${HEADER}Same,text,3\n` });
    const same = expectedHash('Same', 'text');
    expect(await ids(dir, ['a.csv', 'b.csv', '--ids', 'hash'])).toEqual([
      [same, 'Same'],
      [expectedHash('Other', 'text'), 'Other'],
      [`${same}-2`, 'Same'],
      [`${same}-3`, 'Same'],
    ]);
  });
});

describe('--ids with a file that has ids', () => {
  it('stops at the header, exit 2, naming the id column', async () => {
    const dir = folder({ 'a.csv': 'title,id\nOne,A-1\n' });
    const result = await cli(['score', join(dir, 'a.csv'), '--ids', 'row'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${join(dir, 'a.csv')}:1:7: --ids row gives every item an id, but ${join(dir, 'a.csv')} has a column read as "id" ("id"); leave out --ids to use the file's ids, or map that column to another field, e.g. --map ref=id\n`,
    );
  });

  it('refuses a scheme it does not know, exit 2', async () => {
    const result = await cli(['score', 'x.csv', '--ids', 'uuid']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--ids <how>' argument 'uuid' is invalid. use row or hash");
  });
});

describe('ids in a config file', () => {
  it('reads `ids: hash` as --ids hash', async () => {
    const dir = folder({ 'a.csv': `${HEADER}Alpha,first,1\n`, 'job.yaml': 'ids: hash\n' });
    expect(await ids(dir, ['a.csv', '--config', join(dir, 'job.yaml')])).toEqual([[expectedHash('Alpha', 'first'), 'Alpha']]);
  });
});
