/** The built CLI on someone else's export, and on a stream too long to hold in memory. */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backlogLines } from '../../scripts/bench/generate.mjs';
import { BIN, ROOT, repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const EXPORT = 'test/fixtures/exports/latin1-semicolon.csv';
const CONFIG = 'test/fixtures/exports/latin1-semicolon.yaml';
/** The CSV's policy column: the tool version and the bundled set's short hash. */
const STAMP = `union-triage@${(JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string }).version}+${createHash('sha256')
  .update(readFileSync(repoPath('principles/union.yaml')))
  .digest('hex')
  .slice(0, 12)}`;
const SCORED = [
  'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden,recommended_route,recommended_rule,rationale,decided_by,stale,policy',
  `P-101,Café hub for carers,union,transformational,79,100,1,union-leads,Transformational and well aligned with the principles: strategically significant work that The Union should lead.,false,,,,,,${STAMP}`,
  `P-102,Annual licence renewal,council,business-as-usual,9,0,1,council-owns,"Business as usual led by the council, so the council owns it.",false,,,,,,${STAMP}`,
  `P-103,Fix the référral form,individual,business-as-usual,14,0,1,individual-can-do,"Small (two weeks or less), within one organisation and not recurring: a trusted individual can just do it.",false,,,,,,${STAMP}`,
  '',
].join('\n');

describe("someone else's export", () => {
  it('scores a semicolon-separated Latin-1 export with its own column names in one command', async () => {
    const { code, stdout, stderr } = await cli(['score', EXPORT, '--config', CONFIG]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(SCORED);
  });

  it('does the same with flags alone: --map (repeatable), --encoding, the delimiter detected', async () => {
    const { code, stdout, stderr } = await cli([
      'score',
      EXPORT,
      '-f',
      'csv',
      '--encoding',
      'latin1',
      '--map',
      'id=Project ref,title=Project name,description=Description / aims,lead=Sponsor,organisations=Partners',
      '--map',
      'effort_weeks=Effort (weeks),cost_gbp=Cost,recurring=Repeats?,citizen_impact=Citizen impact,evidence=Evidence,tags=Labels,owner=Lead officer',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(SCORED);
  });

  it('refuses the export without --encoding, naming the line and the flag', async () => {
    const { code, stdout, stderr } = await cli(['score', EXPORT]);
    expect(stdout).toBe('');
    expect(code).toBe(2);
    expect(stderr).toBe(
      `${EXPORT}:2:10: ${EXPORT} is not valid UTF-8 (byte 0xe9 on line 2); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le\n`,
    );
  });

  it('refuses repeated header names naming both columns, and reads them once the mapping says which', async () => {
    const file = 'test/fixtures/exports/duplicate-headers.csv';
    const refused = await cli(['score', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `${file}:1:22: columns "Effort" (column 3) and "Effort" (column 5) are both read as "Effort"; rename one, or say which is which with --map, e.g. --map <field>=Effort#2 reads the second "Effort" as <field>\n`,
    );
    const mapped = await cli(['score', file, '--map', 'effort_weeks=Effort#2', '-f', 'csv', '--keep-columns', 'effort_weeks', 'Effort#1']);
    expect(mapped.stderr).toBe(
      `${file}:1:1: warning: the file has no column for 7 of the 9 fields the principle set reads, so they are unknown for every item: description, organisations, cost_gbp, recurring, citizen_impact, evidence, owner; if a column holds one, add --map <field>=<column> [item/unknown-column]\n`,
    );
    expect(mapped.stdout.split('\n').map((line) => line.split(',').slice(-2).join(','))).toEqual(['effort_weeks,Effort#1', '1,10', '2,3', '']);
  });

  it('takes --delimiter as a character or a name', async () => {
    const tsv = 'id\ttitle\teffort_weeks\nT-1\tOne, two\t1\n';
    for (const delimiter of ['\t', '\\t', 'tab']) {
      const { code, stdout } = await cli(['score', '-', '--input-format', 'csv', '--delimiter', delimiter, '-f', 'jsonl'], { input: tsv });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ id: 'T-1', title: 'One, two' });
    }
    const bad = await cli(['score', 'examples/backlog.csv', '--delimiter', ':']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("triage: option '--delimiter <char>' argument ':' is invalid. use , ; tab or |; run \"triage score --help\" for usage\n");
  });
});

describe('--config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-config-'));
  const config = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reports a key that is not an option at its line and column, with the nearest name', async () => {
    const path = config('typo.yaml', 'encoding: latin1\ndelimter: ";"\n');
    const { code, stderr } = await cli(['score', EXPORT, '--config', path]);
    expect(code).toBe(2);
    expect(stderr.split('; a config may set')[0]).toBe(`${path}:2:1: "delimter" is not an option of triage score; did you mean "delimiter"?`);
  });

  it('checks values as the flags do, at their position', async () => {
    const cases: Array<[string, string]> = [
      ['encoding: latin2\n', '1:11: encoding: "latin2": use one of utf8, latin1, windows-1252, utf16le'],
      ['limit: -3\n', '1:8: limit: "-3": give a whole number, 0 or more'],
      ['relax: yes\n', '1:8: relax: give true or false'],
      ['sort: size\n', '1:7: sort: "size" is not one of input, route, alignment, transformation, confidence, id, title'],
      ['map:\n  title: [a, b]\n', '2:10: map: the column for "title" must be a column name'],
      ['map: [title=a, title=b]\n', '1:16: the config map maps "title" twice, to "a" and to "b"'],
      ['- delimiter\n', '1:1: a config file holds a mapping of option names to values; write one option per line, e.g. "delimiter: ;"'],
    ];
    for (const [k, [text, expected]] of cases.entries()) {
      const path = config(`case-${k}.yaml`, text);
      const { code, stderr } = await cli(['score', 'examples/backlog.csv', '--config', path]);
      expect(code).toBe(2);
      expect(stderr).toBe(`${path}:${expected}\n`);
    }
  });

  it('lets flags win over the config, and --map override the config map field by field', async () => {
    const path = config('flags.yaml', 'format: csv\nmap:\n  id: ref\n  title: name\n');
    const { code, stdout } = await cli(['score', '-', '--config', path, '--format', 'jsonl', '--map', 'title=other'], {
      input: 'ref,name,other\nR-1,Name,Other\n',
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'R-1', title: 'Other' });
  });

  it('reads paths in the config relative to the config file', async () => {
    writeFileSync(join(dir, 'principles.yaml'), readFileSync(repoPath('principles/union.yaml')));
    const path = config('paths.yaml', 'principles: principles.yaml\nformat: json\n');
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '--config', path]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { meta: { principles: { file: string } } }).meta.principles.file).toBe(join(dir, 'principles.yaml'));
  });
});

describe('streaming', () => {
  /** Score rows piped in through a child's stdin; resolves with what it printed and its peak RSS. */
  async function scoreStream(rows: number, onFirstOutput?: (sentSoFar: number) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'triage-stream-'));
    const rssFile = join(dir, 'rss');
    const child = spawn(process.execPath, ['--import', repoPath('scripts/bench/maxrss.mjs'), BIN, 'score', '-', '--input-format', 'csv', '-f', 'csv'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', BENCH_RSS_FILE: rssFile },
    });
    let lines = 0;
    let sent = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (lines === 0) onFirstOutput?.(sent);
      for (const byte of chunk) if (byte === 10) lines++;
    });
    for (const line of backlogLines(rows, 11)) {
      sent++;
      if (!child.stdin.write(line)) await once(child.stdin, 'drain');
    }
    child.stdin.end();
    const [code] = (await once(child, 'close')) as [number];
    return { code, lines, stderr, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
  }

  it('writes rows while the input is still coming, and its memory does not grow with the input', async () => {
    let sentAtFirstOutput = 0;
    const large = await scoreStream(200_000, (sent) => (sentAtFirstOutput = sent));
    expect(large.stderr).toBe('');
    expect(large.code).toBe(0);
    expect(large.lines).toBe(200_001);
    // The first rows came out when a small part of the input had gone in.
    expect(sentAtFirstOutput).toBeGreaterThan(0);
    expect(sentAtFirstOutput).toBeLessThan(50_000);
    const small = await scoreStream(20_000);
    expect(small.lines).toBe(20_001);
    // Ten times the rows: the id index grows by some 5 MB; anything that kept rows would add hundreds.
    expect(large.rssMb - small.rssMb).toBeLessThan(40);
    expect(large.rssMb).toBeLessThan(150);
  }, 120_000);
});

describe('-o to something that is not a file', () => {
  it('writes into a named pipe in place, leaving the pipe a pipe', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'triage-fifo-')), 'rows');
    execFileSync('mkfifo', [fifo]);
    const reading = text(createReadStream(fifo));
    const child = spawn(process.execPath, [BIN, 'score', EXPORT, '--config', CONFIG, '-o', fifo, '-q'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '' },
    });
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(await reading).toBe(SCORED);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
