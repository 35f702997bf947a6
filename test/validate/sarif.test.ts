/**
 * The SARIF format against its consumers' own rules: the official SARIF 2.1.0 schema (vendored
 * in test/fixtures/sarif, see the README there) and what GitHub code scanning documents as
 * required on top of it (rule descriptions and help, result fingerprints, regions with an
 * end, at most 25,000 results in a run).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { MAX_SARIF_RESULTS, sarifFormat } from '../../src/validate/formats/sarif.js';
import type { ValidationReport } from '../../src/validate/report.js';
import { RULES } from '../../src/validate/rules.js';
import { validatePaths } from '../../src/validate/validate.js';
import { repoPath } from '../helpers/run.js';

const TOOL = { name: 'union-triage', version: '9.9.9' };
const SCHEMA_FILE = repoPath('test/fixtures/sarif/sarif-schema-2.1.0.json');

/** Keywords whose meaning is the same in JSON Schema draft-04 and draft-07. */
const SAME_IN_BOTH = new Set([
  '$ref',
  'additionalProperties',
  'anyOf',
  'allOf',
  'oneOf',
  'not',
  'default',
  'definitions',
  'description',
  'enum',
  'format',
  'items',
  'maxItems',
  'minItems',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'pattern',
  'properties',
  'required',
  'title',
  'type',
  'uniqueItems',
]);

/** Every keyword the schema uses (property names under `properties` and `definitions` are not keywords). */
function keywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const entry of node) keywords(entry, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      found.add(key);
      if (key === 'properties' || key === 'definitions') for (const entry of Object.values(value as object)) keywords(entry, found);
      else keywords(value, found);
    }
  }
  return found;
}

function loadSchema(): { schema: Record<string, unknown>; validate: ValidateFunction } {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const { $schema, id, ...rest } = schema;
  expect($schema).toBe('http://json-schema.org/draft-04/schema#');
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  // The formats the schema names, checked as RFC 3986 and RFC 3339 define them.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///') && !/\s/.test(value));
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  return { schema, validate: ajv.compile({ ...rest, $id: id as string }) };
}

const { schema, validate } = loadSchema();

function render(report: ValidationReport, path?: (file: string) => string): Record<string, unknown> {
  return JSON.parse(sarifFormat.render(report, { color: false, tool: TOOL, ...(path ? { path } : {}) })) as Record<string, unknown>;
}

function schemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

interface SarifRun {
  tool: { driver: { name: string; rules: Array<Record<string, unknown> & { id: string }> } };
  results: Array<Record<string, unknown>>;
  invocations?: unknown[];
}

function run(log: Record<string, unknown>): SarifRun {
  return (log['runs'] as SarifRun[])[0] as SarifRun;
}

/** GitHub code scanning's documented requirements, as a list of what a log breaks. */
function gitHubProblems(log: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const text = (value: unknown, limit = Infinity): boolean => typeof value === 'string' && value !== '' && value.length <= limit;
  need(text(log['$schema']), '$schema');
  need(log['version'] === '2.1.0', 'version');
  const runs = log['runs'] as SarifRun[];
  need(Array.isArray(runs) && runs.length >= 1 && runs.length <= 20, 'runs');
  for (const r of runs) {
    need(text(r.tool.driver.name), 'tool.driver.name');
    const rules = r.tool.driver.rules;
    need(rules.length <= 25_000, 'rules limit');
    for (const rule of rules) {
      const get = (key: string): Record<string, unknown> => (rule[key] ?? {}) as Record<string, unknown>;
      need(text(rule.id), `${rule.id}: id`);
      need(text(get('shortDescription')['text'], 1024), `${rule.id}: shortDescription.text`);
      need(text(get('fullDescription')['text'], 1024), `${rule.id}: fullDescription.text`);
      need(text(get('help')['text']), `${rule.id}: help.text`);
      need(((get('properties')['tags'] as unknown[] | undefined) ?? []).length <= 20, `${rule.id}: tags`);
      const level = get('defaultConfiguration')['level'];
      need(level === undefined || ['note', 'warning', 'error'].includes(level as string), `${rule.id}: defaultConfiguration.level`);
    }
    need(r.results.length <= MAX_SARIF_RESULTS, 'results limit');
    r.results.forEach((result, i) => {
      need(text((result['message'] as { text?: unknown }).text), `result ${i}: message.text`);
      need(
        rules.some((rule) => rule.id === result['ruleId']),
        `result ${i}: ruleId in rules`,
      );
      const locations = result['locations'] as Array<{ physicalLocation?: { artifactLocation?: { uri?: unknown }; region?: Record<string, unknown> } }>;
      need(Array.isArray(locations) && locations.length >= 1 && locations.length <= 10, `result ${i}: locations`);
      for (const place of locations) {
        const region = place.physicalLocation?.region ?? {};
        need(text(place.physicalLocation?.artifactLocation?.uri), `result ${i}: artifactLocation.uri`);
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'])
          need(Number.isInteger(region[key]) && (region[key] as number) >= 1, `result ${i}: region.${key}`);
      }
      need(
        text((result['partialFingerprints'] as Record<string, unknown> | undefined)?.['primaryLocationLineHash']),
        `result ${i}: partialFingerprints.primaryLocationLineHash`,
      );
    });
  }
  return problems;
}

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'item/invalid-value',
  severity: 'error',
  message: 'effort_weeks "one" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown',
  file: 'portfolio/backlog.csv',
  line: 4,
  column: 27,
  ...over,
});

describe('sarif against the official SARIF 2.1.0 schema', () => {
  it('reads the vendored schema as draft-04 defines it: no keyword whose meaning changed by draft-07', () => {
    const used = [...keywords(schema)].filter((k) => k !== '$schema' && k !== 'id');
    expect(used.filter((k) => !SAME_IN_BOTH.has(k))).toEqual([]);
    expect(schema['id']).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
  });

  it('rejects what breaks the schema, so a pass means something', () => {
    const log = render({ files: [], findings: [finding()], skipped: [] });
    const broken = structuredClone(log);
    delete (run(broken).results[0] as Record<string, unknown>)['message'];
    (run(broken).results[0] as Record<string, unknown>)['level'] = 'fatal';
    expect(schemaErrors(broken)).toEqual([
      "/runs/0/results/0 must have required property 'message'",
      '/runs/0/results/0/level must be equal to one of the allowed values',
    ]);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('validates the report of a real portfolio, of every rule fixture, and of no findings at all', async () => {
    const portfolio = await validatePaths(['test/fixtures/validate/portfolio/']);
    const fixtures = await Promise.all(
      ['csv--syntax.csv', 'yaml--syntax.yaml', 'item--look-alike-id.csv', 'decisions--duplicate-id.yaml', 'principles--unreachable-rule.yaml'].map((f) =>
        validatePaths([`test/fixtures/validate/rules/${f}`, ...(f.startsWith('decisions') ? ['test/fixtures/validate/rules/support/items.csv'] : [])]),
      ),
    );
    const reports = [portfolio, ...fixtures, { files: portfolio.files, findings: [], skipped: [] }];
    for (const report of reports) {
      const log = render(report);
      expect(schemaErrors(log)).toEqual([]);
      expect(gitHubProblems(log)).toEqual([]);
    }
    expect(run(render(portfolio)).results).toHaveLength(8);
  });

  it('validates absolute paths outside the root (file:// URIs) and names that need escaping', () => {
    const report: ValidationReport = {
      files: [],
      findings: [finding({ file: '/srv/port folio/a b,c:d%.csv' }), finding({ file: 'dir/ünïcode #1.csv', line: 2 })],
      skipped: [],
    };
    const log = render(report);
    expect(schemaErrors(log)).toEqual([]);
    expect(gitHubProblems(log)).toEqual([]);
    const uris = run(log).results.map(
      (r) => (r['locations'] as Array<{ physicalLocation: { artifactLocation: { uri: string } } }>)[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(['file:///srv/port%20folio/a%20b%2Cc%3Ad%25.csv', 'dir/%C3%BCn%C3%AFcode%20%231.csv']);
  });
});

describe('sarif for GitHub code scanning', () => {
  it('describes every rule with the short and full description and the help GitHub requires', () => {
    const rules = run(render({ files: [], findings: [], skipped: [] })).tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const expired = rules.find((r) => r.id === 'decisions/expired')!;
    const meta = RULES.find((r) => r.id === 'decisions/expired')!;
    expect(expired).toEqual({
      id: 'decisions/expired',
      shortDescription: { text: meta.description },
      fullDescription: { text: meta.fullDescription },
      help: {
        text: `${meta.fullDescription}\n\nHow to fix: ${meta.fix}\n\nExample:\n${meta.example}`,
        markdown: `${meta.fullDescription}\n\n**How to fix:** ${meta.fix}\n\n**Example:**\n\n\`\`\`\n${meta.example}\n\`\`\``,
      },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['portfolio', 'decisions'], precision: 'very-high', 'problem.severity': 'warning' },
    });
  });

  it('escapes Markdown in the help, so __proto__ is not shown in bold', () => {
    const rules = run(render({ files: [], findings: [], skipped: [] })).tool.driver.rules;
    const forbidden = rules.find((r) => r.id === 'yaml/forbidden-key')!;
    expect((forbidden['help'] as { markdown: string }).markdown).toMatch(/^A mapping has a key named \\_\\_proto\\_\\_, constructor or prototype\./);
    expect((forbidden['help'] as { text: string }).text).toMatch(/^A mapping has a key named __proto__, constructor or prototype\./);
  });

  it('gives every region an end, a one-character one where the finding has none', () => {
    const log = render({ files: [], findings: [finding(), finding({ line: 5, column: 9, endLine: 6, endColumn: 3 })], skipped: [] });
    const regions = run(log).results.map((r) => (r['locations'] as Array<{ physicalLocation: { region: unknown } }>)[0]!.physicalLocation.region);
    expect(regions).toEqual([
      { startLine: 4, startColumn: 27, endLine: 4, endColumn: 28 },
      { startLine: 5, startColumn: 9, endLine: 6, endColumn: 3 },
    ]);
  });

  it('keeps two findings on one line two alerts: their fingerprints differ', () => {
    const sameLine = [
      finding({ ruleId: 'yaml/syntax', file: 'a.yaml', line: 4, column: 9, message: 'Nested mappings are not allowed' }),
      finding({ ruleId: 'yaml/syntax', file: 'a.yaml', line: 4, column: 9, message: 'Nested mappings are not allowed' }),
      finding({ ruleId: 'yaml/syntax', file: 'a.yaml', line: 4, column: 3, message: 'Implicit keys need to be on a single line' }),
    ];
    const prints = run(render({ files: [], findings: sameLine, skipped: [] })).results.map(
      (r) => (r['partialFingerprints'] as { primaryLocationLineHash: string }).primaryLocationLineHash,
    );
    expect(new Set(prints).size).toBe(3);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{32}$/);
  });

  it(`reports at most ${MAX_SARIF_RESULTS.toLocaleString('en-GB')} results, errors first, and says how many were left out`, () => {
    const findings: Finding[] = [];
    for (let i = 1; i <= MAX_SARIF_RESULTS + 5; i++)
      findings.push(
        finding({ line: i, severity: i <= 10 ? 'warning' : 'error', ruleId: i <= 10 ? 'item/unknown-column' : 'item/invalid-value', message: `problem ${i}` }),
      );
    const log = render({ files: [], findings, skipped: [] });
    const results = run(log).results;
    expect(results).toHaveLength(MAX_SARIF_RESULTS);
    // All 24,995 errors, then the first 5 of the 10 warnings.
    expect(results.filter((r) => r['level'] === 'warning')).toHaveLength(5);
    expect(run(log).invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            message: { text: '5 more findings were left out: code scanning accepts at most 25,000 results in one run; run triage validate for the full list' },
          },
        ],
      },
    ]);
    expect(schemaErrors(log)).toEqual([]);
    expect(gitHubProblems(log)).toEqual([]);
  });

  it('gives paths from the root the CLI passes, as relative URIs', () => {
    const log = render(
      { files: [], findings: [finding({ file: 'backlog.csv', related: [{ file: 'more.yaml', line: 2, column: 1, message: 'first item' }] })], skipped: [] },
      (f) => `portfolio/${f}`,
    );
    const result = run(log).results[0]!;
    expect((result['locations'] as Array<{ physicalLocation: { artifactLocation: unknown } }>)[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'portfolio/backlog.csv',
    });
    expect((result['relatedLocations'] as Array<{ physicalLocation: { artifactLocation: unknown } }>)[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'portfolio/more.yaml',
    });
  });
});
