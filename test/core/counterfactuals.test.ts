/**
 * Counterfactuals of every example item: each is checked the way a person would check it,
 * by writing its `to` values into the item as a JSON file would hold them, reading that
 * through the real normaliser and scoring it again; and each is minimal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { PER_ROUTE } from '../../src/core/counterfactuals.js';
import type { Counterfactual, FactChange, WorkItem } from '../../src/core/types.js';
import { createNormaliser, type RawRecord } from '../../src/items/normalise.js';
import { unionPolicy } from '../helpers/policy.js';
import { cli } from '../helpers/cli.js';
import { exampleItems } from '../interactive/fake-prompter.js';

const policy = unionPolicy();
const normaliser = createNormaliser(policy.fields);

/** The item as a JSON item file holds it: declared values only, unknown ones left out. */
function jsonRecord(item: WorkItem): Record<string, unknown> {
  return JSON.parse(JSON.stringify(item.values)) as Record<string, unknown>;
}

/** The item's JSON record with `changes` written in (`to`), read back through the normaliser. */
function changed(item: WorkItem, changes: readonly FactChange[]): WorkItem {
  const values: Record<string, unknown> = Object.assign(Object.create(null) as object, jsonRecord(item));
  for (const change of changes) values[change.field] = JSON.parse(JSON.stringify(change.to)) as unknown;
  const record: RawRecord = { values, line: 1, locate: () => ({ line: 1, column: 1 }) };
  const { item: read, problems } = normaliser.normalise(record, 'changed.json');
  expect(problems, `${item.id}: ${JSON.stringify(changes)}`).toEqual([]);
  return read as WorkItem;
}

async function examples(): Promise<WorkItem[]> {
  return [...(await exampleItems(policy)), ...(await exampleItems(policy, 'examples/backlog.yaml'))];
}

/** Every example item with its assessment and counterfactuals. */
async function assessed(): Promise<Array<{ item: WorkItem; route: string; counterfactuals: Counterfactual[] }>> {
  return (await examples()).map((item) => {
    const a = assess(policy, item, { counterfactuals: true });
    return { item, route: a.route, counterfactuals: a.counterfactuals ?? [] };
  });
}

describe('counterfactuals of the example items', () => {
  it('each one, written into the item and scored again, gives its route, its rule and its scores', async () => {
    let checked = 0;
    for (const { item, counterfactuals } of await assessed()) {
      for (const cf of counterfactuals) {
        const again = assess(policy, changed(item, cf.changes));
        expect([item.id, again.route, again.rule, again.alignment, again.transformation], JSON.stringify(cf.changes)).toEqual([
          item.id,
          cf.route,
          cf.rule,
          cf.alignment,
          cf.transformation,
        ]);
        checked++;
      }
    }
    // Every example item has some; the count guards against a search that quietly finds nothing.
    expect(checked).toBeGreaterThan(36 * 3);
  });

  it('each one is minimal: undo any one of its changes and that route is not reached', async () => {
    for (const { item, counterfactuals } of await assessed()) {
      for (const cf of counterfactuals) {
        cf.changes.forEach((_, k) => {
          const rest = cf.changes.filter((__, j) => j !== k);
          expect([item.id, cf.route, k, assess(policy, changed(item, rest)).route === cf.route]).toEqual([item.id, cf.route, k, false]);
        });
      }
    }
  });

  it('never names the item’s own route, at most three a route with the same fewest changes, fewest changes first', async () => {
    const routeOrder = policy.set.routes.map((r) => r.id);
    for (const { item, route, counterfactuals } of await assessed()) {
      expect(counterfactuals.length, item.id).toBeGreaterThan(0);
      expect(
        counterfactuals.filter((cf) => cf.route === route),
        item.id,
      ).toEqual([]);
      const sizes = counterfactuals.map((cf) => cf.changes.length);
      expect(sizes, item.id).toEqual([...sizes].sort((a, b) => a - b));
      for (const id of routeOrder) {
        const mine = counterfactuals.filter((cf) => cf.route === id);
        expect(mine.length, `${item.id} → ${id}`).toBeLessThanOrEqual(PER_ROUTE);
        expect(new Set(mine.map((cf) => cf.changes.length)).size, `${item.id} → ${id}`).toBeLessThanOrEqual(1);
      }
      // Within a number of changes, routes come in the set's order.
      for (let k = 1; k < counterfactuals.length; k++) {
        const [a, b] = [counterfactuals[k - 1] as Counterfactual, counterfactuals[k] as Counterfactual];
        if (a.changes.length === b.changes.length) expect(routeOrder.indexOf(a.route), item.id).toBeLessThanOrEqual(routeOrder.indexOf(b.route));
      }
      for (const cf of counterfactuals) {
        // Each change changes something, once per field, and says what was there before.
        expect(new Set(cf.changes.map((c) => c.field)).size, item.id).toBe(cf.changes.length);
        for (const change of cf.changes) {
          expect(change.from, `${item.id} ${change.field}`).toEqual(item.values[change.field] ?? null);
          expect(change.to, `${item.id} ${change.field}`).not.toEqual(change.from);
        }
      }
    }
  });

  it('are exactly these for WI-12 and WI-15', async () => {
    const all = await assessed();
    const of = (id: string) =>
      (all.find((a) => a.item.id === id)?.counterfactuals ?? []).map((cf) => [cf.route, cf.rule, cf.changes.map((c) => `${c.field}=${JSON.stringify(c.to)}`)]);
    expect(of('WI-15')).toEqual([
      ['council', 'council-owns', ['lead="council"']],
      ['ccg', 'ccg-owns', ['lead="ccg"']],
      [
        'union',
        'union-leads',
        ['description="Explore options for a joint estates strategy. data, pilot"', 'organisations=["council","ccg","acute-trust"]', 'citizen_impact=4'],
      ],
      ['individual', 'individual-can-do', ['organisations=["acute-trust"]', 'effort_weeks=2', 'recurring=false']],
      ['individual', 'individual-can-do', ['organisations=["council"]', 'effort_weeks=2', 'recurring=false']],
    ]);
    expect(of('WI-12').slice(0, 4)).toEqual([
      [
        'union',
        'union-leads',
        ['description="Replace the council and CCG IT platforms with a single new integrated platform. data, self-care"', 'citizen_impact=4'],
      ],
      [
        'union',
        'union-leads',
        [
          'description="Replace the council and CCG IT platforms with a single new integrated platform. data, self-care"',
          'evidence=["quantitative","qualitative"]',
        ],
      ],
      ['union', 'union-leads', ['citizen_impact=4', 'evidence=["quantitative","qualitative"]']],
      ['individual', 'individual-can-do', ['organisations=["ccg"]', 'effort_weeks=2']],
    ]);
  });

  it('through the built bin: the changed items, written as a JSON file, score to the routes promised', async () => {
    // The first counterfactual of each route of each example item, each as an item of its own.
    const promised: Array<[string, string, string]> = [];
    const file: Array<Record<string, unknown>> = [];
    for (const { item, counterfactuals } of await assessed()) {
      for (const cf of counterfactuals.filter((c, k, list) => list.findIndex((o) => o.route === c.route) === k)) {
        const id = `${item.id}-to-${cf.route}`;
        const values = jsonRecord(item);
        for (const change of cf.changes) values[change.field] = change.to;
        file.push({ ...values, id });
        promised.push([id, cf.route, cf.rule]);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'triage-counterfactuals-'));
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(file, null, 2));
    const { code, stdout, stderr } = await cli(['score', join(dir, 'changed.json'), '-f', 'json', '--no-counterfactuals']);
    expect([code, stderr]).toEqual([0, '']);
    const items = (JSON.parse(stdout) as { items: Array<{ id: string; route: string; rule: string }> }).items;
    expect(items.map((i) => [i.id, i.route, i.rule])).toEqual(promised);
    expect(promised.length).toBeGreaterThan(36 * 3);
  });
});
