import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../src/core/types.js';
import { TriageError } from '../../src/errors.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems, sniffFormat, type ItemFormat, type ItemProblemAt } from '../../src/items/read.js';
import { unionPolicy } from '../helpers/policy.js';

const policy = unionPolicy();

async function read(text: string | Buffer, format: ItemFormat) {
  const problems: ItemProblemAt[] = [];
  const items: WorkItem[] = [];
  const stdin = Readable.from([typeof text === 'string' ? Buffer.from(text) : text]);
  for await (const item of readItems(['-'], {
    normaliser: createNormaliser(policy.fields),
    stdin,
    format,
    onProblem: (p) => problems.push(p),
  })) {
    items.push(item);
  }
  return { items, problems: problems.map((p) => ({ ruleId: p.ruleId, line: p.line, column: p.column, message: p.message })) };
}

async function readError(text: string, format: ItemFormat): Promise<TriageError> {
  try {
    await read(text, format);
  } catch (error) {
    if (error instanceof TriageError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('CSV items', () => {
  it('normalises values by the fields: numbers, booleans, lists, enums; empty is unknown', async () => {
    const { items, problems } = await read(
      'id,title,lead,organisations,effort_weeks,recurring,evidence,cost_gbp,notes\n' +
        'A-1,First, Council ,council; CCG ;,2.5,Yes,quantitative,"£12,500",keep me\n' +
        'A-2,Second,,,,,,,\n',
      'csv',
    );
    expect(problems).toEqual([]);
    expect(items.map((i) => ({ ...i.values }))).toEqual([
      {
        id: 'A-1',
        title: 'First',
        lead: 'council',
        organisations: ['council', 'ccg'],
        effort_weeks: 2.5,
        recurring: true,
        evidence: ['quantitative'],
        cost_gbp: 12500,
      },
      { id: 'A-2', title: 'Second' },
    ]);
    expect({ ...items[0]?.extra }).toEqual({ notes: 'keep me' });
    expect(items[0]?.source).toEqual({ file: '<stdin>', line: 2 });
  });

  it('reads -0 as 0, in text and in JSON, so it reads the same wherever it is written', async () => {
    const csv = await read('id,title,effort_weeks,cost_gbp\nZ-1,Zero,-0,-0.0\n', 'csv');
    const json = await read('[{"id":"Z-2","title":"Zero","effort_weeks":-0}]', 'json');
    for (const value of [csv.items[0]?.values['effort_weeks'], csv.items[0]?.values['cost_gbp'], json.items[0]?.values['effort_weeks']]) {
      expect(Object.is(value, 0)).toBe(true);
    }
  });

  it('counts physical lines across quoted multi-line cells, CRLF and blank lines', async () => {
    const text =
      '\uFEFFid,title,description,effort_weeks\r\n' +
      'A-1,One,"two\r\nlines",1\r\n' +
      '\r\n' +
      'A-2,Two,"three\nline\ncell",x\r\n' +
      'A-3,Three,plain,oops\r\n';
    const { items, problems } = await read(text, 'csv');
    expect(items.map((i) => [i.id, i.source?.line])).toEqual([['A-1', 2]]);
    expect(problems).toEqual([
      {
        ruleId: 'item/invalid-value',
        line: 7,
        column: 7,
        message: 'effort_weeks "x" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown',
      },
      {
        ruleId: 'item/invalid-value',
        line: 8,
        column: 17,
        message: 'effort_weeks "oops" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown',
      },
    ]);
  });

  it('names the field, line and column of a bad enum and a missing title', async () => {
    const { problems } = await read('id,title,lead\nA-1,,councl\n', 'csv');
    expect(problems).toEqual([
      {
        ruleId: 'item/invalid-value',
        line: 2,
        column: 6,
        message: 'lead "councl" is not one of union, council, ccg: use one of them, or leave it empty if unknown',
      },
      { ruleId: 'item/missing-required', line: 2, column: 5, message: '"title" is required but empty: give every item a title' },
    ]);
  });

  it('reports a duplicate id at the second place, naming the first', async () => {
    const { items, problems } = await read('id,title\nA-1,One\nA-2,Two\n"A-1",Again\n', 'csv');
    expect(items.map((i) => i.id)).toEqual(['A-1', 'A-2']);
    expect(problems).toEqual([
      {
        ruleId: 'item/duplicate-id',
        line: 4,
        column: 1,
        message: 'id "A-1" is used twice (first at <stdin>:2:1): give each item its own id',
      },
    ]);
  });

  it('matches header names to fields regardless of case', async () => {
    const { items } = await read('ID,Title,Effort_Weeks\nA-1,One,3\n', 'csv');
    expect({ ...items[0]?.values }).toEqual({ id: 'A-1', title: 'One', effort_weeks: 3 });
  });

  it('refuses duplicate header names, naming both columns', async () => {
    const error = await readError('id,title,Title\nA-1,One,Two\n', 'csv');
    expect(error.message).toBe('columns "title" (column 2) and "Title" (column 3) are both read as "title"');
    expect(error.position).toEqual({ file: '<stdin>', line: 1, column: 10 });
  });

  it('refuses ragged rows with the line and the expected column count', async () => {
    const error = await readError('id,title,lead\nA-1,One,council\nA-2,Two\n', 'csv');
    expect(error.message).toBe('this record has 2 fields, but the header has 3');
    expect(error.position).toEqual({ file: '<stdin>', line: 3, column: 8 });
  });

  it('refuses an unclosed quote, pointing at the record where it opens', async () => {
    const error = await readError('id,title\nA-1,"One\nA-2,Two\n', 'csv');
    expect(error.message).toBe('a quoted field that starts in the record on line 2 is never closed');
  });

  it('refuses invalid UTF-8 with the line, never replacing it silently', async () => {
    const bytes = Buffer.concat([Buffer.from('id,title\nA-1,One\nA-2,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    await expect(read(bytes, 'csv')).rejects.toMatchObject({
      message: '<stdin> is not valid UTF-8 (byte 0xe9 on line 3)',
      position: { file: '<stdin>', line: 3 },
    });
  });

  it('names the line of a broken byte counting a lone \\r and a \\r\\n split between chunks as the CSV reader does', async () => {
    // Line 2 holds a lone \r inside quotes; the breaks after lines 1 and 4 are split between chunks.
    const chunks = [Buffer.from('id,title\r'), Buffer.from('\nA-1,"One\rmore"\r\nA-2,Two\r'), Buffer.from('\nA-3,Caf'), Buffer.from([0xe9]), Buffer.from('\n')];
    const failure = readItems(['-'], { normaliser: createNormaliser(policy.fields), stdin: Readable.from(chunks), format: 'csv', onProblem: () => undefined });
    await expect(
      (async () => {
        for await (const _ of failure) void _;
      })(),
    ).rejects.toMatchObject({
      message: '<stdin> is not valid UTF-8 (byte 0xe9 on line 5)',
      position: { file: '<stdin>', line: 5, column: 8 },
    });
    // Valid, the same lines give the same numbers: A-3's bad title is on line 5.
    const valid = [Buffer.from('id,title,effort_weeks\r'), Buffer.from('\nA-1,"One\rmore",1\r\nA-2,Two,2\r'), Buffer.from('\nA-3,Three,lots\n')];
    const problems: ItemProblemAt[] = [];
    for await (const _ of readItems(['-'], {
      normaliser: createNormaliser(policy.fields),
      stdin: Readable.from(valid),
      format: 'csv',
      onProblem: (p) => problems.push(p),
    }))
      void _;
    expect(problems.map((p) => [p.line, p.column])).toEqual([[5, 11]]);
  });

  it('refuses prototype-polluting column names', async () => {
    const error = await readError('id,title,__proto__\nA-1,One,x\n', 'csv');
    expect(error.message).toBe('the column name "__proto__" is not allowed');
  });
});

describe('YAML items', () => {
  it('reads a list or an items: mapping, with positions of each value', async () => {
    const text =
      'items:\n  - id: Y-1\n    title: One\n    organisations: [council, ccg]\n    recurring: no\n  - id: Y-2\n    title: Two\n    effort_weeks: lots\n';
    const { items, problems } = await read(text, 'yaml');
    expect(items.map((i) => ({ ...i.values }))).toEqual([{ id: 'Y-1', title: 'One', organisations: ['council', 'ccg'], recurring: false }]);
    expect(problems).toEqual([
      {
        ruleId: 'item/invalid-value',
        line: 8,
        column: 19,
        message: 'effort_weeks "lots" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown',
      },
    ]);
    const list = await read('- id: 7\n  title: Seven\n', 'yaml');
    expect(list.items.map((i) => i.id)).toEqual(['7']);
  });

  it('refuses a file that is not a list of items', async () => {
    const error = await readError('title: not a list\n', 'yaml');
    expect(error.message).toBe('a YAML items file needs a list of items, or an "items:" key holding one');
  });
});

describe('JSON and JSONL items', () => {
  it('reads a JSON array and locates bad values', async () => {
    const { items, problems } = await read('[\n  {"id": "J-1", "title": "One"},\n  {"id": "J-2", "title": "Two", "citizen_impact": 9}\n]\n', 'json');
    expect(items.map((i) => i.id)).toEqual(['J-1']);
    expect(problems).toEqual([
      {
        ruleId: 'item/invalid-value',
        line: 3,
        column: 51,
        message: 'citizen_impact 9 is above the maximum 5: give a value from 1 to 5',
      },
    ]);
  });

  it('locates values in a large array in one pass, not one scan of the file per item', async () => {
    // 20,000 items, one per line: rescanning the whole text per item used to take minutes.
    const lines = Array.from({ length: 20_000 }, (_, k) => `  {"id": "J-${k}", "title": "Item ${k}"${k === 19_998 ? ', "effort_weeks": -1' : ''}}`);
    const { items, problems } = await read(`[\n${lines.join(',\n')}\n]\n`, 'json');
    expect(items).toHaveLength(19_999);
    expect(items[19_998]?.source).toEqual({ file: '<stdin>', line: 20_001 });
    expect(problems).toEqual([{ ruleId: 'item/invalid-value', line: 20_000, column: 60, message: 'effort_weeks -1 is below the minimum 0: give 0 or more' }]);
  });

  it('reads JSONL line by line and reports a syntax error with line and column', async () => {
    const { items } = await read('{"id":"L-1","title":"One"}\n\n{"id":"L-2","title":"Two"}\n', 'jsonl');
    expect(items.map((i) => [i.id, i.source?.line])).toEqual([
      ['L-1', 1],
      ['L-2', 3],
    ]);
    const error = await readError('{"id":"L-1","title":"One"}\n{"id":"L-2",,}\n', 'jsonl');
    expect(error.message).toBe('invalid JSON: expected a string in double quotes');
    expect(error.position).toEqual({ file: '<stdin>', line: 2, column: 13 });
  });
});

describe('sniffFormat', () => {
  it('guesses the format of standard input from its start', () => {
    expect(sniffFormat('[{"id":1}]')).toBe('json');
    expect(sniffFormat('{"id":1}\n{"id":2}')).toBe('jsonl');
    expect(sniffFormat('items:\n  - id: 1')).toBe('yaml');
    expect(sniffFormat('- id: 1')).toBe('yaml');
    expect(sniffFormat('id,title\n1,a')).toBe('csv');
  });
});
