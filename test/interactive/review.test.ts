/** The review flow, driven by a scripted prompter: what a person at the keyboard would do. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAssessment } from '../../src/core/assess.js';
import type { Policy } from '../../src/core/compile.js';
import { assessWithDecision } from '../../src/core/decisions.js';
import type { WorkItem } from '../../src/core/types.js';
import { DecisionStore } from '../../src/decisions/store.js';
import { loadDecisions } from '../../src/decisions/load.js';
import { renderFullExplanation } from '../../src/formats/explain.js';
import { renderMinutes, type Minute } from '../../src/formats/minutes.js';
import { BACK, EXPLAIN, SKIP } from '../../src/interactive/questions.js';
import { buildQueue, type QueueOptions } from '../../src/interactive/queue.js';
import { runReview, summaryLine, type DecisionSink } from '../../src/interactive/review.js';
import { item, unionPolicy } from '../helpers/policy.js';
import { CTRL_C, ENTER, MemoryStore, ScriptedPrompter, clock, exampleItems, type Step } from './fake-prompter.js';

const TODAY = '2025-03-04';

interface SessionOptions {
  items?: WorkItem[];
  store?: DecisionSink;
  thenEnter?: boolean;
  policy?: Policy;
  queue?: Partial<QueueOptions>;
}

async function session(script: Step[], options: SessionOptions = {}) {
  const policy = options.policy ?? unionPolicy();
  const items = options.items ?? (await exampleItems(policy));
  const store = options.store ?? new MemoryStore();
  const decided = store instanceof DecisionStore ? (id: string) => store.get(id) : () => undefined;
  const queue = buildQueue(policy, items, decided, { minConfidence: 0.5, today: TODAY, ...options.queue });
  const prompter = new ScriptedPrompter(script, { thenEnter: options.thenEnter ?? false });
  const minutes: Minute[] = [];
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
    minutes: {
      async record(entry) {
        minutes.push(entry);
      },
    },
  });
  return { result, prompter, output, store, queue, minutes, policy, items };
}

/** The example item with this id. */
async function example(id: string): Promise<WorkItem> {
  const found = (await exampleItems(unionPolicy())).find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
}

const ROUTES = ['union', 'council', 'ccg', 'individual', 'review'];
const REQUIRED = 'a rationale is required here: say in a few words why, so that others can follow the decision later';

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

  it('with --unsettled also queues items a missing fact could still re-route, saying which', async () => {
    const policy = unionPolicy();
    // WI-06 with its organisations not known: the council's, unless it turns out to be one organisation's small job.
    const wi06 = await example('WI-06');
    const { organisations: _unknown, ...values } = wi06.values;
    const items = [{ ...wi06, values }, await example('WI-04')];
    expect(buildQueue(policy, items, () => undefined, { minConfidence: 0.5, today: TODAY })).toEqual([]);
    const q = buildQueue(policy, items, () => undefined, { minConfidence: 0.5, today: TODAY, unsettled: true });
    expect(q.map((e) => [e.item.id, e.assessment.route, e.why])).toEqual([['WI-06', 'council', 'not settled: organisations could change the route']]);
  });

  it('saves nothing when Enter alone walks the example queue: every item there is recommended to review', async () => {
    const { result, prompter, store, output, minutes } = await session([], { thenEnter: true });
    expect((store as MemoryStore).saves).toEqual([]);
    expect(result).toEqual({ saved: 0, left: 4, skipped: ['WI-12', 'WI-13', 'WI-14', 'WI-15'], interrupted: false });
    expect(summaryLine(result, 'decisions.yaml')).toBe(
      'Done: 0 decisions saved to decisions.yaml; 4 skipped (WI-12, WI-13, WI-14, WI-15): run the same command again to decide them.\n',
    );
    // Never asked for a rationale: Enter on the route question skips.
    expect(prompter.asked.filter((a) => a.kind === 'input')).toEqual([]);
    const routeQuestions = prompter.asked.filter((a) => a.message === 'Route:');
    expect(routeQuestions.map((a) => [a.default, a.answer])).toEqual(Array(4).fill([SKIP, SKIP]));
    // The criteria questions offer yes / no / don't know with "don't know" as the default.
    const first = prompter.asked[0];
    expect(first?.message).toBe('Is there quantitative evidence of the need (activity data, costs, outcomes)? [quantitative-evidence]');
    expect(first?.choices?.map((c) => c.name)).toEqual(['yes', 'no', "don't know"]);
    expect(first?.default).toBeNull();
    // Every route with its label, the closest rule marked but not the default; then explain, skip, and back from the second item on.
    expect(routeQuestions[0]?.choices?.map((c) => c.name)).toEqual([
      'The Union (closest rule)',
      'Council',
      'CCG',
      'Individual',
      'Needs review (recommended)',
      'show the full explanation',
      'skip for now',
    ]);
    expect(routeQuestions[1]?.choices?.map((c) => c.name)).toEqual([
      'The Union',
      'Council (closest rule)',
      'CCG',
      'Individual',
      'Needs review (recommended)',
      'show the full explanation',
      'skip for now',
      'back to the previous item',
    ]);
    // WI-15: no rule passes a single test, so no route is marked as the closest.
    expect(routeQuestions[3]?.choices?.slice(0, 5).map((c) => c.name)).toEqual(['The Union', 'Council', 'CCG', 'Individual', 'Needs review (recommended)']);
    expect(output).toContain('── 1 of 4 ── WI-12 ');
    expect(output).toContain('── 4 of 4 ── WI-15 ');
    expect(output).not.toContain('saved to');
    expect(minutes.map((m) => [m.kind, m.item.id])).toEqual([
      ['skipped', 'WI-12'],
      ['skipped', 'WI-13'],
      ['skipped', 'WI-14'],
      ['skipped', 'WI-15'],
    ]);
  });

  it('refuses an empty rationale for a route chosen for an item the rules could not place, then takes one with text', async () => {
    // WI-12: "don't know" twice, The Union, an empty rationale, blanks, then a reason; the rest skipped.
    const { store, prompter, result, output } = await session([ENTER, ENTER, 'union', '', '   ', 'The board backs it.'], { thenEnter: true });
    const asked = prompter.asked.filter((a) => a.kind === 'input');
    expect(asked.map((a) => [a.message, a.default, a.rejected, a.answer])).toEqual([
      [
        'Why The Union? (required: the rules could not place this item)',
        undefined,
        [
          ['', REQUIRED],
          ['   ', REQUIRED],
        ],
        'The board backs it.',
      ],
    ]);
    expect((store as MemoryStore).saves).toEqual([
      {
        id: 'WI-12',
        route: 'union',
        recommended: 'review',
        rationale: 'The board backs it.',
        by: 'Asha',
        at: '2025-03-04T09:00:00.000Z',
        fingerprint: expect.stringMatching(/^v1:[0-9a-f]{14}$/),
      },
    ]);
    expect(result).toEqual({ saved: 1, left: 3, skipped: ['WI-13', 'WI-14', 'WI-15'], interrupted: false });
    expect(output).toContain('  ✓ WI-12 → The Union saved to decisions.yaml\n');
  });

  it('asks why for any route chosen for an item routed to review, the recommended review included', async () => {
    const { store, prompter } = await session([ENTER, ENTER, 'review', 'Waiting for the business case.'], { thenEnter: true });
    expect(prompter.asked.find((a) => a.kind === 'input')?.message).toBe('Why Needs review? (required: the rules could not place this item)');
    expect((store as MemoryStore).saves.map((d) => [d.id, d.route, d.recommended, d.rationale])).toEqual([
      ['WI-12', 'review', 'review', 'Waiting for the business case.'],
    ]);
  });

  it('confirms a concrete recommendation with Enter: saved without a rationale, applied as a confirmation', async () => {
    const wi04 = await example('WI-04');
    const { store, prompter, output } = await session([], { items: [wi04], queue: { all: true }, thenEnter: true });
    const route = prompter.asked.find((a) => a.message === 'Route:');
    expect(route?.default).toBe('council');
    expect(route?.choices?.map((c) => c.name).slice(0, 5)).toEqual(['The Union', 'Council (recommended)', 'CCG', 'Individual', 'Needs review']);
    expect(prompter.asked.filter((a) => a.kind === 'input').map((a) => [a.message, a.answer])).toEqual([['Rationale (optional, Enter to leave empty):', '']]);
    const saved = (store as MemoryStore).saves;
    expect(saved).toEqual([
      { id: 'WI-04', route: 'council', recommended: 'council', by: 'Asha', at: '2025-03-04T09:00:00.000Z', fingerprint: expect.stringMatching(/^v1:/) },
    ]);
    expect(output).toContain('  ✓ WI-04 → Council saved to decisions.yaml\n');
    const applied = assessWithDecision(unionPolicy(), wi04, saved[0], TODAY);
    expect(applied).toMatchObject({ route: 'council', overridden: false, rule: 'decision', reason: 'Confirmed by Asha.' });
    expect(applied.decision).toEqual({ route: 'council', rationale: '', by: 'Asha', at: '2025-03-04T09:00:00.000Z', stale: false, kind: 'confirmed' });
  });

  it('requires a rationale to override a concrete recommendation, and applies it as an override', async () => {
    const wi04 = await example('WI-04');
    const { store, prompter } = await session(['ccg', '', 'The CCG pays for the licences.'], { items: [wi04], queue: { all: true } });
    const asked = prompter.asked.find((a) => a.kind === 'input');
    expect(asked?.message).toBe('Why CCG rather than Council? (required)');
    expect(asked?.rejected).toEqual([['', REQUIRED]]);
    const saved = (store as MemoryStore).saves;
    expect(saved.map((d) => [d.id, d.route, d.recommended, d.rationale])).toEqual([['WI-04', 'ccg', 'council', 'The CCG pays for the licences.']]);
    const applied = assessWithDecision(unionPolicy(), wi04, saved[0], TODAY);
    expect(applied).toMatchObject({
      route: 'ccg',
      overridden: true,
      reason: 'Decided by Asha: The CCG pays for the licences.',
      recommended: { route: 'council', rule: 'council-owns' },
    });
    expect(applied.decision?.kind).toBe('overridden');
  });

  it('re-assesses with the answers, shows what changed, and a concrete route it then recommends is confirmed with Enter', async () => {
    const policy = unionPolicy();
    // Transformational (spans both organisations, a redesign, Union-sponsored) but nothing known of evidence or impact.
    const items = [item({ organisations: ['council', 'ccg'], description: 'An integrated redesign of the falls service.', lead: 'union' }, 'FALLS')];
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
    // A concrete recommendation now: no hint worked out, and Enter confirms it.
    expect(output).not.toContain('Suggested now');
    const route = prompter.asked.find((a) => a.message === 'Route:');
    expect(route?.default).toBe('union');
    expect(prompter.asked.at(-1)).toMatchObject({ kind: 'input', message: 'Rationale (optional, Enter to leave empty):', answer: '' });
    expect((store as MemoryStore).saves).toEqual([
      expect.objectContaining({
        id: 'FALLS',
        route: 'union',
        recommended: 'union',
        answers: { 'quantitative-evidence': true, 'qualitative-evidence': true, 'high-citizen-impact': true, 'some-citizen-impact': true },
      }),
    ]);
  });

  it('works the hint out again from the answers: WI-15 has none, until its alignment passes union-leads', async () => {
    const wi15 = await example('WI-15');
    const { output, prompter } = await session([true, true, true, true, true, true], { items: [wi15], thenEnter: true });
    expect(output).toContain('  Suggested       none: no rule for a concrete route passes a single test\n');
    expect(output).toContain(
      [
        '  Your answers changed:',
        '  Alignment       9 → 59',
        '  Confidence      0.39 → 0.64',
        '  Suggested now   The Union: rule union-leads, 1 of 2 tests pass',
        '',
      ].join('\n'),
    );
    const route = prompter.asked.find((a) => a.message === 'Route:');
    expect(route?.default).toBe(SKIP);
    expect(route?.choices?.[0]?.name).toBe('The Union (closest rule)');
  });

  it('shows the full explanation on request, then asks for the route again', async () => {
    const { output, prompter, result } = await session([ENTER, ENTER, EXPLAIN, SKIP], { thenEnter: true });
    const policy = unionPolicy();
    const wi12 = await example('WI-12');
    const { assessment, trace } = explainAssessment(policy, wi12, {
      answers: { 'quantitative-evidence': null, 'qualitative-evidence': null },
      counterfactuals: true,
    });
    const full = renderFullExplanation({ policy, item: wi12, assessment, trace }, false);
    expect(output).toContain(full);
    expect(output.split(full)).toHaveLength(2);
    // The trace comes after WI-12's card and before WI-13's.
    expect(output.indexOf(full)).toBeGreaterThan(output.indexOf('── 1 of 4 ── WI-12'));
    expect(output.indexOf(full)).toBeLessThan(output.indexOf('── 2 of 4 ── WI-13'));
    const wi12Routes = prompter.asked.filter((a) => a.message === 'Route:').slice(0, 2);
    expect(wi12Routes.map((a) => a.answer)).toEqual([EXPLAIN, SKIP]);
    expect(result.skipped).toEqual(['WI-12', 'WI-13', 'WI-14', 'WI-15']);
  });

  it('skips an item without saving it, and says what is left', async () => {
    // WI-12 skipped; WI-13 decided; Enter skips the rest.
    const { result, store } = await session([ENTER, ENTER, SKIP, 'council', 'The council holds the contracts.'], { thenEnter: true });
    expect((store as MemoryStore).saves.map((d) => d.id)).toEqual(['WI-13']);
    expect(result).toEqual({ saved: 1, left: 3, skipped: ['WI-12', 'WI-14', 'WI-15'], interrupted: false });
    expect(summaryLine(result, 'decisions.yaml')).toBe(
      'Done: 1 decision saved to decisions.yaml; 3 skipped (WI-12, WI-14, WI-15): run the same command again to decide them.\n',
    );
  });

  it('shows skipped ids escaped in the closing line', () => {
    const result = { saved: 0, left: 1, skipped: ['R\u001b]0;pwned\u0007-1'], interrupted: false };
    expect(summaryLine(result, 'decisions.yaml')).toBe(
      'Done: 0 decisions saved to decisions.yaml; 1 skipped (R\\u001b]0;pwned\\u0007-1): run the same command again to decide it.\n',
    );
  });

  it('goes back to the previous item, offers the earlier answers and choice, and replaces its decision', async () => {
    const script: Step[] = [
      true,
      ENTER,
      'union',
      'First thoughts.', // WI-12: quantitative evidence yes, The Union
      BACK, // WI-13: back to WI-12
      ENTER,
      ENTER,
      'council',
      'Council IT will run it.', // WI-12 again
      'council',
      'The council holds the contracts.', // WI-13
    ];
    const { result, store, prompter, output } = await session(script, { thenEnter: true });
    const saves = (store as MemoryStore).saves;
    expect(saves.map((d) => [d.id, d.route])).toEqual([
      ['WI-12', 'union'],
      ['WI-12', 'council'],
      ['WI-13', 'council'],
    ]);
    expect((store as MemoryStore).byId.get('WI-12')).toMatchObject({
      route: 'council',
      rationale: 'Council IT will run it.',
      answers: { 'quantitative-evidence': true },
    });
    expect(result).toEqual({ saved: 2, left: 2, skipped: ['WI-14', 'WI-15'], interrupted: false });
    // Shown again, WI-12's first question defaults to the earlier answer, and the earlier route is marked and is Enter's choice.
    const questions = prompter.asked.filter((a) => a.message.endsWith('[quantitative-evidence]'));
    expect(questions.slice(0, 2).map((q) => q.default)).toEqual([null, true]);
    const routes = prompter.asked.filter((a) => a.message === 'Route:');
    expect(routes[2]?.choices?.[0]?.name).toBe('The Union (closest rule, your earlier choice)');
    expect(routes[2]?.default).toBe('union');
    expect(output.match(/── 1 of 4 ── WI-12/g)).toHaveLength(2);
  });

  it('offers the earlier rationale again when the same route is chosen after going back', async () => {
    const script: Step[] = [ENTER, ENTER, 'union', 'First thoughts.', BACK, ENTER, ENTER, ENTER, ENTER];
    const { store, prompter } = await session(script, { thenEnter: true });
    const rationales = prompter.asked.filter((a) => a.kind === 'input');
    expect(rationales.map((a) => [a.default, a.answer])).toEqual([
      [undefined, 'First thoughts.'],
      ['First thoughts.', 'First thoughts.'],
    ]);
    expect((store as MemoryStore).saves.map((d) => [d.id, d.route, d.rationale])).toEqual([
      ['WI-12', 'union', 'First thoughts.'],
      ['WI-12', 'union', 'First thoughts.'],
    ]);
  });

  it('stops cleanly on Ctrl-C, and a new session resumes with what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-review-'));
    const file = join(dir, 'decisions.yaml');
    const policy = unionPolicy();

    const first = await DecisionStore.open(file, { policy });
    const interrupted = await session([ENTER, ENTER, 'union', 'The board backs it.', CTRL_C], { store: first });
    await first.close();
    expect(interrupted.result).toEqual({ saved: 1, left: 3, skipped: [], interrupted: true });
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect((await loadDecisions(file, policy)).decisions.map((d) => [d.id, d.route])).toEqual([['WI-12', 'union']]);

    // Enter alone through what is left changes nothing on file.
    const idle = await DecisionStore.open(file, { policy });
    const skipped = await session([], { store: idle, thenEnter: true });
    await idle.close();
    expect(skipped.queue.map((e) => e.item.id)).toEqual(['WI-13', 'WI-14', 'WI-15']);
    expect(skipped.result).toEqual({ saved: 0, left: 3, skipped: ['WI-13', 'WI-14', 'WI-15'], interrupted: false });
    expect((await loadDecisions(file, policy)).decisions.map((d) => d.id)).toEqual(['WI-12']);

    const second = await DecisionStore.open(file, { policy });
    const script: Step[] = ['council', 'Council contracts.', 'ccg', 'CCG service.', ...Array<Step>(6).fill(ENTER), 'council', 'Council estates.'];
    const resumed = await session(script, { store: second });
    await second.close();
    expect(resumed.result).toEqual({ saved: 3, left: 0, skipped: [], interrupted: false });
    const loaded = await loadDecisions(file, policy);
    expect(loaded.decisions.map((d) => [d.id, d.route, d.by, d.rationale])).toEqual([
      ['WI-12', 'union', 'Asha', 'The board backs it.'],
      ['WI-13', 'council', 'Asha', 'Council contracts.'],
      ['WI-14', 'ccg', 'Asha', 'CCG service.'],
      ['WI-15', 'council', 'Asha', 'Council estates.'],
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
    const { result } = await session([ENTER, ENTER, 'union', 'The board backs it.', 'council', 'Council contracts.'], { store: failing });
    expect(result).toMatchObject({ saved: 1, left: 3, interrupted: false });
    expect(String(result.failure)).toBe('Error: disk full');
  });

  it('keeps minutes of what was decided, confirmed, overridden and skipped', async () => {
    const items = [await example('WI-04'), await example('WI-12'), await example('WI-13')];
    const script: Step[] = [
      ENTER,
      ENTER, // WI-04: confirmed, no rationale
      true,
      ENTER,
      'union',
      'The board backs it.', // WI-12: quantitative evidence yes, The Union
      SKIP, // WI-13
    ];
    const { minutes, policy, result } = await session(script, { items, queue: { all: true } });
    expect(result).toEqual({ saved: 2, left: 1, skipped: ['WI-13'], interrupted: false });
    const header = {
      policy,
      principlesFile: 'principles/union.yaml',
      principlesHash: 'sha256:0123456789abcdef0123',
      decisionsFile: 'decisions.yaml',
      by: 'Asha',
      started: new Date('2025-03-04T08:59:00.000Z'),
    };
    expect(renderMinutes(header, minutes)).toBe(
      [
        '# Triage review: The Union',
        '',
        'Started 2025-03-04T08:59:00.000Z by Asha. Principle set principles/union.yaml (sha256:0123456789ab); decisions saved to decisions.yaml.',
        '',
        '2 decided (1 overridden, 1 confirmed), 1 skipped.',
        '',
        '## Decided',
        '',
        '### WI-04: Case management system licence renewal',
        '',
        '- Recommended: Council: business as usual (0: recurring −40, keeps things running −25); lead is council (rule council-owns)',
        '- Decision: **Council** (confirmed) by Asha at 2025-03-04T09:00:00.000Z',
        '- Rationale: (none given)',
        '',
        '### WI-12: Single integrated IT platform',
        '',
        '- Recommended: Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 28 is below 50 (rule challenge-weak-alignment)',
        '- Decision: **The Union** (overridden) by Asha at 2025-03-04T09:02:00.000Z',
        '- Rationale: The board backs it.',
        '- Answers: quantitative-evidence yes',
        '',
        '## Skipped',
        '',
        "- WI-13: Joint commissioning of carers' support. Recommended: Needs review: borderline (45: spans organisations +30, high impact +15)",
        '',
      ].join('\n'),
    );
  });

  it('keeps a decision in the minutes when the person goes back to it and then skips it: the decision stands', async () => {
    // WI-12 decided, back from WI-13, WI-12 skipped the second time; the decision is still on file.
    const script: Step[] = [ENTER, ENTER, 'union', 'The board backs it.', BACK, ENTER, ENTER, SKIP];
    const { minutes, policy, result, store } = await session(script, { thenEnter: true });
    expect((store as MemoryStore).byId.get('WI-12')?.route).toBe('union');
    expect(result).toEqual({ saved: 1, left: 3, skipped: ['WI-13', 'WI-14', 'WI-15'], interrupted: false });
    const header = { policy, principlesFile: 'p.yaml', principlesHash: 'sha256:0', decisionsFile: 'd.yaml', by: 'Asha', started: new Date(0) };
    const text = renderMinutes(header, minutes);
    expect(text).toContain('1 decided (1 overridden, 0 confirmed), 3 skipped.\n');
    expect(text).toContain('### WI-12: Single integrated IT platform\n');
    expect(text).not.toContain('- WI-12:');
  });

  it('never offers a route that is not in the principle set', async () => {
    const { prompter } = await session([], { thenEnter: true });
    for (const question of prompter.asked.filter((a) => a.message === 'Route:')) {
      expect(question.choices?.map((c) => c.value).filter((v) => !String(v).startsWith(':'))).toEqual(ROUTES);
    }
  });
});
