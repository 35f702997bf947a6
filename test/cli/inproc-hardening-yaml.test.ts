/**
 * Untrusted YAML (and JSON): alias bombs and deep nesting, flow and block, are refused in well
 * under a second by every reader that meets them: the principle set `score` loads, `validate`,
 * the decisions `score --decisions` loads, the store `review` opens, item files and --config.
 * `__proto__`, `constructor` and `prototype` never reach a prototype. Sizes are capped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecisions } from '../../src/decisions/load.js';
import { DecisionStore } from '../../src/decisions/store.js';
import { TriageError } from '../../src/errors.js';
import { parseYaml, toPlain } from '../../src/io/yaml.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems } from '../../src/items/read.js';
import { loadPrinciples, type InvalidFileError } from '../../src/principles/load.js';
import { validatePaths } from '../../src/validate/validate.js';
import { unionPolicy } from '../helpers/policy.js';
import { repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const policy = unionPolicy();
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-hostile-yaml-'));
}

function file(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * What a call threw (every reader here must refuse the file). No clock: an expanding alias or
 * a parser that composes a deep document would not finish within the test's timeout.
 */
async function refusal(run: () => Promise<unknown>): Promise<{ error: unknown }> {
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  }
  return { error };
}

const BLOCK_MAP = Array.from({ length: 300 }, (_, k) => `${'  '.repeat(k)}k${k}:`).join('\n') + `\n${'  '.repeat(300)}leaf\n`;

/** Each hostile document, with the rule it breaks and where (line, column). */
const HOSTILE: Array<{ name: string; text: string; ruleId: string; line: number; column: number }> = [
  { name: 'billion laughs', text: '', ruleId: 'yaml/alias', line: 6, column: 8 },
  { name: 'a self-referencing anchor', text: 'version: 1\nroutes: &x [1, *x]\n', ruleId: 'yaml/alias', line: 2, column: 16 },
  { name: 'deep flow sequences', text: `version: 1\nroutes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, ruleId: 'yaml/too-deep', line: 2, column: 73 },
  { name: 'deep flow mappings', text: `routes: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`, ruleId: 'yaml/too-deep', line: 1, column: 265 },
  { name: 'deep block sequences on one line', text: `${'- '.repeat(100_000)}x\n`, ruleId: 'yaml/too-deep', line: 1, column: 131 },
  { name: 'deep block mappings by indentation', text: BLOCK_MAP, ruleId: 'yaml/too-deep', line: 66, column: 131 },
  { name: 'deep explicit keys', text: `${'? '.repeat(100_000)}x\n`, ruleId: 'yaml/too-deep', line: 1, column: 131 },
];

const dir = folder();
const paths = new Map(
  HOSTILE.map(({ name, text }) => [
    name,
    name === 'billion laughs' ? repoPath('test/fixtures/hostile/billion-laughs.yaml') : file(dir, `${name.replaceAll(' ', '-')}.yaml`, text),
  ]),
);

describe('alias bombs and deep nesting', () => {
  for (const { name, ruleId, line, column } of HOSTILE) {
    const path = paths.get(name) as string;

    it(`${name}: the principle set score loads is refused`, async () => {
      const { error } = await refusal(() => loadPrinciples(path));
      expect(error).toBeInstanceOf(TriageError);
      expect((error as InvalidFileError).findings[0]).toMatchObject({ ruleId, line, column });
    });

    it(`${name}: validate reports it`, async () => {
      const { error } = await refusal(async () => {
        const report = await validatePaths([path], { principles: path });
        throw Object.assign(new Error('the first finding'), report.findings[0]);
      });
      expect(error).toMatchObject({ ruleId, line, column, severity: 'error' });
    });

    it(`${name}: decisions loading and review's store refuse it`, async () => {
      const loaded = await refusal(() => loadDecisions(path, policy));
      expect((loaded.error as InvalidFileError).findings[0]).toMatchObject({ ruleId, line, column });
      const opened = await refusal(() => DecisionStore.open(path, { policy }));
      expect((opened.error as InvalidFileError).findings[0]).toMatchObject({ ruleId, line, column });
    });

    it(`${name}: an item file is refused`, async () => {
      const items = file(dir, `items-${name.replaceAll(' ', '-')}.yaml`, readFileSync(path));
      const { error } = await refusal(async () => {
        for await (const _ of readItems([items], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined }));
      });
      expect(error).toBeInstanceOf(TriageError);
      expect((error as TriageError).position).toEqual({ file: items, line, column });
    });
  }

  it('as a command: score -p, score items, --decisions, --config and validate, each one bounded answer', async () => {
    const bomb = 'test/fixtures/hostile/billion-laughs.yaml';
    const deep = paths.get('deep block sequences on one line') as string;
    for (const args of [
      ['score', 'examples/backlog.csv', '-p', bomb],
      ['score', bomb],
      ['score', 'examples/backlog.csv', '--decisions', bomb],
      ['score', 'examples/backlog.csv', '--config', bomb],
      ['score', 'examples/backlog.csv', '-p', deep],
      ['score', deep],
      ['score', 'examples/backlog.csv', '--decisions', deep],
      ['score', 'examples/backlog.csv', '--config', deep],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK);
      // At most 20 findings and a line saying how many more: never one line per alias of a bomb.
      expect(result.stderr.trimEnd().split('\n').length, args.join(' ')).toBeLessThanOrEqual(21);
    }
    expect((await cli(['score', 'examples/backlog.csv', '--config', deep])).stderr).toBe(
      `${deep}:1:131: nesting deeper than 64 levels is refused: flatten the data\n`,
    );
    // Refused at its first alias, before anything could expand it: one line.
    expect((await cli(['score', 'examples/backlog.csv', '-p', bomb])).stderr).toBe(
      `${bomb}:6:8: error: YAML aliases (*a) are not accepted: write the value out in full [yaml/alias]\n`,
    );
    const validate = await cli(['validate', bomb, deep, '-f', 'json']);
    expect(validate.code).toBe(1);
    const reports = JSON.parse(validate.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    expect(reports.map((r) => [...new Set(r.messages.map((m) => m.ruleId))])).toEqual([['yaml/alias'], ['yaml/too-deep']]);
  });
});

describe('YAML junk', () => {
  it('stops after 100 problems when junk makes the parser report one per character (found by the fuzzer)', async () => {
    const { problems } = parseYaml(`decisions:\n  - id: WI-12\n    rationale: "The boa${'"'.repeat(400_000)}\n`);
    expect(problems).toHaveLength(101);
    expect(problems.at(-1)).toMatchObject({
      ruleId: 'yaml/syntax',
      message: 'more than 100 problems, so reading stopped here; check that this is a YAML file, and fix the first problems first',
    });
  });

  it('validate reports them as findings (exit 1), score refuses with at most 21 lines (exit 2)', async () => {
    const junk = file(folder(), 'decisions.yaml', `decisions:\n  - id: WI-12\n    rationale: "The boa${'"'.repeat(200_000)}\n`);
    const validate = await cli(['validate', junk, 'examples/backlog.csv', '-f', 'json']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toBe('2 files checked: 101 problems (101 errors, 0 warnings)\n');
    const score = await cli(['score', 'examples/backlog.csv', '--decisions', junk]);
    expect(score.code).toBe(2);
    expect(score.stderr.trimEnd().split('\n')).toHaveLength(21);
    expect(score.stderr.trimEnd().split('\n').at(-1)).toBe(`… and 81 more problem(s); run "triage validate ${junk}" to list them all`);
  });
});

describe('YAML read the safe way', () => {
  it('a %YAML 1.1 header turns no "no" into false and no "<<" into a merge', async () => {
    const source = parseYaml('%YAML 1.1\n---\nrecurring: no\nmerged:\n  <<: { a: 1 }\n  b: 2\n');
    expect(source.problems).toEqual([]);
    expect(toPlain(source)).toEqual({ recurring: 'no', merged: { '<<': { a: 1 }, b: 2 } });
  });

  it('refuses tags, custom or standard, with the fix', async () => {
    for (const tag of ['!!js/function', '!!binary', '!!set', '!include', '!!python/object']) {
      const source = parseYaml(`a: ${tag} x\n`);
      expect(source.problems[0]?.message, tag).toMatch(/^Unresolved tag: .*; remove the tag: tags such as !name are not accepted$/);
    }
  });

  it('refuses a second document, which would otherwise be dropped without a word', async () => {
    const dir2 = folder();
    const items = file(dir2, 'two.yaml', '- { id: A-1, title: One }\n---\n- { id: A-2, title: Two }\n');
    expect(await cli(['score', items, '-f', 'jsonl'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${items}:2:1: a second YAML document starts here, and only one is read: remove the "---" line to make one document, or put the second in a file of its own\n`,
    });
    // A document marker with nothing after it loses nothing.
    expect(parseYaml('a: 1\n---\n').problems).toEqual([]);
  });

  it('refuses duplicate keys, saying which to keep', async () => {
    expect(parseYaml('a: 1\na: 2\n').problems).toEqual([
      { ruleId: 'yaml/duplicate-key', message: 'Map keys must be unique; keep one of the two, or rename one', line: 2, column: 1 },
    ]);
  });
});

describe('prototype keys', () => {
  const fresh = (): unknown => ({});

  it('never reach a prototype from a principle set, items, decisions or a config', async () => {
    const dir2 = folder();
    const principles = file(dir2, 'principles.yaml', 'version: 1\nfields:\n  __proto__: { type: text, polluted: yes }\n');
    const yamlItems = file(dir2, 'items.yaml', '- id: P-1\n  title: One\n  constructor: { prototype: { polluted: true } }\n');
    const jsonItems = file(dir2, 'items.json', '[{ "id": "P-1", "title": "One", "__proto__": { "polluted": true } }]');
    const jsonLines = file(dir2, 'items.jsonl', '{ "id": "P-1", "title": "One", "constructor": { "prototype": { "polluted": true } } }\n');
    const csvItems = file(dir2, 'items.csv', 'id,title,__proto__\nP-1,One,polluted\n');
    const decisions = file(dir2, 'decisions.yaml', 'decisions:\n  - id: WI-01\n    route: union\n    answers: { __proto__: { polluted: true } }\n');

    await expect(loadPrinciples(principles)).rejects.toMatchObject({ findings: [{ ruleId: 'yaml/forbidden-key', line: 3, column: 3 }] });
    await expect(loadDecisions(decisions, policy)).rejects.toMatchObject({ findings: [{ ruleId: 'yaml/forbidden-key', line: 4, column: 16 }] });
    await expect(DecisionStore.open(decisions, { policy })).rejects.toMatchObject({ code: 'decisions-invalid' });
    const read = async (path: string): Promise<void> => {
      for await (const _ of readItems([path], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined }));
    };
    await expect(read(yamlItems)).rejects.toMatchObject({
      message: 'the key "constructor" is not allowed: rename it',
      position: { file: yamlItems, line: 3, column: 3 },
    });
    await expect(read(jsonItems)).rejects.toMatchObject({ message: 'the key "__proto__" is not allowed', position: { file: jsonItems, line: 1, column: 46 } });
    await expect(read(jsonLines)).rejects.toMatchObject({
      message: 'the key "constructor" is not allowed',
      position: { file: jsonLines, line: 1, column: 47 },
    });
    await expect(read(csvItems)).rejects.toMatchObject({
      message: 'the column name "__proto__" is not allowed',
      position: { file: csvItems, line: 1, column: 10 },
    });
    expect((fresh() as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(fresh())).toBe(Object.prototype);

    const config = file(dir2, 'job.yaml', 'map:\n  __proto__: title\n');
    expect(await cli(['score', 'examples/backlog.csv', '--config', config])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${config}:2:3: the key "__proto__" is not allowed: rename it\n`,
    });
    expect((await cli(['score', 'examples/backlog.csv', '--map', 'constructor=title'])).stderr).toBe(
      '"constructor" in --map is not an allowed field name; write --map field=column,field=column (e.g. --map title=project_name)\n',
    );
  });

  it('a value named like a prototype property is only a value', async () => {
    const dir2 = folder();
    const items = file(dir2, 'items.csv', 'id,title,toString,hasOwnProperty\nP-1,__proto__,x,y\n');
    const seen: unknown[] = [];
    for await (const item of readItems([items], { normaliser: createNormaliser(policy.fields), onProblem: (p) => seen.push(p) })) {
      expect(item.title).toBe('__proto__');
      expect({ ...item.extra }).toEqual({ toString: 'x', hasOwnProperty: 'y' });
    }
    expect(seen).toEqual([]);
  });

  it('ids that name built-in properties are refused in a principle set, at their place', async () => {
    const union = readFileSync(repoPath('principles/union.yaml'), 'utf8');
    const text = union.replace('- id: quantitative-evidence', '- id: constructor').replace('- id: insight-led', '- id: prototype');
    const path = file(folder(), 'principles.yaml', text);
    const error = (await loadPrinciples(path).catch((e: unknown) => e)) as InvalidFileError;
    expect(error.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'principles/schema',
        'principle id "prototype" is reserved: ids become keys (a decision\'s answers, the JSON summary), where "prototype" is a built-in name; choose another id',
      ],
      [
        'principles/schema',
        'criterion id "constructor" is reserved: ids become keys (a decision\'s answers, the JSON summary), where "constructor" is a built-in name; choose another id',
      ],
    ]);
  });
});

describe('size limits', () => {
  const dir2 = folder();
  /** Where the 1,000,001st token of the dense file below starts. */
  const COLUMN = 749_992;

  it('a principle set over 1 MB, a config over 256 KB', async () => {
    const principles = file(dir2, 'huge-principles.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    expect((await cli(['score', 'examples/backlog.csv', '-p', principles])).stderr).toBe(
      `${principles}: ${principles} is larger than 1 MB, the limit for a principle set; check that it is the principle set you meant\n`,
    );
    const config = file(dir2, 'huge-config.yaml', `# ${'x'.repeat(256 * 1024)}\n`);
    expect((await cli(['score', 'examples/backlog.csv', '--config', config])).stderr).toBe(
      `${config}: ${config} is larger than 256 KB, the limit for a config file; check that it is the config file you meant\n`,
    );
  });

  it('YAML and JSON items and decisions over 20 MB', async () => {
    const big = `# ${'x'.repeat(20 * 1024 * 1024)}\n`;
    const items = file(dir2, 'huge.yaml', big);
    expect(await cli(['score', items])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${items}: ${items} is larger than 20 MB, the limit for YAML and JSON; large backlogs stream as CSV or JSONL: convert it to one of those\n`,
    });
    const decisions = file(dir2, 'huge-decisions.yaml', big);
    expect((await cli(['score', 'examples/backlog.csv', '--decisions', decisions])).stderr).toBe(
      `${decisions}: ${decisions} is larger than 20 MB, the limit for a decisions file; check that it is the decisions file you meant\n`,
    );
  });

  it('YAML of more than a million tokens: memory follows tokens, not bytes', async () => {
    // 5 MB, well under the size limit, but its parse would need gigabytes.
    const dense = file(dir2, 'dense.yaml', `- id: D-1\n  title: Dense\n  tags: [${'x, '.repeat(1_100_000)}x]\n`);
    expect(await cli(['score', dense])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${dense}:3:${COLUMN}: more than 1,000,000 YAML tokens, more than can be read safely at once: large backlogs stream as CSV or JSONL, so convert it to one of those\n`,
    });
  }, 30_000);

  it('JSON nested deeper than 64 levels, and a JSONL line over 1 MB', async () => {
    const deep = file(dir2, 'deep.json', `[{ "id": "J-1", "title": "t", "extra": ${'['.repeat(100_000)}${']'.repeat(100_000)} }]\n`);
    expect((await cli(['score', deep])).stderr).toBe(`${deep}:1:103: nesting deeper than 64 levels is refused; flatten the data\n`);
    const long = file(dir2, 'long.jsonl', `{ "id": "J-1", "title": "t" }\n{ "id": "J-2", "title": "${'x'.repeat(2 * 1024 * 1024)}" }\n`);
    expect((await cli(['score', long])).stderr).toBe(
      `${long}:2:1: line 2 is longer than the limit of 1 MB; a JSONL file holds one item per line: check the line breaks\n`,
    );
  });
});
