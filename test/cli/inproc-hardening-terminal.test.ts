/**
 * Text from files never drives the terminal: an escape sequence, a carriage return or a bidi
 * control in a title, a value or a header is shown as an escape, in the table, in explain,
 * in validate's report and in every line on stderr. Colour the tool adds itself still works.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable, printableData } from '../../src/core/printable.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-terminal-'));
const ESC = '\u001b';
const evil = join(dir, 'evil.csv');
writeFileSync(
  evil,
  [
    'id,title,lead,effort_weeks',
    `E-1,"Clear ${ESC}[2J${ESC}]0;pwned${ESC}\\ title",council,1`,
    `E-2,Two,"coun${ESC}[1mcil",1`,
    'E-3,Three,"line\nbreak",1',
    'E-4,Four,council,"x\r\u202eevil"',
  ].join('\n') + '\n',
);

/** No control character but line feeds (and tabs) reaches the terminal. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
}

describe('printable', () => {
  it('writes control characters as escapes, keeping tabs, and line feeds or colour when asked', async () => {
    expect(printable(`a${ESC}[2Jb\rc\u0000d\u009be\u202ef\tg`)).toBe('a\\u001b[2Jb\\rc\\0d\\u009be\\u202ef\tg');
    expect(printable('one\ntwo')).toBe('one\\ntwo');
    expect(printable('one\ntwo', { lines: true })).toBe('one\ntwo');
    expect(printable(`${ESC}[31mred${ESC}[39m ${ESC}]52;c;cHduZWQ=${ESC}\\`, { colour: true })).toBe(`${ESC}[31mred${ESC}[39m \\u001b]52;c;cHduZWQ=\\u001b\\`);
    const plain = 'Nothing to do here: café, 漢字, emoji 😀';
    expect(printable(plain)).toBe(plain);
  });

  it('shortens a single line past 1,000 characters, keeping its start and its end', async () => {
    const line = `file.csv:2:3: the column "${'x'.repeat(5000)}" is unknown; check the mapping`;
    const shown = printable(line);
    expect(shown).toBe(`${line.slice(0, 600)} … (${(line.length - 900).toLocaleString('en-GB')} characters left out) … ${line.slice(-300)}`);
    expect(printable(line, { lines: true })).toBe(line);
    expect(printable('x'.repeat(1000))).toBe('x'.repeat(1000));
  });

  it('escapes every string in plain data, keeping line feeds, shapes and prototypes', async () => {
    const values = Object.assign(Object.create(null) as Record<string, unknown>, { title: `a${ESC}[8mb`, tags: ['x\ry', 2] });
    const copy = printableData({ values, n: 3, ok: null, text: 'one\ntwo' });
    expect(copy).toEqual({ values: { title: 'a\\u001b[8mb', tags: ['x\\ry', 2] }, n: 3, ok: null, text: 'one\ntwo' });
    expect(Object.getPrototypeOf(copy.values)).toBe(null);
    expect(values['title']).toBe(`a${ESC}[8mb`);
  });
});

describe('as a command', () => {
  it('the table shows titles as written, escapes visible, on one line each', async () => {
    const { code, stdout } = await cli(['score', evil, '--relax']);
    expect(code).toBe(1);
    expectInert(stdout);
    expect(stdout).toContain('│ E-1 │ Clear \\u001b[2J\\u001b]0;pwned\\u001b\\ title');
  });

  it('every problem on stderr stays one line, escapes visible', async () => {
    const { stderr } = await cli(['score', evil, '-f', 'jsonl']);
    expectInert(stderr);
    expect(stderr.split('\n')).toEqual([
      `${evil}:3:9: error: lead "coun\\u001b[1mcil" is not one of union, council, ccg: use one of them, or leave it empty if unknown [item/invalid-value]`,
      `${evil}:4:11: error: lead "line\\nbreak" is not one of union, council, ccg: use one of them, or leave it empty if unknown [item/invalid-value]`,
      `${evil}:6:18: error: effort_weeks "x\\r\\u202eevil" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown [item/invalid-value]`,
      '3 invalid item(s) were left out of the results',
      '',
    ]);
  });

  it("validate's report, and a refusal naming a header, are inert too", async () => {
    const report = await cli(['validate', evil]);
    expectInert(report.stdout);
    expect(report.stdout).toContain('lead "coun\\u001b[1mcil" is not one of');
    const header = join(dir, 'header.csv');
    writeFileSync(header, `id,title,${ESC}[8mhidden,prototype\nH-1,One,x,y\n`);
    expect((await cli(['score', header])).stderr).toBe(`${header}:1:21: the column name "prototype" is not allowed; rename the column\n`);
    const twice = join(dir, 'twice.csv');
    writeFileSync(twice, `id,title,${ESC}[8m,${ESC}[8m\nH-1,One,x,y\n`);
    const { stderr } = await cli(['score', twice]);
    expectInert(stderr);
    expect(stderr).toBe(
      `${twice}:1:15: columns "\\u001b[8m" (column 3) and "\\u001b[8m" (column 4) are both read as "\\u001b[8m"; rename one, or say which is which with --map, e.g. --map <field>=\\u001b[8m#2 reads the second "\\u001b[8m" as <field>\n`,
    );
  });

  it('explain shows the item as written', async () => {
    const { code, stdout } = await cli(['explain', 'E-1', evil]);
    expect(code).toBe(0);
    expectInert(stdout);
    // On one screen the place wraps under the title at 80 columns.
    expect(stdout.split('\n').slice(0, 2)).toEqual(['E-1 Clear \\u001b[2J\\u001b]0;pwned\\u001b\\ title', `(${evil}:2)`]);
    const full = await cli(['explain', 'E-1', evil, '--full']);
    expectInert(full.stdout);
    expect(full.stdout.split('\n')[0]).toBe(`E-1  Clear \\u001b[2J\\u001b]0;pwned\\u001b\\ title  (${evil}:2)`);
  });

  it("escapes an item's own colour sequences even when the tool colours", async () => {
    const { code, stdout } = await cli(['explain', 'E-1', evil, '--full'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`${ESC}[1mE-1${ESC}[22m  Clear \\u001b[2J\\u001b]0;pwned\\u001b\\ title${ESC}[2m  (${evil}:2)${ESC}[22m`);
    const compact = (await cli(['explain', 'E-1', evil], { env: { FORCE_COLOR: '1', NO_COLOR: '' } })).stdout;
    expect(compact.split('\n')[0]).toBe('E-1 Clear \\u001b[2J\\u001b]0;pwned\\u001b\\ title');
    // The tool's colour on the route label; the item's escape sequences only as text.
    expect(compact).toContain(`\n${ESC}[34mCouncil${ESC}[39m: business as usual so far`);
    expect(compact).not.toMatch(/\u001b(?:\[2J|\])/);
  });

  it('refuses a principle set whose text holds a control character, at its position', async () => {
    const set = join(dir, 'evil-principles.yaml');
    writeFileSync(set, readFileSync('principles/union.yaml', 'utf8').replace(/^organisation: .*$/m, 'organisation: "The \\e[8mUnion"'));
    const { code, stderr } = await cli(['principles', '-p', set]);
    expect(code).toBe(2);
    const line =
      readFileSync(set, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('organisation:')) + 1;
    expect(stderr).toBe(
      `${set}:${line}:15: error: this text holds a control character (shown escaped: "The \\u001b[8mUnion"); remove it, as it would act on the terminal that shows it [principles/schema]\n`,
    );
  });

  it("keeps the tool's own colour on a terminal that allows it", async () => {
    const { stdout } = await cli(['score', 'examples/backlog.csv'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(stdout).toContain(`${ESC}[`);
    expect(stdout).not.toContain('\\u001b');
  });
});
