/** The CLI, in-process, run as a person or a CI job would run it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('triage score', () => {
  it('prints the routed table and a summary line for the example backlog', async () => {
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^┌─+┬/);
    expect(stdout).toContain('│ WI-06 │ Fix postcode validation on th… │ Individual   │ BAU              │    14 │      0 │ 1.00 │');
    expect(stdout).toContain('│ WI-15 │ Explore a joint estates strat… │ Needs review │ BAU?             │     9 │      0 │ 0.39 │');
    expect(stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '22 items: The Union 7 · Council 4 · CCG 4 · Individual 3 · Needs review 4',
      '1 not settled (marked ?): a missing fact could change the route; chase lead (1)',
    ]);
    expect(stdout).not.toContain('\u001b[');
  });

  it('gives the contract JSON shape with provenance', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.yaml', '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      meta: { tool: { name: string }; principles: { file: string; hash: string }; inputs: string[] };
      summary: { total: number; routes: Record<string, { count: number; effortWeeks: number }> };
      items: Array<Record<string, unknown>>;
    };
    expect(Object.keys(doc)).toEqual(['meta', 'summary', 'items']);
    expect(doc.meta.tool.name).toBe('union-triage');
    expect(doc.meta.principles.file).toBe('principles/union.yaml');
    expect(doc.meta.principles.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc.meta.inputs).toEqual(['examples/backlog.yaml']);
    expect(doc.summary.total).toBe(14);
    expect(doc.summary.routes['individual']).toMatchObject({ label: 'Individual', count: 2, effortWeeks: 1.5, costGbp: 0 });
    const first = doc.items[0] as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'id',
      'title',
      'route',
      'routeLabel',
      'rule',
      'reason',
      'classification',
      'alignment',
      'transformation',
      'confidence',
      'overridden',
      'principles',
      'signals',
      'alignmentRange',
      'transformationRange',
      'firm',
      'counterfactuals',
    ]);
    expect(first).toMatchObject({
      id: 'WI-31',
      route: 'union',
      routeLabel: 'The Union',
      rule: 'union-leads',
      classification: 'transformational',
      alignment: 66,
      transformation: 100,
      confidence: 1,
      overridden: false,
    });
  });

  it('filters by route and sorts', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'json', '--route', 'individual', '--sort', 'alignment']);
    expect(code).toBe(0);
    const ids = (JSON.parse(stdout) as { items: Array<{ id: string; alignment: number }> }).items.map((i) => [i.id, i.alignment]);
    expect(ids).toEqual([
      ['WI-18', 20],
      ['WI-06', 14],
      ['WI-21', 5],
    ]);
  });

  it('reads items from standard input with -', async () => {
    const csv = readFileSync('examples/backlog.csv', 'utf8');
    const { code, stdout } = await cli(['score', '-', '-f', 'json'], { input: csv });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { items: unknown[] }).items).toHaveLength(22);
  });

  it('leaves out invalid items with one line each on stderr and exits 1', async () => {
    const { code, stdout, stderr } = await cli(['score', 'test/fixtures/invalid/bad-values.csv', '-f', 'json']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'test/fixtures/invalid/bad-values.csv:3:16: error: effort_weeks "two" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown [item/invalid-value]\n' +
        'test/fixtures/invalid/bad-values.csv:4:16: error: lead "counsel" is not one of union, council, ccg: use one of them, or leave it empty if unknown [item/invalid-value]\n' +
        '2 invalid item(s) were left out of the results\n',
    );
    expect((JSON.parse(stdout) as { items: Array<{ id: string }> }).items.map((i) => i.id)).toEqual(['B-1']);
  });

  it('refuses an invalid principle set with file:line:column and exit 2', async () => {
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '-p', 'test/fixtures/invalid/weight-zero.yaml']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('test/fixtures/invalid/weight-zero.yaml:10:13: error: principles[0].weight must be greater than 0 [principles/schema]\n');
  });

  it('exits 2 with one line for a missing file, and no stack trace', async () => {
    const { code, stderr } = await cli(['score', 'nope.csv']);
    expect(code).toBe(2);
    expect(stderr).toBe('nope.csv: cannot find item file nope.csv; check the path and the current folder\n');
  });

  it('exits 2 on an unknown option and an unknown format', async () => {
    const unknown = await cli(['score', 'examples/backlog.csv', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('triage: unknown option \'--frobnicate\'; run "triage score --help" for usage\n');
    const format = await cli(['score', 'examples/backlog.csv', '-f', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('unknown format "pdf"; use one of table, json, jsonl, csv, xlsx, markdown, html, chart\n');
  });

  it('writes -o files whole, and says so on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-'));
    const out = join(dir, 'results.json');
    writeFileSync(out, 'old');
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '-f', 'json', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`wrote ${out}\n`);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { items: unknown[] }).items).toHaveLength(22);
  });
});

describe('triage explain', () => {
  it('shows one item on one screen: the reason first, then the scores and what would change the route', async () => {
    const { code, stdout } = await cli(['explain', 'WI-06', 'examples/backlog.csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 5)).toEqual([
      'WI-06 Fix postcode validation on the referral form (examples/backlog.csv:7)',
      '',
      'Individual: business as usual (0: small piece of work −15); effort_weeks 1 is',
      '  at most 2, organisations has 1 entry (at most 1) and recurring is false',
      '  rule individual-can-do · confidence 1.00 · settled',
    ]);
    expect(stdout).toContain('\nWhat would change it\n  Council if organisations also included ccg (alignment 14 → 24,\n    transformation 0 → 15)\n');
    expect(stdout.endsWith('\nEvery criterion, signal and rule: triage explain WI-06 --full\n')).toBe(true);
  });

  it('shows every criterion, signal and rule for one item with --full', async () => {
    const { code, stdout } = await cli(['explain', 'WI-06', 'examples/backlog.csv', '--full']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('WI-06  Fix postcode validation on the referral form  (examples/backlog.csv:7)');
    expect(stdout).toContain('Route: Individual  rule individual-can-do');
    expect(stdout).toContain('Alignment 14/100');
    expect(stdout).toContain('  ✓ met      -15 small-piece-of-work');
    expect(stdout).toContain('  ✓ individual-can-do → individual: matched');
    expect(stdout).toContain('  · council-owns → council: not reached (would also match)');
  });

  it('gives the assessment and its trace as JSON', async () => {
    const { code, stdout } = await cli(['explain', 'WI-15', 'examples/backlog.csv', '-f', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { assessment: { rule: string }; trace: { rules: Array<{ id: string; outcome: string }> } };
    expect(doc.assessment.rule).toBe('default');
    expect(doc.trace.rules.map((r) => `${r.id}:${r.outcome}`)).toEqual([
      'union-leads:not-matched',
      'challenge-weak-alignment:not-matched',
      'individual-can-do:unknown',
      'borderline-needs-decision:not-matched',
      'council-owns:unknown',
      'ccg-owns:unknown',
    ]);
  });

  it('exits 2 for an unknown id, suggesting a near one', async () => {
    const { code, stderr } = await cli(['explain', 'wi-06', 'examples/backlog.csv']);
    expect(code).toBe(2);
    expect(stderr).toBe('no item with id "wi-06" in examples/backlog.csv; did you mean WI-06?\n');
  });
});

describe('triage principles', () => {
  it('shows the principle set in use', async () => {
    const { code, stdout } = await cli(['principles']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('The Union  principles/union.yaml');
    expect(stdout).toContain('  Data- and insight-led decisions [insight-led]  weight 3 (23% of alignment)');
    expect(stdout).toContain('  1. union-leads → union  when classification = transformational and alignment >= 50');
  });
});

describe('help and version', () => {
  it('every command has --help with examples', async () => {
    for (const command of ['score', 'explain', 'principles']) {
      const { code, stdout } = await cli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain('Examples:');
    }
  });

  it('prints the version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect((await cli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });
});
