/**
 * Every `validate` format, parsed back: each must be valid in its own terms (JSON, XML,
 * SARIF's required properties, workflow-command syntax) and carry the same findings, file,
 * position, rule, severity and message, as every other.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { VALIDATE_FORMATS, loadValidateFormat } from '../../src/validate/formats/index.js';
import { junitFormat } from '../../src/validate/formats/junit.js';
import type { ValidateFormat } from '../../src/validate/formats/types.js';
import type { ValidationReport } from '../../src/validate/report.js';
import { RULES } from '../../src/validate/rules.js';
import { validatePaths } from '../../src/validate/validate.js';
import { parseXml, type XmlElement } from './helpers/xml.js';

const TOOL = { name: 'union-triage', version: '9.9.9' };

/** A finding as every format can say it. */
interface Said {
  file: string;
  line: number;
  column?: number;
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
}

/** Names with the characters each format must escape: comma, colon, percent, space, quotes, <, &. */
const TRICKY: ValidationReport = {
  files: [
    { file: 'dir/a b,c:d%.csv', kind: 'items', format: 'csv' },
    { file: 'clean.yaml', kind: 'principles', format: 'yaml' },
    { file: 'decisions.yaml', kind: 'decisions', format: 'yaml' },
  ],
  findings: [
    {
      ruleId: 'item/invalid-value',
      severity: 'error',
      message: 'cost "£5,000 <approx> & more" is 100% wrong: fix it',
      file: 'dir/a b,c:d%.csv',
      line: 3,
      column: 7,
    },
    { ruleId: 'item/unknown-column', severity: 'warning', message: 'a "quoted"\nsecond line', file: 'dir/a b,c:d%.csv', line: 1, column: 12 },
    {
      ruleId: 'decisions/duplicate-id',
      severity: 'error',
      message: 'item "X" has two decisions: keep one',
      file: 'decisions.yaml',
      line: 5,
      column: 9,
      endLine: 5,
      endColumn: 12,
      related: [{ file: 'decisions.yaml', line: 2, column: 9, message: 'first decision for "X"' }],
    },
  ],
  skipped: [],
};

async function format(name: string): Promise<ValidateFormat> {
  const loaded = await loadValidateFormat(name);
  if (!loaded) throw new Error(`no format ${name}`);
  return loaded;
}

function said(findings: readonly Finding[], withColumn = true): Said[] {
  return findings.map((f) => ({
    file: f.file,
    line: f.line,
    ...(withColumn ? { column: f.column } : {}),
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
  }));
}

// Readers: each format's text back to findings.

function fromJson(text: string): Said[] {
  const results = JSON.parse(text) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string; severity: number; message: string; line: number; column: number }>;
  }>;
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: r.filePath,
      line: m.line,
      column: m.column,
      ruleId: m.ruleId,
      severity: m.severity === 2 ? 'error' : 'warning',
      message: m.message,
    })),
  );
}

function unescapeCommand(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

function fromGithub(text: string): Said[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=([^:]*)::(.*)$/.exec(line);
      if (!match) throw new Error(`not a workflow command: ${line}`);
      const [, severity, file, l, c, title, message] = match as unknown as string[];
      return {
        file: unescapeCommand(file as string),
        line: Number(l),
        column: Number(c),
        ruleId: unescapeCommand(title as string),
        severity: severity as Said['severity'],
        message: unescapeCommand(message as string),
      };
    });
}

function fromSarif(text: string): Said[] {
  const log = JSON.parse(text) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
  return log.runs.flatMap((run) =>
    run.results.map((r) => {
      const location = (
        r['locations'] as Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>
      )[0]!.physicalLocation;
      return {
        file: decodeURIComponent(location.artifactLocation.uri),
        line: location.region.startLine,
        column: location.region.startColumn,
        ruleId: r['ruleId'] as string,
        severity: r['level'] as Said['severity'],
        message: (r['message'] as { text: string }).text,
      };
    }),
  );
}

function fromGitlab(text: string): Said[] {
  const issues = JSON.parse(text) as Array<{ description: string; check_name: string; severity: string; location: { path: string; lines: { begin: number } } }>;
  return issues.map((i) => ({
    file: i.location.path,
    line: i.location.lines.begin,
    ruleId: i.check_name,
    severity: i.severity === 'major' ? 'error' : 'warning',
    message: i.description,
  }));
}

function fromJunit(text: string): Said[] {
  const root = parseXml(text);
  const out: Said[] = [];
  for (const suite of root.children) {
    for (const test of suite.children) {
      const inner = test.children[0];
      if (!inner) continue;
      const file = test.attributes['classname'] as string;
      // The position is in the text (`file:line:column: ...`) and the line attribute, never in the name.
      const [, line, column] = /^(\d+):(\d+): /.exec(inner.text.slice(file.length + 1)) ?? [];
      expect(test.attributes['line']).toBe(line);
      expect(test.attributes['name']).not.toMatch(/\b\d+:\d+\b|\bline \d/);
      const ruleId = /^[a-z]+\/[a-z-]+/.exec(test.attributes['name'] ?? '')?.[0] as string;
      const base = { file, line: Number(line), column: Number(column), ruleId };
      if (inner.name === 'failure') out.push({ ...base, severity: 'error', message: inner.attributes['message'] as string });
      else out.push({ ...base, severity: 'warning', message: (inner.attributes['message'] as string).replace(/^warning: /, '') });
    }
  }
  return out;
}

function fromStylish(text: string): Said[] {
  const out: Said[] = [];
  let file = '';
  for (const line of text.split('\n')) {
    const match = /^ {2}(\d+):(\d+) +(error|warning) {2,}(.*) {2}(\S+)$/s.exec(line);
    if (match) {
      const [, l, c, severity, message, ruleId] = match as unknown as string[];
      out.push({ file, line: Number(l), column: Number(c), ruleId: ruleId as string, severity: severity as Said['severity'], message: message as string });
    } else if (line && !line.startsWith(' ') && !line.startsWith('✖')) file = line;
  }
  return out;
}

function byPosition(a: Said, b: Said): number {
  return a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

const READERS: Record<string, { read: (text: string) => Said[]; column: boolean; oneLine?: boolean }> = {
  json: { read: fromJson, column: true },
  github: { read: fromGithub, column: true },
  sarif: { read: fromSarif, column: true },
  gitlab: { read: fromGitlab, column: false },
  // JUnit lists test cases check by check, so its findings are compared in position order.
  junit: { read: (text) => fromJunit(text).sort(byPosition), column: true },
  // Stylish prints a message as is, so a line break in one splits it: it is read back only
  // for reports without one.
  stylish: { read: fromStylish, column: true, oneLine: true },
};

describe('validate formats', () => {
  it('the registry has exactly the formats the issue asks for, each readable back here', () => {
    expect([...VALIDATE_FORMATS]).toEqual(['stylish', 'json', 'junit', 'github', 'sarif', 'gitlab']);
    expect(Object.keys(READERS).sort()).toEqual([...VALIDATE_FORMATS].sort());
  });

  it('carry the same findings in every format, for a real portfolio', async () => {
    const report = await validatePaths(['test/fixtures/validate/portfolio/']);
    expect(report.findings.length).toBe(8);
    for (const name of VALIDATE_FORMATS) {
      const { read, column } = READERS[name]!;
      const text = (await format(name)).render(report, { color: false, tool: TOOL });
      const expected = said(report.findings, column);
      expect(read(text), name).toEqual(name === 'junit' ? expected.sort(byPosition) : expected);
    }
  });

  it('escape what their syntax needs, and still say the same thing', async () => {
    for (const name of VALIDATE_FORMATS) {
      const { read, column, oneLine } = READERS[name]!;
      if (oneLine) continue;
      const text = (await format(name)).render(TRICKY, { color: false, tool: TOOL });
      const expected = said(TRICKY.findings, column);
      expect(read(text), name).toEqual(name === 'junit' ? expected.sort(byPosition) : expected);
    }
  });
});

describe('json (ESLint shape, contract)', () => {
  it('lists every file checked, with counts and severities 2 and 1', async () => {
    const results = JSON.parse((await format('json')).render(TRICKY, { color: false, tool: TOOL })) as unknown[];
    expect(results).toEqual([
      {
        filePath: 'dir/a b,c:d%.csv',
        messages: [
          { ruleId: 'item/invalid-value', severity: 2, message: 'cost "£5,000 <approx> & more" is 100% wrong: fix it', line: 3, column: 7 },
          { ruleId: 'item/unknown-column', severity: 1, message: 'a "quoted"\nsecond line', line: 1, column: 12 },
        ],
        errorCount: 1,
        warningCount: 1,
      },
      { filePath: 'clean.yaml', messages: [], errorCount: 0, warningCount: 0 },
      {
        filePath: 'decisions.yaml',
        messages: [
          { ruleId: 'decisions/duplicate-id', severity: 2, message: 'item "X" has two decisions: keep one', line: 5, column: 9, endLine: 5, endColumn: 12 },
        ],
        errorCount: 1,
        warningCount: 0,
      },
    ]);
  });
});

describe('github', () => {
  it('writes one workflow command per finding, escaping data and properties', async () => {
    expect((await format('github')).render(TRICKY, { color: false, tool: TOOL })).toBe(
      '::error file=dir/a b%2Cc%3Ad%25.csv,line=3,col=7,title=item/invalid-value::cost "£5,000 <approx> & more" is 100%25 wrong: fix it\n' +
        '::warning file=dir/a b%2Cc%3Ad%25.csv,line=1,col=12,title=item/unknown-column::a "quoted"%0Asecond line\n' +
        '::error file=decisions.yaml,line=5,col=9,title=decisions/duplicate-id::item "X" has two decisions: keep one\n',
    );
  });
});

describe('sarif', () => {
  it('has every property SARIF 2.1.0 requires, rules in tool.driver.rules, and valid indexes', async () => {
    const log = JSON.parse((await format('sarif')).render(TRICKY, { color: false, tool: TOOL })) as {
      $schema: string;
      version: string;
      runs: Array<{
        tool: {
          driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> };
        };
        columnKind: string;
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
          relatedLocations?: Array<{
            id: number;
            physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> };
            message: { text: string };
          }>;
        }>;
      }>;
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('union-triage');
    expect(run.tool.driver.version).toBe('9.9.9');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(result.level);
      expect(typeof result.message.text).toBe('string');
      expect(result.locations).toHaveLength(1);
      for (const place of [...result.locations, ...(result.relatedLocations ?? [])]) {
        const { artifactLocation, region } = place.physicalLocation;
        expect(artifactLocation.uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$/);
        expect(region['startLine']).toBeGreaterThanOrEqual(1);
        expect(region['startColumn']).toBeGreaterThanOrEqual(1);
      }
    }
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('dir/a%20b%2Cc%3Ad%25.csv');
    expect(run.results[2]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 5, startColumn: 9, endLine: 5, endColumn: 12 });
    expect(run.results[2]!.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'decisions.yaml' }, region: { startLine: 2, startColumn: 9, endLine: 2, endColumn: 10 } },
        message: { text: 'first decision for "X"' },
      },
    ]);
  });

  it('makes absolute paths file:// URIs', async () => {
    const { fileUri } = await import('../../src/validate/formats/sarif.js');
    expect(fileUri('/srv/port folio/a.csv')).toBe('file:///srv/port%20folio/a.csv');
    expect(fileUri('portfolio/a.csv')).toBe('portfolio/a.csv');
  });
});

describe('gitlab', () => {
  it('gives each issue the fields Code Quality reads, with unique fingerprints stable across line moves', async () => {
    const gitlab = await format('gitlab');
    const twice: ValidationReport = { ...TRICKY, findings: [TRICKY.findings[0]!, { ...TRICKY.findings[0]!, line: 9 }] };
    const issues = JSON.parse(gitlab.render(twice, { color: false, tool: TOOL })) as Array<Record<string, unknown>>;
    expect(issues.map((i) => Object.keys(i))).toEqual([
      ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    ]);
    expect(issues[0]!['location']).toEqual({ path: 'dir/a b,c:d%.csv', lines: { begin: 3 } });
    expect(issues[0]!['severity']).toBe('major');
    expect(issues[0]!['fingerprint']).toMatch(/^[0-9a-f]{32}$/);
    expect(issues[0]!['fingerprint']).not.toBe(issues[1]!['fingerprint']);
    const moved = JSON.parse(
      gitlab.render({ ...twice, findings: twice.findings.map((f) => ({ ...f, line: f.line + 10 })) }, { color: false, tool: TOOL }),
    ) as Array<Record<string, unknown>>;
    expect(moved.map((i) => i['fingerprint'])).toEqual(issues.map((i) => i['fingerprint']));
  });
});

describe('gitlab against what GitLab documents', () => {
  it('gives every issue exactly the documented fields, with the documented values, from a real portfolio', async () => {
    const report = await validatePaths(['test/fixtures/validate/portfolio/']);
    const text = (await format('gitlab')).render(report, { color: false, tool: TOOL, path: (f) => f.replace('test/fixtures/validate/', '') });
    // GitLab's parser refuses a byte order mark.
    expect(text.charCodeAt(0)).toBe('['.charCodeAt(0));
    const issues = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(issues).toHaveLength(8);
    for (const issue of issues) {
      expect(Object.keys(issue)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
      expect(typeof issue['description']).toBe('string');
      expect(RULES.map((r) => r.id)).toContain(issue['check_name']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue['severity']);
      const location = issue['location'] as { path: string; lines: { begin: number } };
      expect(Object.keys(location)).toEqual(['path', 'lines']);
      expect(location.path).toMatch(/^portfolio\/[a-z]+\.(csv|yaml)$/);
      expect(Number.isInteger(location.lines.begin) && location.lines.begin >= 1).toBe(true);
    }
    expect(new Set(issues.map((i) => i['fingerprint'])).size).toBe(8);
  });
});

describe('junit', () => {
  it('has one testsuite per file, one testcase per check, a failure per error and a skipped per warning', async () => {
    const root = parseXml((await format('junit')).render(TRICKY, { color: false, tool: TOOL }));
    expect(root.name).toBe('testsuites');
    expect(root.children.map((s) => [s.name, s.attributes['name'], s.attributes['failures'], s.attributes['skipped']])).toEqual([
      ['testsuite', 'dir/a b,c:d%.csv', '1', '1'],
      ['testsuite', 'clean.yaml', '0', '0'],
      ['testsuite', 'decisions.yaml', '1', '0'],
    ]);
    const cases = (suite: XmlElement): string[] => suite.children.map((t) => `${t.attributes['name']}${t.children[0] ? ` <${t.children[0].name}>` : ''}`);
    const [items, clean] = root.children as [XmlElement, XmlElement];
    expect(cases(items)).toEqual([
      'file/empty',
      'file/encoding',
      'file/too-large',
      'file/too-many-problems',
      'csv/syntax',
      'item/missing-required',
      'item/invalid-value: cost "£5,000 <approx> & more" is 100% wrong: fix it <failure>',
      'item/duplicate-id',
      'item/invisible-id',
      'item/look-alike-id',
      'item/unknown-column: a "quoted" second line <skipped>',
    ]);
    expect(cases(clean)).toContain('principles/unreachable-rule');
    const tests = root.children.reduce((sum, s) => sum + s.children.length, 0);
    expect(root.attributes).toEqual({ name: 'triage validate', tests: String(tests), failures: '2', errors: '0', skipped: '1' });
    for (const suite of root.children) expect(suite.attributes['tests']).toBe(String(suite.children.length));
  });

  it('shows a warning as skipped, with its message and text, where viewers keep both', async () => {
    const root = parseXml((await format('junit')).render(TRICKY, { color: false, tool: TOOL }));
    const warning = root.children[0]!.children.at(-1)!;
    expect(warning.attributes).toEqual({
      name: 'item/unknown-column: a "quoted" second line',
      classname: 'dir/a b,c:d%.csv',
      file: 'dir/a b,c:d%.csv',
      line: '1',
    });
    expect(warning.children.map((c) => [c.name, c.attributes, c.text])).toEqual([
      ['skipped', { message: 'warning: a "quoted"\nsecond line' }, 'dir/a b,c:d%.csv:1:12: warning: a "quoted"\nsecond line'],
    ]);
  });

  it('names test cases by what was found, never where: the item, the message without positions, a count for repeats', async () => {
    const at = (line: number, over: Partial<Finding> = {}): Finding => ({
      ruleId: 'item/duplicate-id',
      severity: 'error',
      message: `id "P-1" is used twice (first at backlog.csv:${line - 1}:1): give each item its own id`,
      file: 'more.csv',
      line,
      column: 1,
      ...over,
    });
    const report: ValidationReport = {
      files: [{ file: 'more.csv', kind: 'items', format: 'csv' }],
      findings: [at(3), at(7), at(9, { ruleId: 'item/invalid-value', message: 'effort_weeks "one" is not a number: write digits', subject: 'P-7' })],
      skipped: [],
    };
    const names = (r: ValidationReport): string[] =>
      parseXml(junitFormatText(r))
        .children[0]!.children.filter((t) => t.children.length > 0)
        .map((t) => t.attributes['name'] as string);
    expect(names(report)).toEqual([
      'item/invalid-value (P-7): effort_weeks "one" is not a number: write digits',
      'item/duplicate-id: id "P-1" is used twice (first at backlog.csv): give each item its own id',
      'item/duplicate-id: id "P-1" is used twice (first at backlog.csv): give each item its own id (2)',
    ]);
    // Lines moved: the same test cases, by name.
    const moved: ValidationReport = { ...report, findings: [at(13), at(17), { ...report.findings[2]!, line: 19 }] };
    expect(names(moved)).toEqual(names(report));
  });

  it('gives paths from the root when the CLI passes them', async () => {
    const root = parseXml((await format('junit')).render(TRICKY, { color: false, tool: TOOL, path: (f) => `repo/${f}` }));
    expect(root.children.map((s) => s.attributes['name'])).toEqual(['repo/dir/a b,c:d%.csv', 'repo/clean.yaml', 'repo/decisions.yaml']);
    const failure = root.children[0]!.children.find((t) => t.children[0]?.name === 'failure')!;
    expect([failure.attributes['classname'], failure.attributes['file'], failure.children[0]!.text]).toEqual([
      'repo/dir/a b,c:d%.csv',
      'repo/dir/a b,c:d%.csv',
      'repo/dir/a b,c:d%.csv:3:7: cost "£5,000 <approx> & more" is 100% wrong: fix it',
    ]);
  });
});

function junitFormatText(report: ValidationReport): string {
  return junitFormat.render(report, { color: false, tool: TOOL });
}

describe('stylish', () => {
  it('groups by file, aligns positions and ends with a total', async () => {
    const report: ValidationReport = { ...TRICKY, findings: TRICKY.findings.map((f) => ({ ...f, message: f.message.replace('\n', ' ') })) };
    expect((await format('stylish')).render(report, { color: false, tool: TOOL })).toBe(
      'dir/a b,c:d%.csv\n' +
        '  3:7   error    cost "£5,000 <approx> & more" is 100% wrong: fix it  item/invalid-value\n' +
        '  1:12  warning  a "quoted" second line  item/unknown-column\n' +
        '\n' +
        'decisions.yaml\n' +
        '  5:9  error    item "X" has two decisions: keep one  decisions/duplicate-id\n' +
        '\n' +
        '✖ 3 problems (2 errors, 1 warning) in 2 of 3 files\n',
    );
  });

  it('says so when there is nothing to report, and colours only when asked', async () => {
    const stylish = await format('stylish');
    const clean: ValidationReport = { files: TRICKY.files, findings: [], skipped: [] };
    expect(stylish.render(clean, { color: false, tool: TOOL })).toBe('✔ 3 files checked, no problems\n');
    expect(stylish.render(TRICKY, { color: false, tool: TOOL })).not.toContain('\u001b[');
    expect(stylish.render(TRICKY, { color: true, tool: TOOL })).toContain('\u001b[31merror  \u001b[39m');
  });
});
