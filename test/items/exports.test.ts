/** Someone else's export: delimiters, encodings, column mappings and repeated header names. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../src/core/types.js';
import type { Encoding } from '../../src/io/decode.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems, type ItemFormat, type ItemProblemAt } from '../../src/items/read.js';
import { unionPolicy } from '../helpers/policy.js';
import { repoPath } from '../helpers/run.js';

const policy = unionPolicy();

interface ReadOptions {
  format?: ItemFormat;
  encoding?: Encoding;
  delimiter?: string;
  mapping?: Record<string, string>;
}

async function read(input: string | Buffer, options: ReadOptions = {}) {
  const problems: ItemProblemAt[] = [];
  const items: WorkItem[] = [];
  const stdin = Readable.from([typeof input === 'string' ? Buffer.from(input) : input]);
  for await (const item of readItems(['-'], {
    normaliser: createNormaliser(policy.fields),
    stdin,
    format: options.format ?? 'csv',
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { csv: { delimiter: options.delimiter } } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    onProblem: (p) => problems.push(p),
  })) {
    items.push(item);
  }
  return { items, problems };
}

async function readError(input: string | Buffer, options: ReadOptions = {}): Promise<{ message: string; position: unknown; hint: unknown }> {
  try {
    await read(input, options);
  } catch (error) {
    const { message, position, hint } = error as { message: string; position: unknown; hint: unknown };
    return { message, position, hint };
  }
  throw new Error('expected an error');
}

const values = (items: WorkItem[]) => items.map((item) => ({ ...item.values }));

describe('delimiters', () => {
  it('detects a semicolon or a tab from the header line', async () => {
    const semicolon = await read('id;title;organisations\nA-1;"One; and more";"council;ccg"\n');
    expect(values(semicolon.items)).toEqual([{ id: 'A-1', title: 'One; and more', organisations: ['council', 'ccg'] }]);
    const tab = await read('id\ttitle\teffort_weeks\nA-1\tOne, two\t3\n');
    expect(values(tab.items)).toEqual([{ id: 'A-1', title: 'One, two', effort_weeks: 3 }]);
  });

  it('keeps the comma when commas outnumber the rest, and ignores delimiters inside quotes', async () => {
    const { items } = await read('id,title,"a;b;c;d"\nA-1,One;Two,x\n');
    expect(values(items)).toEqual([{ id: 'A-1', title: 'One;Two' }]);
    expect({ ...items[0]?.extra }).toEqual({ 'a;b;c;d': 'x' });
  });

  it('uses the delimiter given, whatever the header suggests', async () => {
    const { items } = await read('id|title|x;y;z\nA-1|One;two|3\n', { delimiter: '|' });
    expect(values(items)).toEqual([{ id: 'A-1', title: 'One;two' }]);
    expect({ ...items[0]?.extra }).toEqual({ 'x;y;z': '3' });
  });
});

describe('encodings', () => {
  it('reads a semicolon-separated Latin-1 export with its own column names', async () => {
    const bytes = readFileSync(repoPath('test/fixtures/exports/latin1-semicolon.csv'));
    const mapping = { id: 'Project ref', title: 'Project name', owner: 'Lead officer', cost_gbp: 'Cost' };
    const { items, problems } = await read(bytes, { encoding: 'latin1', mapping });
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.id, i.title, i.values['owner'], i.values['cost_gbp']])).toEqual([
      ['P-101', 'Café hub for carers', 'Zoë Müller', 120000],
      ['P-102', 'Annual licence renewal', undefined, 8500],
      ['P-103', 'Fix the référral form', 'René Dubois', 0],
    ]);
  });

  it('refuses Latin-1 read as UTF-8, naming the line and the flag', async () => {
    const bytes = readFileSync(repoPath('test/fixtures/exports/latin1-semicolon.csv'));
    expect(await readError(bytes)).toEqual({
      message: '<stdin> is not valid UTF-8 (byte 0xe9 on line 2)',
      position: { file: '<stdin>', line: 2, column: 10 },
      hint: 'save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le',
    });
  });

  it('reads windows-1252 punctuation, which Latin-1 exports really hold', async () => {
    const bytes = Buffer.from([...Buffer.from('id,title\nA-1,'), 0x93, ...Buffer.from('Quoted'), 0x94, 0x20, 0x80, 0x35, 0x0a]);
    const { items } = await read(bytes, { encoding: 'windows-1252' });
    expect(items.map((i) => i.title)).toEqual(['\u201CQuoted\u201D \u20AC5']);
  });

  it('reads UTF-16LE when its byte-order mark says so, without being told', async () => {
    const bytes = Buffer.from('\uFEFFid\ttitle\r\nA-1\tNaïve café\r\n', 'utf16le');
    const { items } = await read(bytes);
    expect(items.map((i) => [i.id, i.title])).toEqual([['A-1', 'Naïve café']]);
  });

  it('refuses UTF-16 big-endian with a way out', async () => {
    const bytes = Buffer.from([0xfe, 0xff, 0x00, 0x69]);
    expect(await readError(bytes)).toEqual({
      message: '<stdin> is UTF-16 big-endian, which is not supported',
      position: { file: '<stdin>', line: 1, column: 1 },
      hint: 'save it as UTF-8 (or UTF-16LE, "Unicode text")',
    });
  });
});

describe('column mapping', () => {
  it('reads mapped columns as fields, matching their names without case', async () => {
    const { items } = await read('Ref,Project Name,Size\nA-1,One,4\n', { mapping: { id: 'ref', title: 'project name', effort_weeks: 'Size' } });
    expect(values(items)).toEqual([{ id: 'A-1', title: 'One', effort_weeks: 4 }]);
  });

  it('renames keys of JSON items too, and refuses two keys read as one', async () => {
    const { items } = await read('[{"ref": "J-1", "name": "One"}]', { format: 'json', mapping: { id: 'ref', title: 'name' } });
    expect(values(items)).toEqual([{ id: 'J-1', title: 'One' }]);
    expect(await readError('[{"ref": "J-1", "id": "J-2", "title": "One"}]', { format: 'json', mapping: { id: 'ref' } })).toEqual({
      message: 'the keys "ref" and "id" are both read as "id"',
      position: { file: '<stdin>', line: 1, column: 23 },
      hint: 'rename one of them, or change the mapping (--map)',
    });
  });

  it('names the columns when a mapped column is missing', async () => {
    expect(await readError('id,title\nA-1,One\n', { mapping: { owner: 'Lead officer' } })).toEqual({
      message: 'the mapping names the column "Lead officer", which the header does not have',
      position: { file: '<stdin>', line: 1, column: 1 },
      hint: 'the columns are: id, title',
    });
  });
});

describe('repeated header names', () => {
  const text = readFileSync(repoPath('test/fixtures/exports/duplicate-headers.csv'), 'utf8');

  it('refuses two columns with one name, naming both', async () => {
    expect(await readError(text)).toEqual({
      message: 'columns "Effort" (column 3) and "Effort" (column 5) are both read as "Effort"',
      position: { file: '<stdin>', line: 1, column: 22 },
      hint: 'rename one, or say which is which with --map, e.g. --map <field>=Effort#2 reads the second "Effort" as <field>',
    });
  });

  it('reads the one the mapping picks with name#n; the other passes through as name#n', async () => {
    const { items, problems } = await read(text, { mapping: { effort_weeks: 'Effort#2' } });
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.id, i.values['effort_weeks'], { ...i.extra }])).toEqual([
      ['D-1', 1, { 'Effort#1': '10' }],
      ['D-2', 2, { 'Effort#1': '3' }],
    ]);
  });

  it('refuses a mapping that does not say which of the two it means', async () => {
    expect(await readError(text, { mapping: { effort_weeks: 'Effort' } })).toEqual({
      message: 'the mapping names the column "Effort", but columns 3 and 5 are both called that',
      position: { file: '<stdin>', line: 1, column: 22 },
      hint: 'say which one with Effort#1 or Effort#2',
    });
    expect((await readError(text, { mapping: { effort_weeks: 'Effort#3' } })).message).toBe(
      'the mapping asks for column "Effort#3", but the header has 2 column(s) called "Effort"',
    );
  });

  it('prefers a header that really is called name#n', async () => {
    const { items } = await read('id,title,Ref#2\nA-1,One,9\n', { mapping: { effort_weeks: 'Ref#2' } });
    expect(values(items)).toEqual([{ id: 'A-1', title: 'One', effort_weeks: 9 }]);
  });
});
