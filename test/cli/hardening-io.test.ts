/**
 * What a run may be told to write, and what it says about odd input, through the CLI
 * in-process (`run`): config files that try to choose the output or the decider, config values
 * found wrong later, outputs that are inputs, UTF-16 without a mark, invalid items asked for by
 * id, days that do not exist, `init` writing both files or neither, and Markdown that could
 * notify people.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { repoPath } from '../helpers/run.js';
import { terminalIo } from './terminal-io.js';

const BACKLOG = repoPath('examples/backlog.csv');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-cli-io-'));
}

/** Run the CLI in-process in `cwd`: exit code, stdout and stderr. */
async function cli(args: string[], cwd = folder()): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out, err } = terminalIo(cwd);
  const code = await run(args, io);
  return { code, stdout: out(), stderr: err() };
}

describe('a config file may say how to read and what to compute, not where to write or who decides', () => {
  const cases: Array<{ command: string[]; config: string; line: string }> = [
    {
      command: ['score', BACKLOG],
      config: 'format: csv\noutput: ../.bashrc\n',
      line: '2:1: "output" cannot be set in a config file: a config may say how to read and what to compute, not where results are written; give -o/--output on the command line instead',
    },
    {
      command: ['validate', BACKLOG],
      config: 'encoding: utf8\noutput: report.json\n',
      line: '2:1: "output" cannot be set in a config file: a config may say how to read and what to compute, not where results are written; give -o/--output on the command line instead',
    },
    {
      command: ['review', BACKLOG],
      config: 'by: Someone Else\n',
      line: '1:1: "by" cannot be set in a config file: a config may say how to read and what to compute, not who is deciding; give --by on the command line instead',
    },
    {
      command: ['review', BACKLOG],
      config: 'all: true\ndecisions: ../elsewhere.yaml\n',
      line: '2:1: "decisions" cannot be set in a config file for triage review: a config may say how to read and what to compute, not where decisions are written; give --decisions on the command line instead',
    },
  ];
  for (const { command, config, line } of cases) {
    it(`${command[0]}: ${config.trim().split('\n').pop()} is refused at its position, and nothing is written`, async () => {
      const dir = folder();
      writeFileSync(join(dir, 'job.yaml'), config);
      expect(await cli([...command, '--config', join(dir, 'job.yaml')], dir)).toEqual({ code: 2, stdout: '', stderr: `${join(dir, 'job.yaml')}:${line}\n` });
      expect(readdirSync(dir)).toEqual(['job.yaml']);
    });
  }

  it('score: decisions to read may come from a config (read, not written)', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'decisions.yaml'), 'decisions:\n  - { id: WI-01, route: council, rationale: The council has it in hand }\n');
    writeFileSync(join(dir, 'job.yaml'), `decisions: ${join(dir, 'decisions.yaml')}\nformat: csv\n`);
    const result = await cli(['score', BACKLOG, '--config', join(dir, 'job.yaml')], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^WI-01,Discharge to assess pathway redesign,council,.*,The council has it in hand,/);
  });
});

describe('a config value the command finds wrong later is reported at the config line that set it', () => {
  const cases: Array<{ command: string[]; config: string; line: string }> = [
    {
      command: ['score', BACKLOG],
      config: 'format: nope\n',
      line: '1:9: unknown format "nope"; use one of table, json, jsonl, csv, xlsx, markdown, html, chart',
    },
    {
      command: ['score', BACKLOG],
      config: 'route: [union, nowhere]\n',
      line: '1:8: unknown route "nowhere" in --route; use one of union, council, ccg, individual, review',
    },
    {
      command: ['score', BACKLOG],
      config: 'fail-on: [sideways]\n',
      line: '1:10: unknown route or classification "sideways" in --fail-on; use one of union, council, ccg, individual, review, transformational, borderline, business-as-usual',
    },
    {
      command: ['score', BACKLOG],
      config: 'keep-columns: [owner]\n',
      line: '1:15: --keep-columns passes item columns through with --format csv or xlsx only; add --format csv',
    },
    { command: ['review', BACKLOG], config: 'min-confidence: "2"\n', line: '1:17: --min-confidence 2: give a number from 0 to 1; e.g. --min-confidence 0.7' },
  ];
  for (const { command, config, line } of cases) {
    it(`${command[0]}: ${config.trim()}`, async () => {
      const dir = folder();
      writeFileSync(join(dir, 'job.yaml'), config);
      expect(await cli([...command, '--config', join(dir, 'job.yaml')], dir)).toEqual({ code: 2, stdout: '', stderr: `${join(dir, 'job.yaml')}:${line}\n` });
    });
  }

  it('the same value on the command line is reported as before, without a position', async () => {
    expect(await cli(['score', BACKLOG, '--format', 'nope'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'unknown format "nope"; use one of table, json, jsonl, csv, xlsx, markdown, html, chart\n',
    });
  });
});

describe("an output that is one of the run's inputs is refused before anything is written", () => {
  function portfolio(): string {
    const dir = folder();
    copyFileSync(BACKLOG, join(dir, 'backlog.csv'));
    copyFileSync(repoPath('principles/union.yaml'), join(dir, 'principles.yaml'));
    writeFileSync(join(dir, 'decisions.yaml'), 'decisions: []\n');
    writeFileSync(join(dir, 'job.yaml'), 'format: csv\n');
    return dir;
  }
  const refusal = (path: string, what: string, name: string): string =>
    `${path}: cannot write ${path}: it is the ${what} ${name} that this run reads, and writing it would replace it; write to another file\n`;

  it('score -o naming the principle set, the decisions file or the config', async () => {
    const dir = portfolio();
    const before = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
    const p = join(dir, 'principles.yaml');
    const d = join(dir, 'decisions.yaml');
    const c = join(dir, 'job.yaml');
    const b = join(dir, 'backlog.csv');
    expect(await cli(['score', b, '-p', p, '-o', p], dir)).toEqual({ code: 2, stdout: '', stderr: refusal(p, 'principle set', p) });
    expect(await cli(['score', b, '--decisions', d, '-o', d], dir)).toEqual({ code: 2, stdout: '', stderr: refusal(d, 'decisions file', d) });
    expect(await cli(['score', b, '--config', c, '-o', c], dir)).toEqual({ code: 2, stdout: '', stderr: refusal(c, 'config file', c) });
    expect(readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(before);
  });

  it('validate -o naming a file in the folder it checks', async () => {
    const dir = portfolio();
    const out = join(dir, 'decisions.yaml');
    expect(await cli(['validate', dir, '-f', 'json', '-o', out], dir)).toEqual({ code: 2, stdout: '', stderr: refusal(out, 'input', out) });
    expect(readFileSync(out, 'utf8')).toBe('decisions: []\n');
    // A report beside the files, not among them, is written.
    expect((await cli(['validate', join(dir, 'backlog.csv'), '-f', 'json', '-o', join(dir, 'report.json'), '-q'], dir)).code).toBe(0);
  });
});

describe('UTF-16LE without a byte-order mark is named, with the option that reads it', () => {
  it('score and validate say what it looks like; --encoding utf16le reads it', async () => {
    const dir = folder();
    const file = join(dir, 'export.csv');
    writeFileSync(file, Buffer.from(readFileSync(BACKLOG, 'utf8'), 'utf16le'));
    const message = `${file} looks like UTF-16LE text without a byte-order mark (every other byte is 0), not UTF-8; read it with --encoding utf16le, or save it as UTF-8`;
    expect(await cli(['score', file], dir)).toEqual({ code: 2, stdout: '', stderr: `${file}:1:1: ${message}\n` });
    const validated = await cli(['validate', file, '-f', 'json'], dir);
    expect(JSON.parse(validated.stdout)).toEqual([
      { filePath: file, messages: [{ ruleId: 'file/encoding', severity: 2, message, line: 1, column: 1 }], errorCount: 1, warningCount: 0 },
    ]);
    const read = await cli(['score', file, '--encoding', 'utf16le', '-f', 'csv'], dir);
    expect({ code: read.code, rows: read.stdout.trimEnd().split('\n').length }).toEqual({ code: 0, rows: 23 });
  });
});

describe('explain: an item that exists but is invalid', () => {
  it('says so, at its first problem, with how many it has (exit 1)', async () => {
    const dir = folder();
    const file = join(dir, 'backlog.csv');
    writeFileSync(file, 'id,title,effort_weeks,citizen_impact\nA-1,Fine,1,3\nB-2,Broken,-5,9\n');
    expect(await cli(['explain', 'B-2', file], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}:3:12: item "B-2" is invalid, so it cannot be explained: effort_weeks -5 is below the minimum 0: give 0 or more; it has 2 problems; fix it and run again (triage validate ${file} lists every problem)\n`,
    });
  });

  it('an id that is nowhere is still "no item with id"', async () => {
    const dir = folder();
    const file = join(dir, 'backlog.csv');
    writeFileSync(file, 'id,title,effort_weeks\nB-2,Broken,-5\n');
    expect((await cli(['explain', 'C-3', file], dir)).stderr).toBe(`no item with id "C-3" in ${file}; ids are case-sensitive; triage score lists them\n`);
  });
});

describe('decisions: days that do not exist are refused', () => {
  it('expires 2024-02-30 and at 2023-02-29T10:00:00Z, each at its position; 2024-02-29 is a day', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(
      file,
      [
        'decisions:',
        '  - { id: WI-01, route: council, rationale: Held, expires: "2024-02-30" }',
        '  - { id: WI-02, route: council, rationale: Held, at: "2023-02-29T10:00:00Z" }',
        '  - { id: WI-03, route: council, rationale: Held, at: "2025-03-04T24:00:00Z" }',
        '  - { id: WI-04, route: council, rationale: Held, expires: "2124-02-29", at: "2024-02-29T23:59:59.999+01:00" }',
        '',
      ].join('\n'),
    );
    expect(await cli(['score', BACKLOG, '--decisions', file], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `${file}:2:60: error: "expires" is 2024-02-30, a day that does not exist: give a real date, YYYY-MM-DD [decisions/schema]`,
        `${file}:3:55: error: "at" is "2023-02-29T10:00:00Z", which is not a real date and time: write it as ISO 8601, e.g. 2025-03-04T09:12:38Z (review writes it so) [decisions/schema]`,
        `${file}:4:55: error: "at" is "2025-03-04T24:00:00Z", which is not a real date and time: write it as ISO 8601, e.g. 2025-03-04T09:12:38Z (review writes it so) [decisions/schema]`,
        '',
      ].join('\n'),
    });
  });
});

describe('init --force writes every file or none', () => {
  it('a backlog.csv that is a folder: principles.yaml is left as it was', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'org', 'backlog.csv'), { recursive: true });
    writeFileSync(join(dir, 'org', 'principles.yaml'), 'ours\n');
    expect(await cli(['init', 'org', '--yes', '--force'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `${join(dir, 'org', 'backlog.csv')}: it is a directory, so no file was written; move it away, or name another folder: triage init my-organisation\n`,
    });
    expect(readFileSync(join(dir, 'org', 'principles.yaml'), 'utf8')).toBe('ours\n');
    expect(readdirSync(join(dir, 'org')).sort()).toEqual(['backlog.csv', 'principles.yaml']);
  });

  it.skipIf(process.getuid?.() === 0)('a backlog.csv the user may not write: principles.yaml is left as it was', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'org'));
    writeFileSync(join(dir, 'org', 'principles.yaml'), 'ours\n');
    writeFileSync(join(dir, 'org', 'backlog.csv'), 'theirs\n');
    chmodSync(join(dir, 'org', 'backlog.csv'), 0o444);
    expect((await cli(['init', 'org', '--yes', '--force'], dir)).code).toBe(2);
    expect(readFileSync(join(dir, 'org', 'principles.yaml'), 'utf8')).toBe('ours\n');
  });

  it('when all can be written, all are', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'org'));
    writeFileSync(join(dir, 'org', 'principles.yaml'), 'ours\n');
    writeFileSync(join(dir, 'org', 'backlog.csv'), 'theirs\n');
    expect((await cli(['init', 'org', '--yes', '--force'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'org', 'principles.yaml'), 'utf8')).toMatch(/^# /);
    expect(readFileSync(join(dir, 'org', 'backlog.csv'), 'utf8')).toMatch(/^id,title,/);
    expect(readdirSync(join(dir, 'org')).sort()).toEqual(['backlog.csv', 'principles.tests.yaml', 'principles.yaml']);
  });
});

describe('a Markdown report pasted into an issue notifies no one', () => {
  it('mentions, URLs and issue references in a title are broken by an empty comment', async () => {
    const dir = folder();
    const file = join(dir, 'backlog.csv');
    writeFileSync(file, 'id,title,lead\nM-1,Ask @asha and @union/leads about https://example.org and #12,council\n');
    const result = await cli(['score', file, '-f', 'markdown'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| M-1 | Ask @<!-- -->asha and @<!-- -->union/leads about https:<!-- -->//example.org and #<!-- -->12 |');
    expect(result.stdout).not.toMatch(/@[a-z]|https:\/\/example|#12/);
  });
});
