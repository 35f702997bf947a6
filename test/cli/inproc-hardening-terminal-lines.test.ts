/**
 * Every line the tool writes about an item, a decision, a config file or a file name found in a
 * folder goes through `printable`: an OSC sequence in an id cannot retitle the terminal, an
 * item's own SGR code cannot hide text even where the tool colours, and characters that show
 * nothing (zero-width, soft hyphen, tag characters) are shown as escapes. Ids are compared in
 * NFC, and validate warns about ids that only look alike.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-terminal-lines-'));
const ESC = '\u001b';
/** Retitles the terminal window: OSC 0 ; text BEL. */
const OSC = `${ESC}]0;pwned\u0007`;
/** How OSC is shown: the same characters, escaped. */
const OSC_SHOWN = '\\u001b]0;pwned\\u0007';
const COLOUR = { FORCE_COLOR: '1', NO_COLOR: '' };

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** One item with an OSC sequence in its id; the bundled set routes it to review (no lead). */
const osc = file('osc.csv', `id,title\n"R${OSC}-1",Routed to review\n`);

describe('stderr lines carry no raw escapes', () => {
  it('the fail-on line shows the id escaped', async () => {
    const { code, stderr } = await cli(['score', osc, '--fail-on', 'review', '-f', 'jsonl']);
    expect(code).toBe(1);
    expect(stderr).toBe(`fail-on: 1 item routed to review: R${OSC_SHOWN}-1\n`);
  });

  it('every --decisions warning and error shows the ids escaped', async () => {
    const decisions = file(
      'osc-decisions.yaml',
      [
        'decisions:',
        '  - id: "R\\e]0;pwned\\a-1"',
        '    route: council',
        '    rationale: decided before the item changed',
        '    fingerprint: v1:00000000000000',
        '  - id: "G\\e[8mhost"',
        '    route: council',
        '    rationale: for an item that is not there',
        '',
      ].join('\n'),
    );
    const { code, stderr } = await cli(['score', osc, '--decisions', decisions, '-f', 'jsonl']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${decisions}:2:9: warning: decision for "R${OSC_SHOWN}-1" is stale: the item has changed since it was decided; the decided route still applies, but review it again [decisions/stale]\n` +
        `${decisions}:6:9: error: decision for "G\\u001b[8mhost" matches no item in the input: check the id, or remove the decision if the item is gone [decisions/unknown-item]\n`,
    );
  });

  it('the config-map warning shows both names escaped', async () => {
    const items = file('notes.csv', 'id,title,notes\nN-1,One,x\n');
    const config = file('osc-config.yaml', 'map:\n  "pri\\e]0;pwned\\aority": "not\\e[8mes"\n');
    const { code, stderr } = await cli(['score', items, '--config', config, '-f', 'jsonl']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `triage: warning: the mapping reads "not\\u001b[8mes" as "pri${OSC_SHOWN}ority", which is not a field of the principle set, so it passes through unchecked\n` +
        `${items}:1:1: the mapping names the column "not\\u001b[8mes", which the header does not have; the columns are: id, title, notes\n`,
    );
  });

  it('"wrote <name>" shows the output name escaped', async () => {
    const output = join(dir, `out${OSC}.json`);
    const { code, stderr } = await cli(['score', osc, '-f', 'json', '-o', output]);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote ${join(dir, `out${OSC_SHOWN}.json`)}\n`);
    expect(JSON.parse(readFileSync(output, 'utf8')).items[0].id).toBe(`R${OSC}-1`);
  });
});

describe('validate shows file names found in a folder escaped', () => {
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  writeFileSync(join(folder, `ev${OSC}il.csv`), 'id,title,effort_weeks\nV-1,One,soon\n');
  const shown = join(folder, `ev${OSC_SHOWN}il.csv`);
  const message = 'effort_weeks "soon" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown';

  it('in the stylish heading', async () => {
    const { code, stdout } = await cli(['validate', folder]);
    expect(code).toBe(1);
    expect(stdout).toBe(`${shown}\n  2:9  error    ${message}  item/invalid-value\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file\n`);
  });

  it("in github's file= (escaped, then GitHub's own escaping) and in --debug", async () => {
    const { code, stdout, stderr } = await cli(['validate', folder, '-f', 'github', '--debug']);
    expect(code).toBe(1);
    expect(stdout).toBe(`::error file=${shown},line=2,col=9,title=item/invalid-value::${message}\n`);
    expect(stderr.split('\n').slice(0, 2)).toEqual(['1 file checked: 1 problem (1 error, 0 warnings)', `debug: checked ${shown} as items (csv)`]);
  });

  it("github escapes %, : and , after printable, and a message's own escapes too", async () => {
    const odd = join(dir, 'odd');
    mkdirSync(odd);
    writeFileSync(join(odd, `a,b:c%${ESC}[8m.csv`), `id,title,lead\nO-1,One,"coun${ESC}[8mcil"\n`);
    const { stdout } = await cli(['validate', odd, '-f', 'github']);
    expect(stdout).toBe(
      `::error file=${join(odd, 'a%2Cb%3Ac%25\\u001b[8m.csv').replace(/:/g, '%3A')},line=2,col=9,title=item/invalid-value::` +
        'lead "coun\\u001b[8mcil" is not one of union, council, ccg: use one of them, or leave it empty if unknown\n',
    );
  });
});

describe("an item's own SGR codes never reach the terminal, even in colour", () => {
  const sgr = file('sgr.csv', `id,title,description\nS-1,"${ESC}[8mhidden${ESC}[0m shown","desc ${ESC}[31mred"\n`);

  it('explain escapes them in the title and in every value', async () => {
    const { code, stdout } = await cli(['explain', 'S-1', sgr, '--full'], { env: COLOUR });
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      `${ESC}[1mS-1${ESC}[22m  \\u001b[8mhidden\\u001b[0m shown${ESC}[2m  (${sgr}:2)${ESC}[22m`,
      `${ESC}[2m  description: "desc \\u001b[31mred"${ESC}[22m`,
    ]);
  });

  it('explain on one screen escapes them in the title and the description', async () => {
    const { code, stdout } = await cli(['explain', 'S-1', sgr], { env: COLOUR });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`S-1 \\u001b[8mhidden\\u001b[0m shown (${sgr}:2)`);
    expect(lines).toContain('  desc \\u001b[31mred');
    // The tool's own colour is there (the route label); none of the item's.
    expect(stdout).toContain(`${ESC}[33m${ESC}[1mNeeds review${ESC}[22m${ESC}[39m: `);
    expect(stdout).not.toMatch(/\u001b\[(?:8|0|31)m/);
  });
});

describe('characters that show nothing are shown escaped', () => {
  const zw = file('zero-width.csv', 'id,title,description\nZ-1,"Zero\u200bwidth, soft\u00adhyphen","tag\u{e0041}\u{e0042} here; astronaut 👩‍🚀, heart ❤️"\n');

  it('in the table', async () => {
    const { code, stdout } = await cli(['score', zw]);
    expect(code).toBe(0);
    expect(stdout).toContain('│ Z-1 │ Zero\\u200bwidth, soft\\u00adhyphen │');
  });

  it('in explain, keeping emoji sequences whole', async () => {
    const { stdout } = await cli(['explain', 'Z-1', zw, '--full']);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      `Z-1  Zero\\u200bwidth, soft\\u00adhyphen  (${zw}:2)`,
      '  description: "tag\\u{e0041}\\u{e0042} here; astronaut 👩‍🚀, heart ❤️"',
    ]);
    // On one screen: the title (the place wraps under it at 80 columns) and the description.
    const compact = (await cli(['explain', 'Z-1', zw])).stdout.split('\n');
    expect(compact.slice(0, 2)).toEqual(['Z-1 Zero\\u200bwidth, soft\\u00adhyphen', `(${zw}:2)`]);
    expect(compact).toContain('  tag\\u{e0041}\\u{e0042} here; astronaut 👩‍🚀, heart ❤️');
  });
});

describe('a principle set', () => {
  it('is not refused for a character that does not show, which is shown escaped', async () => {
    const set = file('soft-principles.yaml', readFileSync('principles/union.yaml', 'utf8').replace(/^organisation: .*$/m, 'organisation: "The Uni\\u00adon"'));
    const { code, stdout } = await cli(['principles', '-p', set]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`The Uni\\u00adon  ${set}`);
  });
});

describe('ids are compared in NFC', () => {
  const nfc = 'CAF\u00c9-1';
  const nfd = 'CAFE\u0301-1';
  const both = file('cafe.csv', `id,title,lead,effort_weeks\n${nfc},Composed,council,1\n${nfd},Decomposed,council,1\n`);
  const one = file('cafe-one.csv', `id,title,lead,effort_weeks\n${nfc},Composed,council,1\n`);

  it('NFC and NFD spellings of one id are a duplicate', async () => {
    const { code, stderr } = await cli(['score', both, '-f', 'jsonl']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${both}:3:1: error: id "${nfc}" is used twice (first at ${both}:2:1): give each item its own id [item/duplicate-id]\n1 invalid item(s) were left out of the results\n`,
    );
  });

  it('a decision written in NFD applies to the item written in NFC, and explain finds it by either', async () => {
    const decisions = file('cafe-decisions.yaml', `decisions:\n  - id: "${nfd}"\n    route: union\n    rationale: ours\n`);
    const { code, stdout, stderr } = await cli(['score', one, '--decisions', decisions, '-f', 'jsonl']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: nfc, route: 'union', overridden: true });
    expect((await cli(['explain', nfd, one])).stdout.split('\n')[0]).toBe(`${nfc} Composed (${one}:2)`);
    expect((await cli(['explain', nfc, one, '--full'])).stdout.split('\n')[0]).toBe(`${nfc}  Composed  (${one}:2)`);
  });
});

describe('validate reports look-alike ids, naming both places', () => {
  const ids = file('look-alike.csv', 'id,title\nWI-01,First\nWI\u200b-01,Zero-width space\nwi-01,Lower case\n');

  it('as warnings, with the invisible character escaped', async () => {
    const { code, stdout } = await cli(['validate', ids]);
    expect(code).toBe(0);
    const first = `(first at ${ids}:2:1)`;
    const fix = 'give the items ids that differ visibly, or one id if they are one item';
    expect(stdout).toBe(
      `${ids}\n` +
        '  3:1  warning  id "WI\\u200b-01" holds a character that does not show (U+200B): on screen it cannot be told from the id without it; remove it from the id  item/invisible-id\n' +
        `  3:1  warning  id "WI\\u200b-01" looks like "WI-01" ${first}: they differ only in invisible characters; ${fix}  item/look-alike-id\n` +
        `  4:1  warning  id "wi-01" looks like "WI-01" ${first}: they differ only in letter case; ${fix}  item/look-alike-id\n` +
        '\n✖ 3 problems (0 errors, 3 warnings) in 1 of 1 file\n',
    );
  });

  it('in SARIF with the related location, and the rule described', async () => {
    const { stdout } = await cli(['validate', ids, '-f', 'sarif']);
    const run = JSON.parse(stdout).runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'item/look-alike-id');
    expect(rule.shortDescription.text).toBe(
      'Two ids that differ only in characters that do not show, in compatibility forms (full-width letters, ligatures) or in letter case.',
    );
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'item/look-alike-id');
    expect(result.relatedLocations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 });
  });

  it('a decision for a look-alike of an item says which item', async () => {
    const decisions = file('look-alike-decisions.yaml', 'decisions:\n  - id: "W\\u200bI-01"\n    route: council\n    rationale: x\n');
    const { code, stdout } = await cli(['validate', ids, decisions]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `  2:9  error    decision for "W\\u200bI-01", an item in none of the item files given; item "WI-01" (${ids}:2:1) looks the same but differs in invisible characters: write the id as the item file does, or remove the decision if the item has gone  decisions/unknown-item\n`,
    );
  });
});
