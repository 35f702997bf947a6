/**
 * Untrusted CSV through the CLI in-process (`cli()`): limits on a record's size and a header's
 * columns, byte-order marks, CRLF and mixed line endings, quotes inside unquoted fields (an
 * error with its position, or read with --relax) and ragged rows (the line and the expected
 * count).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-hostile-csv-'));

function csv(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** id and title of each item, read back through `-f jsonl`. */
async function scored(args: string[]): Promise<{ code: number | null; items: Array<[string, string]>; stderr: string }> {
  const { code, stdout, stderr } = await cli(['score', ...args, '-f', 'jsonl']);
  const items = stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id: string; title: string })
    .map((item): [string, string] => [item.id, item.title]);
  return { code, items, stderr };
}

describe('limits', () => {
  it('refuses a record over 1 MB at the line it starts, quoted or not, without reading on', async () => {
    const plain = csv('huge-plain.csv', `id,title\nA-1,One\nA-2,${'x'.repeat(1024 * 1024 + 10)}\nA-3,Three\n`);
    expect(await cli(['score', plain])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${plain}:3:1: a record is larger than the limit of 1 MB; check for an unclosed quote, and that this is a CSV file\n`,
    });
    // An unclosed quote runs to the end of the file: the limit stops it first.
    const quoted = csv('huge-quoted.csv', `id,title\nA-1,"${'x\n'.repeat(700_000)}`);
    expect((await cli(['score', quoted])).stderr).toBe(
      `${quoted}:2:1: a record is larger than the limit of 1 MB; check for an unclosed quote, and that this is a CSV file\n`,
    );
  });

  it('refuses a header of more than 1,000 columns, pointing at the delimiter', async () => {
    const wide = csv('wide.csv', `${Array.from({ length: 1500 }, (_, k) => `c${k}`).join(',')}\n`);
    expect((await cli(['score', wide])).stderr).toBe(
      `${wide}:1:1: the header has 1500 columns, more than the limit of 1000; check the delimiter (--delimiter)\n`,
    );
  });
});

describe('what real exports look like', () => {
  it('reads a UTF-8 byte-order mark as nothing, the first column still named id', async () => {
    const bom = csv('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,title\nB-1,With a BOM\n')]));
    expect(await scored([bom])).toEqual({ code: 0, items: [['B-1', 'With a BOM']], stderr: '' });
  });

  it('reads UTF-16LE with its byte-order mark', async () => {
    const text = '\ufeffid,title\r\nU-1,Caf\u00e9\r\n';
    expect(await scored([csv('utf16.csv', Buffer.from(text, 'utf16le'))])).toEqual({ code: 0, items: [['U-1', 'Caf\u00e9']], stderr: '' });
  });

  it('reads CRLF, LF and lone CR line ends mixed in one file, with CRLF kept inside quotes, no row lost or merged', async () => {
    const mixed = csv('mixed.csv', 'id,title\r\nM-1,Windows\nM-2,Unix\rM-3,Old Mac\r\nM-4,"Two\r\nlines"\r\rM-5,After a blank line\n');
    expect(await scored([mixed])).toEqual({
      code: 0,
      items: [
        ['M-1', 'Windows'],
        ['M-2', 'Unix'],
        ['M-3', 'Old Mac'],
        ['M-4', 'Two\r\nlines'],
        ['M-5', 'After a blank line'],
      ],
      stderr: '',
    });
  });

  it('counts lines the same way whatever the line ends, for positions', async () => {
    const bad = csv('mixed-bad.csv', 'id,title,effort_weeks\r\nM-1,One,1\rM-2,Two,2\nM-3,Three,many\r\n');
    expect((await cli(['score', bad, '-f', 'jsonl'])).stderr).toBe(
      `${bad}:4:11: error: effort_weeks "many" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown [item/invalid-value]\n1 invalid item(s) were left out of the results\n`,
    );
  });
});

describe('quotes where they do not belong', () => {
  const stray = csv('stray-quote.csv', 'id,title,description\nQ-1,Fine,Plain\nQ-2,The "new" front door,Refurbish it\n');

  it('strict: one line naming the line, the column, the field and both fixes', async () => {
    expect(await cli(['score', stray])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${stray}:3:9: a double quote inside an unquoted field (column "title"); quote the whole field and double the inner quotes (""), or pass --relax\n`,
    });
    const validate = await cli(['validate', stray, '-f', 'json']);
    expect(validate.code).toBe(1);
    expect(JSON.parse(validate.stdout)[0].messages).toEqual([
      {
        ruleId: 'csv/syntax',
        severity: 2,
        message: 'a double quote inside an unquoted field (column "title"); quote the whole field and double the inner quotes (""), or pass --relax',
        line: 3,
        column: 9,
      },
    ]);
  });

  it('--relax: read as written, by score and by validate', async () => {
    expect(await scored([stray, '--relax'])).toEqual({
      code: 0,
      items: [
        ['Q-1', 'Fine'],
        ['Q-2', 'The "new" front door'],
      ],
      stderr: '',
    });
    expect(await cli(['validate', stray, '--relax'])).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  });

  it('text after a closing quote is refused even with --relax, at the character after the quote', async () => {
    const after = csv('after-quote.csv', 'id,title\nQ-1,"Quoted" then not\n');
    const line = `${after}:2:13: text follows a closing double quote in the same field (column "title"); quote the whole field and double the inner quotes ("")\n`;
    expect((await cli(['score', after])).stderr).toBe(line);
    expect((await cli(['score', after, '--relax'])).stderr).toBe(line);
  });

  it('an unclosed quote points at the quote that opens it', async () => {
    const unclosed = csv('unclosed.csv', 'id,title,description\nU-1,Fine,Plain\nU-2,"Never closed,Plain\nU-3,Lost,Plain\n');
    expect((await cli(['score', unclosed])).stderr).toBe(
      `${unclosed}:3:5: a quoted field that starts in the record on line 3 is never closed; add the closing double quote\n`,
    );
  });
});

describe('ragged rows', () => {
  it('too many fields: the line, the first extra field, and the expected count', async () => {
    const many = csv('too-many.csv', 'id,title,lead\nR-1,One,council\nR-2,Two, with a comma,council\n');
    expect(await cli(['score', many])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${many}:3:23: this record has 4 fields, but the header has 3; every row needs one value per column: check for a missing or extra delimiter, or quote fields that contain it\n`,
    });
  });

  it('too few fields: the line, where it ends, and the expected count', async () => {
    const few = csv('too-few.csv', 'id,title,lead\nR-1,One,council\nR-2,Two\n');
    expect((await cli(['score', few])).stderr).toBe(
      `${few}:3:8: this record has 2 fields, but the header has 3; every row needs one value per column: check for a missing or extra delimiter, or quote fields that contain it\n`,
    );
  });

  it('validate reports the same, as a finding', async () => {
    const few = csv('too-few-validate.csv', 'id,title,lead\nR-1,One\n');
    const result = await cli(['validate', few, '-f', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)[0].messages).toEqual([
      {
        ruleId: 'csv/syntax',
        severity: 2,
        message:
          'this record has 2 fields, but the header has 3; every row needs one value per column: check for a missing or extra delimiter, or quote fields that contain it',
        line: 2,
        column: 8,
      },
    ]);
  });
});

describe('headers', () => {
  it('refuses a column with no name, and names that could reach a prototype', async () => {
    const blank = csv('blank-header.csv', 'id,,title\nH-1,x,One\n');
    expect((await cli(['score', blank])).stderr).toBe(`${blank}:1:4: column 2 of the header has no name; name the column, or remove it\n`);
    const proto = csv('proto-header.csv', 'id,title,prototype\nH-1,One,x\n');
    expect((await cli(['score', proto])).stderr).toBe(`${proto}:1:10: the column name "prototype" is not allowed; rename the column\n`);
  });
});

describe('many problems', () => {
  it('validate on 200,000 bad rows lists the first 1,000 and where it stopped, in every format (found by the fuzzer)', async () => {
    const rows = Array.from({ length: 200_000 }, (_, k) => `V-${k},Item,lots`).join('\n');
    const bad = csv('many-bad.csv', `id,title,effort_weeks\n${rows}\n`);
    const stylish = await cli(['validate', bad]);
    expect(stylish.code).toBe(1);
    expect(stylish.stderr).toBe('');
    expect(stylish.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 1001 problems (1001 errors, 0 warnings) in 1 of 1 file');
    const json = await cli(['validate', bad, '-f', 'json']);
    expect(json.stderr).toBe('1 file checked: 1001 problems (1001 errors, 0 warnings)\n');
    const [report] = JSON.parse(json.stdout) as Array<{ errorCount: number; messages: Array<{ ruleId: string; line: number }> }>;
    expect(report?.errorCount).toBe(1001);
    expect(report?.messages.filter((m) => m.ruleId === 'file/too-many-problems')).toMatchObject([{ line: 1001, column: 1 }]);
  }, 60_000);

  it('score prints the first 20 problems and counts the rest', async () => {
    const rows = Array.from({ length: 50 }, (_, k) => `V-${k},Item,lots`).join('\n');
    const bad = csv('fifty-bad.csv', `id,title,effort_weeks\n${rows}\n`);
    const lines = (await cli(['score', bad, '-f', 'jsonl'])).stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines.slice(-2)).toEqual(['… and 30 more problem(s); run "triage validate" to list them all', '50 invalid item(s) were left out of the results']);
  });
});
