/** What `validate` reads: kinds told apart by content, folders expanded, the set items follow. */
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TriageError } from '../../src/errors.js';
import { BUNDLED_PRINCIPLES } from '../../src/validate/bundled-principles.generated.js';
import { sniffFormat } from '../../src/items/format.js';
import { kindOfDocument } from '../../src/validate/kinds.js';
import { validatePaths } from '../../src/validate/validate.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { repoPath } from '../helpers/run.js';

const PORTFOLIO = 'test/fixtures/validate/portfolio';
const RULES = 'test/fixtures/validate/rules';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-validate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('kinds', () => {
  it('tells principle sets, decisions, items and other mappings apart by their top-level keys', () => {
    expect(kindOfDocument(readFileSync(repoPath('principles/union.yaml'), 'utf8'), 'yaml')).toBe('principles');
    expect(kindOfDocument('decisions:\n  - { id: A, route: review }\n', 'yaml')).toBe('decisions');
    expect(kindOfDocument('items:\n  - id: A\n', 'yaml')).toBe('items');
    expect(kindOfDocument('- id: A\n  title: B\n', 'yaml')).toBe('items');
    expect(kindOfDocument('# only a comment\n', 'yaml')).toBe('items');
    expect(kindOfDocument('delimiter: ";"\n', 'yaml')).toBe('other');
    expect(kindOfDocument('{ "routing": {}, "routes": [] }', 'json')).toBe('principles');
    expect(kindOfDocument('[{ "id": "A" }]', 'json')).toBe('items');
    expect(kindOfDocument('{ "items": [] }', 'json')).toBe('items');
    expect(kindOfDocument(readFileSync(repoPath('principles/union.tests.yaml'), 'utf8'), 'yaml')).toBe('tests');
    expect(kindOfDocument('{ "$schema": "x", "properties": {} }', 'json')).toBe('other');
    expect(kindOfDocument('{ broken', 'json')).toBe('items');
  });

  it("leaves a principle set's tests file to triage test, in a folder and when named", async () => {
    const inFolder = await validatePaths([repoPath('principles')]);
    expect(inFolder.files.map((f) => f.file)).toEqual([repoPath('principles/union.yaml')]);
    expect(inFolder.findings).toEqual([]);
    expect(inFolder.skipped).toEqual([repoPath('principles/schema.json'), repoPath('principles/union.tests.yaml')]);
    const named = await validatePaths([repoPath('principles/union.yaml'), repoPath('principles/union.tests.yaml')]);
    expect(named.files.map((f) => f.file)).toEqual([repoPath('principles/union.yaml')]);
    expect(named.skipped).toEqual([repoPath('principles/union.tests.yaml')]);
  });

  it('sniffs the format of unnamed input', () => {
    expect(sniffFormat('id,title\nA,B\n')).toBe('csv');
    expect(sniffFormat('[{"id":"A"}]')).toBe('json');
    expect(sniffFormat('{"id":"A"}\n{"id":"B"}\n')).toBe('jsonl');
    expect(sniffFormat('version: 1\nroutes: []\n')).toBe('yaml');
    expect(sniffFormat('- id: A\n')).toBe('yaml');
  });
});

describe('inputs', () => {
  it('expands a folder in name order, checks each file as its kind, and skips what is not ours', async () => {
    const report = await validatePaths([`${PORTFOLIO}/`]);
    expect(report.files).toEqual([
      { file: `${PORTFOLIO}/backlog.csv`, kind: 'items', format: 'csv' },
      { file: `${PORTFOLIO}/decisions.yaml`, kind: 'decisions', format: 'yaml' },
      { file: `${PORTFOLIO}/more.yaml`, kind: 'items', format: 'yaml' },
      { file: `${PORTFOLIO}/principles.yaml`, kind: 'principles', format: 'yaml' },
    ]);
    expect(report.skipped).toEqual([`${PORTFOLIO}/mapping.json`]);
  });

  it('checks a file named on the command line even when it holds none of our keys', async () => {
    const report = await validatePaths([`${PORTFOLIO}/mapping.json`]);
    expect(report.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['json/syntax', 1, 1]]);
  });

  it('searches sub-folders but not hidden ones or node_modules', async () => {
    const dir = folder({
      'a/items.csv': 'id,title\nA-1,One\n',
      '.github/workflow.yml': 'on: push\n',
      'node_modules/x/items.csv': 'broken,"\n',
      'notes.txt': 'not read',
    });
    const report = await validatePaths([dir]);
    expect(report.files.map((f) => f.file)).toEqual([join(dir, 'a/items.csv')]);
    expect(report.findings).toEqual([]);
  });

  it('follows the -p set, the only set among the files, or the bundled default', async () => {
    const items = `${RULES}/support/items.csv`;
    const team = `${RULES}/support/principles.yaml`;
    // The bundled set knows organisations, recurring and the lead "union"; the team's set does not.
    expect((await validatePaths([items])).findings).toEqual([]);
    const withTeam = await validatePaths([items, team]);
    expect(withTeam.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['item/unknown-column', 1, 28],
      ['item/unknown-column', 1, 42],
      ['item/invalid-value', 3, 23],
    ]);
    expect((await validatePaths([items], { principles: team })).findings).toEqual(withTeam.findings);
  });

  it('refuses to guess between several principle sets when items must follow one (exit 2)', async () => {
    const run = validatePaths([`${RULES}/support/items.csv`, `${RULES}/support/principles.yaml`, 'principles/union.yaml']);
    await expect(run).rejects.toThrow(TriageError);
    await expect(run).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('several principle sets were found') });
    // With -p the choice is made, and both sets are still checked.
    const report = await validatePaths([`${RULES}/support/items.csv`, 'principles/union.yaml'], { principles: `${RULES}/support/principles.yaml` });
    expect(report.files.map((f) => f.kind)).toEqual(['principles', 'items', 'principles']);
  });

  it('checks items for what every item needs when their principle set is broken', async () => {
    const report = await validatePaths([`${RULES}/item--missing-required.csv`], { principles: `${RULES}/principles--schema.yaml` });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['principles/schema', 'item/missing-required', 'item/missing-required']);
  });

  it('reads standard input once, telling its kind from its content', async () => {
    const stdin = Readable.from([Buffer.from('items:\n  - id: S-1\n    title: From a pipe\n    effort_weeks: lots\n')]);
    const report = await validatePaths(['-'], { stdin });
    expect(report.files).toEqual([{ file: '<stdin>', kind: 'items', format: 'yaml' }]);
    expect(report.findings.map((f) => [f.file, f.ruleId, f.line, f.column])).toEqual([['<stdin>', 'item/invalid-value', 4, 19]]);
    await expect(validatePaths(['-', '-'], { stdin })).rejects.toMatchObject({ code: 'usage' });
  });

  it('reads a FIFO or a device given as a CSV file, which report size 0, rather than calling it empty', async () => {
    const dir = folder({});
    const fifo = join(dir, 'pipe.csv');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const writer = createWriteStream(fifo);
      writer.end('id,title,effort_weeks\nF-1,Through a pipe,lots\n');
      const report = await validatePaths([fifo]);
      expect(report.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['item/invalid-value', 2, 20]]);
    }
    const zero = join(dir, 'zero.csv');
    symlinkSync('/dev/zero', zero);
    const endless = await validatePaths([zero]);
    expect(endless.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['csv/syntax', 1, 1]]);
    writeFileSync(join(dir, 'empty.csv'), '');
    expect((await validatePaths([join(dir, 'empty.csv')])).findings.map((f) => f.ruleId)).toEqual(['file/empty']);
  });

  it('throws (exit 2) when a folder holds nothing to validate, so a wrong path cannot pass', async () => {
    const dir = folder({ 'notes.txt': 'not ours', 'config.json': '{ "delimiter": ";" }' });
    await expect(validatePaths([dir])).rejects.toMatchObject({
      code: 'usage',
      exitCode: 2,
      message: `nothing to validate in ${dir}: no principle set, item or decisions files`,
    });
  });

  it('throws (exit 2) for a path that does not exist, rather than reporting it', async () => {
    await expect(validatePaths(['no/such/file.csv'])).rejects.toMatchObject({ code: 'file-not-found', exitCode: 2 });
    await expect(validatePaths([], { principles: 'no/such/set.yaml' })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('uses a build-time copy of the bundled set that matches principles/union.yaml', () => {
    const check = checkPrinciples(readFileSync(repoPath('principles/union.yaml'), 'utf8'), 'union.yaml');
    expect(BUNDLED_PRINCIPLES).toEqual(check.set);
  });
});

describe('hostile input', () => {
  it('reports an alias bomb and absurd nesting in well under a second each', async () => {
    const levels = Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const dir = folder({
      'bomb.yaml': `l0: &l0 [lol]\n${levels.join('\n')}\nitems:\n  - { id: B-1, title: *l12 }\n`,
      'deep.yaml': `items:\n  - id: D-1\n    title: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`,
      'deep-principles.yaml': `version: 1\nroutes: ${'{ a: '.repeat(100_000)}1${' }'.repeat(100_000)}\n`,
    });
    for (const [file, rule] of [
      ['bomb.yaml', 'yaml/alias'],
      ['deep.yaml', 'yaml/too-deep'],
      ['deep-principles.yaml', 'yaml/too-deep'],
    ] as const) {
      // Refused before anything is expanded or composed (timings: CHANGELOG.md).
      const report = await validatePaths([join(dir, file)]);
      expect(
        report.findings.map((f) => f.ruleId),
        file,
      ).toEqual([rule]);
    }
  });
});
