/** The library entry point reads records as the CLI does and throws TriageErrors that name the field. */
import { describe, expect, it } from 'vitest';
import { InvalidRecordError, TriageError, assess, formatters, openPrinciples, render, triage } from '../../src/index.js';
import { cli } from '../helpers/cli.js';

const SMALL = { id: 'A-1', title: 'Fix the form', lead: 'council', organisations: 'council', effort_weeks: '1', recurring: 'no' };
const NOW = new Date('2026-01-01T00:00:00Z');

async function caught(promise: Promise<unknown>): Promise<InvalidRecordError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidRecordError);
  return error as InvalidRecordError;
}

describe('triage(records, options)', () => {
  it('reads CSV-style strings and typed values alike', async () => {
    const typed = { ...SMALL, id: 'A-2', effort_weeks: 1, recurring: false, organisations: ['Council'] };
    const result = await triage([SMALL, typed], { now: NOW });
    expect(
      result.results.map((r) => [r.item.id, r.item.values['effort_weeks'], r.item.values['recurring'], r.item.values['organisations'], r.assessment.route]),
    ).toEqual([
      ['A-1', 1, false, ['council'], 'individual'],
      ['A-2', 1, false, ['council'], 'individual'],
    ]);
    expect(result.summary.routes['individual']?.totals['effort_weeks']).toEqual({ label: 'Effort', unit: 'weeks', sum: 2, known: 2 });
    expect(result.meta.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(result.meta.inputs).toEqual(['<records>']);
  });

  it('refuses a misspelt enum value, naming the record and the field', async () => {
    const error = await caught(triage([SMALL, { ...SMALL, id: 'A-2', lead: 'counsel' }]));
    expect([error.code, error.exitCode, error.field, error.record, error.message]).toEqual([
      'item-invalid',
      1,
      'lead',
      2,
      'record 2: lead "counsel" is not one of union, council, ccg: use one of them, or leave it empty if unknown',
    ]);
    expect(error).toBeInstanceOf(TriageError);
  });

  it('refuses a number it cannot read, a missing title and a duplicate id', async () => {
    expect((await caught(triage([{ ...SMALL, effort_weeks: 'two' }]))).message).toBe(
      'record 1: effort_weeks "two" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown',
    );
    const untitled = await caught(triage([{ id: 'A-1' }], { source: 'api' }));
    expect([untitled.field, untitled.message, untitled.position]).toEqual([
      'title',
      'record 1: "title" is required but empty: give every item a title',
      { file: 'api', line: 1 },
    ]);
    expect((await caught(triage([SMALL, SMALL]))).message).toBe('record 2: id "A-1" is used twice (first in record 1): give each item its own id');
  });

  it('takes the principle set as YAML text, a parsed object or a path, checked with positions', async () => {
    const loaded = await openPrinciples();
    const fromObject = await triage([SMALL], { principles: { set: loaded.set } });
    const fromPath = await triage([SMALL], { principles: { path: 'principles/union.yaml' } });
    expect([fromObject.results[0]?.assessment.route, fromPath.results[0]?.assessment.route, fromPath.meta.principles.hash]).toEqual([
      'individual',
      'individual',
      loaded.hash,
    ]);
    const bad = await triage([SMALL], { principles: { yaml: 'version: 1\norganisation: X\n', file: 'mine.yaml' } }).catch((e: unknown) => e as TriageError);
    expect(bad).toBeInstanceOf(TriageError);
    expect((bad as TriageError).position?.file).toBe('mine.yaml');
  });
});

describe('render and formatters', () => {
  it('write what triage score writes for the same items', async () => {
    const cells = 'id,title,lead,organisations,effort_weeks,recurring\nA-1,Fix the form,council,council,1,no\n';
    const fromCli = await cli(['score', '-', '-f', 'csv'], { input: cells });
    const result = await triage([SMALL]);
    expect(await render('csv', result)).toBe(fromCli.stdout);
    expect(await formatters.csv(result)).toBe(fromCli.stdout);
    const markdown = await formatters.markdown(result);
    expect(markdown.split('\n').slice(0, 3)).toEqual([
      '# Work triage: The Union',
      '',
      `1 item scored with principles/union.yaml (${result.meta.principles.hash.slice(0, 19)}…) by union-triage 0.1.0.`,
    ]);
  });

  it('refuse the workbook, which only the CLI writes', async () => {
    const result = await triage([SMALL]);
    await expect(render('xlsx' as 'csv', result)).rejects.toThrow('cannot render "xlsx" as text');
  });
});

describe('assess', () => {
  it('refuses raw fields with a TriageError, not a TypeError', async () => {
    const { policy } = await openPrinciples();
    let thrown: unknown;
    try {
      assess(policy, { id: 'A', title: 'B', lead: 'council' } as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TriageError);
    const error = thrown as TriageError;
    expect([error.code, error.message, error.hint]).toEqual([
      'item-invalid',
      'assess takes a normalised item { id, title, values, extra }, not raw fields',
      'pass raw records to triage(records, { principles }), which reads and checks them',
    ]);
  });

  it('refuses a value of the wrong kind for its field, naming it', async () => {
    const { policy } = await openPrinciples();
    const item = (values: Record<string, unknown>) => ({ id: 'A', title: 'B', values: { id: 'A', title: 'B', ...values }, extra: {} }) as never;
    expect(() => assess(policy, item({ lead: 'counsel' }))).toThrow('item "A": lead "counsel" is not one of union, council, ccg');
    expect(() => assess(policy, item({ effort_weeks: '2' }))).toThrow('item "A": effort_weeks "2" is not a number');
    expect(() => assess(policy, item({ organisations: 'council' }))).toThrow('item "A": organisations "council" is not a list of words');
    expect(assess(policy, item({ lead: 'council', organisations: ['council'], effort_weeks: 1, recurring: false })).route).toBe('individual');
  });
});
