/**
 * Error discipline, in-process: for every way a file or a folder can be wrong, the documented
 * exit code and one line on stderr (where, what, and the fix), no stack trace without --debug,
 * and no half-written file. What needs a process of its own (another user, a file-size limit,
 * a standard output or error that is a full device, closed pipes, a real terminal, a pipe
 * given as a path) is in test/e2e/hardening.test.ts.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, type CliResult } from '../helpers/cli.js';

const H = 'test/fixtures/hostile';

/** A stack frame as Node prints one: `    at fn (file:line:col)`. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** The run failed the way a person can act on: this exit code, this one line, nothing on stdout. */
function expectRefusal(result: CliResult, code: number, line: string): void {
  expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ code, stderr: `${line}\n`, stdout: '' });
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stderr).not.toContain('internal error');
}

/** `validate -f json`: the one finding it reports for a file, and its one summary line. */
function expectFinding(result: CliResult, file: string, finding: { ruleId: string; message: string; line: number; column: number }): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '1 file checked: 1 problem (1 error, 0 warnings)\n' });
  expect(JSON.parse(result.stdout)).toEqual([{ filePath: file, messages: [{ severity: 2, ...finding }], errorCount: 1, warningCount: 0 }]);
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-hardening-'));
  // Readable by the unprivileged user the permission tests run as.
  chmodSync(dir, 0o755);
  return dir;
}

/** Deterministic bytes (mulberry32), so a "random" file gives the same message every run. */
function seededBytes(seed: number, length: number, max = 256): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) % max;
  }
  return bytes;
}

const garbageDir = folder();
/** Random bytes, NULs included: not UTF-8. */
const GARBAGE = join(garbageDir, 'garbage.csv');
writeFileSync(GARBAGE, Buffer.concat([Buffer.from([0, 0, 0x41, 0]), seededBytes(7, 4096)]));
/** Random 7-bit bytes, NULs, quotes and line breaks included: valid UTF-8, but not CSV. */
const ASCII_GARBAGE = join(garbageDir, 'ascii-garbage.csv');
writeFileSync(ASCII_GARBAGE, seededBytes(11, 4096, 128));

describe('missing, unreadable and broken inputs', () => {
  const cases: Array<{ what: string; args: string[]; line: string }> = [
    {
      what: 'a missing file',
      args: [`${H}/missing.csv`],
      line: `${H}/missing.csv: cannot find item file ${H}/missing.csv; check the path and the current folder`,
    },
    {
      what: 'a directory',
      args: [H],
      line: `${H}: ${H} is a directory, not an item file; give the path of a CSV, YAML, JSON or JSONL file`,
    },
    {
      what: 'an empty file',
      args: [`${H}/empty.csv`],
      line: `${H}/empty.csv: ${H}/empty.csv is empty; an item file needs a header row (CSV) or a list of items (YAML, JSON)`,
    },
    {
      what: 'binary garbage',
      args: [GARBAGE],
      line: `${GARBAGE}:1:8: ${GARBAGE} is not valid UTF-8 (byte 0x96 on line 1); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
    },
    {
      what: 'a file cut in the middle of a quoted field',
      args: [`${H}/truncated-quote.csv`],
      line: `${H}/truncated-quote.csv:3:15: a quoted field that starts in the record on line 3 is never closed; add the closing double quote`,
    },
    {
      what: 'a file cut in the middle of a UTF-8 sequence',
      args: [`${H}/truncated-utf8.csv`],
      line: `${H}/truncated-utf8.csv:3:8: ${H}/truncated-utf8.csv is not valid UTF-8 (byte 0xc3 on line 3); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
    },
    {
      what: 'a YAML file cut in the middle of a quoted value',
      args: [`${H}/truncated.yaml`],
      line: `${H}/truncated.yaml:5:27: Missing closing "quote; close the quote, [ or { that was opened before this point`,
    },
  ];

  for (const { what, args, line } of cases) {
    it(`score: ${what} is exit 2 and one line`, async () => {
      expectRefusal(await cli(['score', ...args]), 2, line);
    });
    it(`explain: ${what} is exit 2 and one line`, async () => {
      expectRefusal(await cli(['explain', 'H-2', ...args]), 2, line);
    });
  }

  it('score: 7-bit garbage that decodes is still refused as CSV, at its place, with the fix', async () => {
    const result = await cli(['score', ASCII_GARBAGE]);
    expectRefusal(
      result,
      2,
      `${ASCII_GARBAGE}:1:4: a double quote inside an unquoted field (field 1); quote the whole field and double the inner quotes (""), or pass --relax`,
    );
  });

  it('score: a file with only a header is an empty backlog, not an error', async () => {
    const empty = await cli(['score', `${H}/header-only.csv`]);
    expect([empty.code, empty.stderr]).toEqual([0, '']);
    expect(empty.stdout).toMatch(
      /^No items to show\.\nScored by union-triage \d+\.\d+\.\d+ with principles\/union\.yaml \(sha256:[0-9a-f]{12}\)\.\n0 items\n$/,
    );
    expect((await cli(['score', `${H}/header-only.csv`, '-f', 'csv'])).stdout).toBe(
      'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden,recommended_route,recommended_rule,rationale,decided_by,stale,policy\n',
    );
  });

  it('explain: an id missing from a file with only a header says so', async () => {
    expectRefusal(
      await cli(['explain', 'H-1', `${H}/header-only.csv`]),
      2,
      `no item with id "H-1" in ${H}/header-only.csv; ids are case-sensitive; triage score lists them`,
    );
  });

  it('prints the stack trace only with --debug', async () => {
    const plain = await cli(['score', `${H}/missing.csv`]);
    const debug = await cli(['score', `${H}/missing.csv`, '--debug']);
    expect(plain.stderr).not.toMatch(STACK);
    expect(debug.code).toBe(2);
    expect(debug.stderr.split('\n')[0]).toBe(plain.stderr.trimEnd());
    expect(debug.stderr.split('\n')[1]).toBe(`TriageError: cannot find item file ${H}/missing.csv`);
    expect(debug.stderr).toMatch(STACK);
  });
});

describe('validate: what is wrong inside a file is a finding (exit 1); a path that cannot be read is exit 2', () => {
  it('a missing file', async () => {
    expectRefusal(
      await cli(['validate', `${H}/missing.csv`]),
      2,
      `${H}/missing.csv: cannot find file or folder ${H}/missing.csv; check the path and the current folder`,
    );
  });

  it('a directory with nothing to validate', async () => {
    const dir = folder();
    expectRefusal(
      await cli(['validate', dir]),
      2,
      `nothing to validate in ${dir}: no principle set, item or decisions files; check the path; folders are searched for .csv, .tsv, .yaml, .yml, .json, .jsonl, .ndjson, .xlsx and .xlsm files`,
    );
  });

  it('an empty file', async () => {
    expectFinding(await cli(['validate', `${H}/empty.csv`, '-f', 'json']), `${H}/empty.csv`, {
      ruleId: 'file/empty',
      message: `${H}/empty.csv is empty; an item file needs a header row (CSV) or a list of items (YAML, JSON)`,
      line: 1,
      column: 1,
    });
  });

  it('binary garbage', async () => {
    expectFinding(await cli(['validate', GARBAGE, '-f', 'json']), GARBAGE, {
      ruleId: 'file/encoding',
      message: `${GARBAGE} is not valid UTF-8 (byte 0x96 on line 1); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
      line: 1,
      column: 8,
    });
  });

  it('truncated files: mid quoted field, mid UTF-8 sequence, mid YAML', async () => {
    expectFinding(await cli(['validate', `${H}/truncated-quote.csv`, '-f', 'json']), `${H}/truncated-quote.csv`, {
      ruleId: 'csv/syntax',
      message: 'a quoted field that starts in the record on line 3 is never closed; add the closing double quote',
      line: 3,
      column: 15,
    });
    expectFinding(await cli(['validate', `${H}/truncated-utf8.csv`, '-f', 'json']), `${H}/truncated-utf8.csv`, {
      ruleId: 'file/encoding',
      message: `${H}/truncated-utf8.csv is not valid UTF-8 (byte 0xc3 on line 3); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
      line: 3,
      column: 8,
    });
    expectFinding(await cli(['validate', `${H}/truncated.yaml`, '-f', 'json']), `${H}/truncated.yaml`, {
      ruleId: 'yaml/syntax',
      message: 'Missing closing "quote; close the quote, [ or { that was opened before this point',
      line: 5,
      column: 27,
    });
  });

  it('a file with only a header has no problems', async () => {
    expect(await cli(['validate', `${H}/header-only.csv`])).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  });
});

describe('a principle set that is not a mapping', () => {
  const sets: Array<[string, string]> = [
    [
      'principles-list.yaml',
      'a principle set must be a mapping of version, organisation, routes, fields, principles, transformation and routing, not a list: start from principles/union.yaml, or run triage init',
    ],
    [
      'principles-scalar.yaml',
      'a principle set must be a mapping of version, organisation, routes, fields, principles, transformation and routing, not a single value (string): start from principles/union.yaml, or run triage init',
    ],
    [
      'principles-empty.yaml',
      `${H}/principles-empty.yaml holds no principle set; it needs version, organisation, routes, fields, principles, transformation and routing: start from principles/union.yaml, or run triage init`,
    ],
  ];
  for (const [name, message] of sets) {
    it(`${name}: score, explain and principles refuse it (exit 2) at 1:1`, async () => {
      const line = `${H}/${name}:1:1: error: ${message} [${name === 'principles-empty.yaml' ? 'file/empty' : 'principles/schema'}]`;
      expectRefusal(await cli(['score', 'examples/backlog.csv', '-p', `${H}/${name}`]), 2, line);
      expectRefusal(await cli(['explain', 'WI-01', 'examples/backlog.csv', '-p', `${H}/${name}`]), 2, line);
      expectRefusal(await cli(['principles', '-p', `${H}/${name}`]), 2, line);
    });
  }

  it('validate -p reports it as a finding', async () => {
    expectFinding(await cli(['validate', '-p', `${H}/principles-list.yaml`, '-f', 'json']), `${H}/principles-list.yaml`, {
      ruleId: 'principles/schema',
      message: sets[0]![1],
      line: 1,
      column: 1,
    });
    expectFinding(await cli(['validate', '-p', `${H}/principles-empty.yaml`, '-f', 'json']), `${H}/principles-empty.yaml`, {
      ruleId: 'file/empty',
      message: `${H}/principles-empty.yaml is empty; a principle set needs version, organisation, routes, fields, principles, transformation and routing`,
      line: 1,
      column: 1,
    });
  });
});

describe('unknown options', () => {
  const cases: Array<[string[], string]> = [
    [['score', 'examples/backlog.csv', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage score --help" for usage`],
    [['score', 'examples/backlog.csv', '--fromat', 'json'], `triage: unknown option '--fromat' (did you mean --format?); run "triage score --help" for usage`],
    [['validate', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage validate --help" for usage`],
    [['explain', 'WI-01', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage explain --help" for usage`],
    [['review', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage review --help" for usage`],
    [['init', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage init --help" for usage`],
    [['principles', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage principles --help" for usage`],
    [['scroe'], `triage: unknown command 'scroe' (did you mean score?); run "triage --help" for usage`],
    [
      ['score', '--sort', 'size'],
      `triage: option '--sort <key>' argument 'size' is invalid. Allowed choices are input, route, alignment, transformation, confidence, id, title; run "triage score --help" for usage`,
    ],
    [['explain'], `triage: missing required argument 'id'; run "triage explain --help" for usage`],
  ];
  for (const [args, line] of cases) {
    it(`${args.join(' ')}: exit 2 and one line`, async () => {
      expectRefusal(await cli(args), 2, line);
    });
  }
});

describe('outputs that cannot be written', () => {
  it('an output path that is a directory', async () => {
    const dir = folder();
    const line = `${dir}: cannot write to ${dir}: it is a directory; give a file name, e.g. -o report.html`;
    expectRefusal(await cli(['score', 'examples/backlog.csv', '-f', 'csv', '-o', dir]), 2, line);
    expectRefusal(await cli(['validate', 'examples/backlog.csv', '-o', dir]), 2, line);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an output path below a file, or empty', async () => {
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '-o', 'examples/backlog.csv/out.json', '-f', 'json']),
      2,
      'examples/backlog.csv/out.json: cannot write examples/backlog.csv/out.json: part of its path is a file, not a folder; check the path, or choose another',
    );
    expectRefusal(await cli(['score', 'examples/backlog.csv', '-o', '', '-f', 'json']), 2, 'no file name given to write to; name a file, e.g. -o report.html');
  });

  it('init into a path that is a file', async () => {
    expectRefusal(
      await cli(['init', 'examples/backlog.csv', '--yes']),
      2,
      'examples/backlog.csv: examples/backlog.csv is a file, not a folder; name a folder (it is created if missing)',
    );
  });
});

describe('a full disk', () => {
  it('-o /dev/full: the disk-full message', async () => {
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '-f', 'csv', '-o', '/dev/full']),
      2,
      '/dev/full: the disk is full while writing /dev/full; nothing was written; free some space and run again',
    );
  });
});

// review refuses these before it asks anything, so a standard input that says it is a terminal is
// enough; the refusal that needs another user stays in test/e2e/hardening.test.ts.
describe('review, with a terminal', () => {
  it('refuses a missing item file with one line', async () => {
    expect(await cli(['review', `${H}/missing.csv`], { tty: true, env: { TERM: 'dumb' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: `${H}/missing.csv: cannot find item file ${H}/missing.csv; check the path and the current folder\n`,
    });
  });

  it('refuses a decisions path that is a directory, before asking anything', async () => {
    const dir = folder();
    expect(await cli(['review', 'examples/backlog.csv', '--decisions', dir], { tty: true, env: { TERM: 'dumb' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: `${dir}: ${dir} is a directory, not a decisions file; give a file name with --decisions, e.g. --decisions decisions.yaml\n`,
    });
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe('files that are not what they seem', () => {
  const dir = folder();
  const zero = join(dir, 'zero.yaml');
  symlinkSync('/dev/zero', zero);
  const linked = join(dir, 'linked');
  mkdirSync(linked);
  symlinkSync('/dev/zero', join(linked, 'endless.yaml'));

  it('a link to a device that never ends is read only up to the limit, then refused', async () => {
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '-p', zero]),
      2,
      `${zero}: ${zero} is larger than 1 MB, the limit for a principle set; check that it is the principle set you meant`,
    );
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '--decisions', zero]),
      2,
      `${zero}: ${zero} is larger than 20 MB, the limit for a decisions file; check that it is the decisions file you meant`,
    );
    expectFinding(await cli(['validate', linked, '-f', 'json']), join(linked, 'endless.yaml'), {
      ruleId: 'file/too-large',
      message: `${join(linked, 'endless.yaml')} is larger than 20 MB, the limit for a file read whole; large backlogs stream as CSV or JSONL: convert it to one of those`,
      line: 1,
      column: 1,
    });
  });

  it('a YAML stream of a million empty documents stops at the second', async () => {
    const many = join(dir, 'many.yaml');
    writeFileSync(many, '---\n'.repeat(1_000_000));
    expectRefusal(
      await cli(['score', many]),
      2,
      `${many}:2:1: a second YAML document starts here, and only one is read: remove the "---" line to make one document, or put the second in a file of its own`,
    );
  });

  it('a JSON item that names a field twice, as written or after trimming, is refused at the second', async () => {
    const twice = join(dir, 'twice.json');
    writeFileSync(twice, '[{"id":"A1","title":"t"},{"id":"A2","title":"t","id":"A3"}]');
    expectRefusal(
      await cli(['score', twice]),
      2,
      `${twice}:1:49: "id" appears twice in one item, and only one value could be kept; remove one of them, or rename it`,
    );
    const spaced = join(dir, 'spaced.jsonl');
    writeFileSync(spaced, '{"id":"A1","title":"t"}\n{"id":"A2","title":"t"," title ":"u"}\n');
    expectRefusal(
      await cli(['score', spaced]),
      2,
      `${spaced}:2:24: "title" and " title " name the same field in one item, and only one value could be kept; remove one of them, or rename it`,
    );
  });

  it('UTF-16LE with a broken character is refused at it, never replaced', async () => {
    const text = Buffer.from('\ufeffid,title\nA-1,Fine\nA-2,Bad X here\n', 'utf16le');
    const x = text.indexOf(Buffer.from('X', 'utf16le'));
    text[x] = 0x00;
    text[x + 1] = 0xd8; // a lone high surrogate
    const broken = join(dir, 'broken-utf16.csv');
    writeFileSync(broken, text);
    const result = await cli(['score', broken, '-f', 'csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${broken}:3:9: ${broken} is not valid UTF-16LE (a broken character on line 3); check that --encoding names the encoding the file was saved in, or save it as UTF-8\n`,
    );
    expect(result.stdout).not.toContain('\ufffd');
  });
});
