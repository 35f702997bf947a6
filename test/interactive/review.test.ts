/** The review flow, driven by a scripted prompter: what a person at the keyboard would do. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/core/compile.js';
import type { WorkItem } from '../../src/core/types.js';
import { DecisionStore } from '../../src/decisions/store.js';
import { loadDecisions } from '../../src/decisions/load.js';
import { BACK, SKIP } from '../../src/interactive/questions.js';
import { buildQueue } from '../../src/interactive/queue.js';
import { runReview, summaryLine, type DecisionSink } from '../../src/interactive/review.js';
import { item, unionPolicy } from '../helpers/policy.js';
import { CTRL_C, ENTER, MemoryStore, ScriptedPrompter, clock, exampleItems, type Step } from './fake-prompter.js';

const TODAY = '2025-03-04';

async function session(script: Step[], options: { items?: WorkItem[]; store?: DecisionSink; thenEnter?: boolean; policy?: Policy } = {}) {
  const policy = options.policy ?? unionPolicy();
  const items = options.items ?? (await exampleItems(policy));
  const store = options.store ?? new MemoryStore();
  const decided = store instanceof DecisionStore ? (id: string) => store.get(id) : () => undefined;
  const queue = buildQueue(policy, items, decided, { minConfidence: 0.5, today: TODAY });
  const prompter = new ScriptedPrompter(script, { thenEnter: options.thenEnter ?? false });
  let output = '';
  const result = await runReview({
    policy,
    queue,
    store,
    prompter,
    now: clock(),
    by: 'Asha',
    write: (text) => {
      output += text;
    },
    card: { color: false, width: 80 },
  });
  return { result, prompter, output, store, queue };
}

/** Enter for WI-12's two unknown criteria, its route and its rationale. */
const ENTER_WI12 = [ENTER, ENTER, ENTER, ENTER];

describe('triage review flow', () => {
  it('queues what needs a person: WI-12 to WI-15 in the example backlog', async () => {
    const policy = unionPolicy();
    const q = buildQueue(policy, await exampleItems(policy), () => undefined, { minConfidence: 0.5, today: TODAY });
    expect(q.map((e) => [e.item.id, e.why])).toEqual([
      ['WI-12', 'routed to Needs review'],
      ['WI-13', 'routed to Needs review'],
      ['WI-14', 'routed to Needs review'],
      ['WI-15', 'routed to Needs review'],
    ]);
  });

  it('accepts every default with Enter: the suggested concrete route, no rationale, answers "don\'t know"', async () => {
    const { result, prompter, store, output } = await session([], { thenEnter: true });
    const saves = (store as MemoryStore).saves;
    expect(saves.map((d) => [d.id, d.route, d.recommended, d.rationale])).toEqual([
      ['WI-12', 'union', 'review', undefined],
      ['WI-13', 'council', 'review', undefined],
      ['WI-14', 'ccg', 'review', undefined],
      ['WI-15', 'individual', 'review', undefined],
    ]);
    expect(saves[0]).toEqual({
      id: 'WI-12',
      route: 'union',
      recommended: 'review',
      by: 'Asha',
      at: '2025-03-04T09:00:00.000Z',
      fingerprint: expect.stringMatching(/^v1:[0-9a-f]{14}$/),
    });
    expect(result).toEqual({ saved: 4, left: 0, skipped: [], interrupted: false });
    // The criteria questions offer yes / no / don't know with "don't know" as the default.
    const first = prompter.asked[0];
    expect(first?.message).toBe('Is there quantitative evidence of the need (activity data, costs, outcomes)? [quantitative-evidence]');
    expect(first?.choices?.map((c) => c.name)).toEqual(['yes', 'no', "don't know"]);
    expect(first?.default).toBeNull();
    // The route question lists every route with its label, skip, and back from the second item on.
    const routeQuestions = prompter.asked.filter((a) => a.message === 'Route:');
    expect(routeQuestions[0]?.choices?.map((c) => c.name)).toEqual([
      'The Union (suggested)',
      'Council',
      'CCG',
      'Individual',
      'Needs review (recommended)',
      'skip for now',
    ]);
    expect(routeQuestions[1]?.choices?.at(-1)).toEqual({ value: BACK, name: 'back to the previous item' });
    // Accepting the default needs no rationale.
    expect(prompter.asked.filter((a) => a.kind === 'input').map((a) => a.message)).toEqual(Array(4).fill('Rationale (optional, Enter to leave empty):'));
    expect(output).toContain('── 1 of 4 ── WI-12 ');
    expect(output).toContain('── 4 of 4 ── WI-15 ');
    expect(output).toContain('✓ WI-12 → The Union saved to decisions.yaml');
    expect(summaryLine(result, 'decisions.yaml')).toBe('Done: 4 decisions saved to decisions.yaml.\n');
  });

  it('requires a rationale when the person overrides the default, and records it', async () => {
    // WI-12: Enter through; WI-13 (no unknown criteria): The Union instead of the council.
    const { store, prompter } = await session([...ENTER_WI12, 'union', '', '   ', 'The board wants carers joint.'], { thenEnter: true });
    const wi13 = (store as MemoryStore).byId.get('WI-13');
    expect(wi13).toMatchObject({ id: 'WI-13', route: 'union', recommended: 'review', rationale: 'The board wants carers joint.' });
    const asked = prompter.asked.find((a) => a.message === 'Why The Union rather than Council? (required)');
    expect(asked?.rejected).toEqual([
      ['', 'say in a few words why, so that others can follow the decision later'],
      ['   ', 'say in a few words why, so that others can follow the decision later'],
    ]);
  });

  it('re-assesses with the answers, shows what changed, and the new route becomes the default', async () => {
    const policy = unionPolicy();
    // Transformational (spans both organisations, a redesign, Union-sponsored) but nothing known of evidence or impact.
    const items = [
      item({ organisations: ['council', 'ccg'], description: 'An integrated redesign of the falls service.', lead: 'union' }, 'FALLS'),
    ];
    const before = buildQueue(policy, items, () => undefined, { minConfidence: 0.5, today: TODAY })[0];
    expect(before?.assessment).toMatchObject({ route: 'review', rule: 'challenge-weak-alignment' });
    const { store, prompter, output } = await session([true, true, true, true, ENTER, ENTER], { items, policy });
    expect(prompter.asked.slice(0, 4).map((a) => a.message.replace(/ \[.*$/, '').slice(0, 40))).toEqual([
      'Is there quantitative evidence of the ne',
      'Is there qualitative evidence of the nee',
      'Will it make a big difference to citizen',
      'Will it make at least a moderate differe',
    ]);
    expect(output).toContain('Your answers changed:');
    expect(output).toMatch(/Alignment {7}18 → 5\d/);
    expect(output).toContain('Recommended     Needs review → The Union (rule union-leads)');
    const route = prompter.asked.find((a) => a.message === 'Route:');
    expect(route?.default).toBe('union');
    expect((store as MemoryStore).saves).toEqual([
      expect.objectContaining({
        id: 'FALLS',
        route: 'union',
        recommended: 'union',
        answers: { 'quantitative-evidence': true, 'qualitative-evidence': true, 'high-citizen-impact': true, 'some-citizen-impact': true },
      }),
    ]);
  });

  it('skips an item without saving it, and says what is left', async () => {
    const { result, store } = await session([ENTER, ENTER, SKIP], { thenEnter: true });
    expect((store as MemoryStore).saves.map((d) => d.id)).toEqual(['WI-13', 'WI-14', 'WI-15']);
    expect(result).toEqual({ saved: 3, left: 1, skipped: ['WI-12'], interrupted: false });
    expect(summaryLine(result, 'decisions.yaml')).toBe('Done: 3 decisions saved to decisions.yaml; 1 skipped (WI-12): run the same command again to decide it.\n');
  });

  it('shows skipped ids escaped in the closing line', () => {
    const result = { saved: 0, left: 1, skipped: ['R\u001b]0;pwned\u0007-1'], interrupted: false };
    expect(summaryLine(result, 'decisions.yaml')).toBe('Done: 0 decisions saved to decisions.yaml; 1 skipped (R\\u001b]0;pwned\\u0007-1): run the same command again to decide it.\n');
  });

  it('goes back to the previous item, offers the earlier answers, and replaces its decision', async () => {
    const script: Step[] = [
      true, ENTER, ENTER, ENTER, // WI-12: quantitative evidence yes, then the defaults
      BACK, // WI-13: back to WI-12
      ENTER, ENTER, 'council', 'Council IT will run it.', // WI-12 again
    ];
    const { result, store, prompter, output } = await session(script, { thenEnter: true });
    const saves = (store as MemoryStore).saves;
    expect(saves.map((d) => [d.id, d.route])).toEqual([
      ['WI-12', 'union'],
      ['WI-12', 'council'],
      ['WI-13', 'council'],
      ['WI-14', 'ccg'],
      ['WI-15', 'individual'],
    ]);
    expect((store as MemoryStore).byId.get('WI-12')).toMatchObject({ route: 'council', rationale: 'Council IT will run it.', answers: { 'quantitative-evidence': true } });
    expect(result).toEqual({ saved: 4, left: 0, skipped: [], interrupted: false });
    // Shown again, WI-12's first question defaults to the earlier answer, and the earlier route is marked.
    const questions = prompter.asked.filter((a) => a.message.endsWith('[quantitative-evidence]'));
    expect(questions.slice(0, 2).map((q) => q.default)).toEqual([null, true]);
    const routes = prompter.asked.filter((a) => a.message === 'Route:');
    expect(routes[2]?.choices?.[0]?.name).toBe('The Union (suggested, your earlier choice)');
    expect(output.match(/── 1 of 4 ── WI-12/g)).toHaveLength(2);
  });

  it('stops cleanly on Ctrl-C, and a new session resumes with what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-review-'));
    const file = join(dir, 'decisions.yaml');
    const policy = unionPolicy();

    const first = await DecisionStore.open(file, { policy });
    const interrupted = await session([...ENTER_WI12, CTRL_C], { store: first });
    await first.close();
    expect(interrupted.result).toEqual({ saved: 1, left: 3, skipped: [], interrupted: true });
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect((await loadDecisions(file, policy)).decisions.map((d) => [d.id, d.route])).toEqual([['WI-12', 'union']]);

    const second = await DecisionStore.open(file, { policy });
    const resumed = await session([], { store: second, thenEnter: true });
    await second.close();
    expect(resumed.queue.map((e) => e.item.id)).toEqual(['WI-13', 'WI-14', 'WI-15']);
    expect(resumed.result).toEqual({ saved: 3, left: 0, skipped: [], interrupted: false });
    const loaded = await loadDecisions(file, policy);
    expect(loaded.decisions.map((d) => [d.id, d.route, d.by])).toEqual([
      ['WI-12', 'union', 'Asha'],
      ['WI-13', 'council', 'Asha'],
      ['WI-14', 'ccg', 'Asha'],
      ['WI-15', 'individual', 'Asha'],
    ]);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Decisions made with `triage review`/);

    // Everything decided: a third session has nothing to do.
    const third = await DecisionStore.open(file, { policy });
    expect(buildQueue(policy, await exampleItems(policy), (id) => third.get(id), { minConfidence: 0.5, today: TODAY })).toEqual([]);
    await third.close();
  });

  it('ends with the failure, keeping what was saved, when the store cannot save', async () => {
    let calls = 0;
    const failing: DecisionSink = {
      file: 'decisions.yaml',
      async save() {
        calls++;
        if (calls === 2) throw new Error('disk full');
      },
    };
    const { result } = await session([], { store: failing, thenEnter: true });
    expect(result).toMatchObject({ saved: 1, left: 3, interrupted: false });
    expect(String(result.failure)).toBe('Error: disk full');
  });
});
