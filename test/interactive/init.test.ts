import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import { askInitPlan, parseKeywords, parseWeight } from '../../src/interactive/init.js';
import { defaultPlan, replaceWords, scaffoldBacklog, scaffoldPrinciples, slug } from '../../src/interactive/scaffold.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { item } from '../helpers/policy.js';
import { repoPath } from '../helpers/run.js';
import { ENTER, ScriptedPrompter } from './fake-prompter.js';

const BASE_TEXT = readFileSync(repoPath('principles/union.yaml'), 'utf8');
const BASE = checkPrinciples(BASE_TEXT, 'union.yaml').set!;

function checked(text: string) {
  const check = checkPrinciples(text, 'principles.yaml');
  expect(check.findings).toEqual([]);
  return check.set!;
}

describe('triage init questions', () => {
  it('Enter everywhere gives The Union defaults', async () => {
    const prompter = new ScriptedPrompter([], { thenEnter: true });
    const plan = await askInitPlan(prompter, BASE);
    expect(plan).toEqual(defaultPlan(BASE));
    // Name, five route labels, keep and weight for five principles, "add one?".
    expect(prompter.asked.map((a) => a.kind)).toEqual(['input', ...Array(5).fill('input'), ...Array(5).fill(['confirm', 'input']).flat(), 'confirm']);
    expect(prompter.asked[1]?.message).toBe(
      'Label for the route "union" (Transformational, strategically significant work, usually spanning both organisations):',
    );
  });

  it('asks for a name, labels, principles to keep with weights, and new principles', async () => {
    const script = [
      'Northshire Health and Care',
      'Northshire Partnership',
      'Northshire Council',
      ENTER,
      'A trusted person',
      ENTER,
      true,
      '',
      '0',
      '4', // insight-led: weight 4 (an empty and a zero weight are turned down)
      false, // self-empowerment: dropped
      true,
      ENTER, // continuous-feedback: kept at 2
      true,
      ENTER,
      true,
      '1.5',
      true, // add a principle
      'Prevention and early help',
      '3',
      'prevention, early help, , falls',
      false, // no more
    ];
    const prompter = new ScriptedPrompter(script);
    const plan = await askInitPlan(prompter, BASE);
    expect(prompter.remaining).toBe(0);
    expect(plan).toEqual({
      organisation: 'Northshire Health and Care',
      routeLabels: { union: 'Northshire Partnership', council: 'Northshire Council', ccg: 'CCG', individual: 'A trusted person', review: 'Needs review' },
      principles: [
        { id: 'insight-led', weight: 4 },
        { id: 'continuous-feedback', weight: 2 },
        { id: 'seamless-care', weight: 3 },
        { id: 'citizen-outcomes', weight: 1.5 },
      ],
      added: [{ title: 'Prevention and early help', weight: 3, keywords: ['prevention', 'early help', 'falls'] }],
    });
    expect(prompter.asked.find((a) => a.message.startsWith('Weight of "Data'))?.rejected?.map(([v]) => v)).toEqual(['', '0']);

    const text = scaffoldPrinciples(BASE_TEXT, BASE, plan, { schema: '../node_modules/union-triage/principles/schema.json' });
    const set = checked(text);
    expect(set.organisation).toBe('Northshire Health and Care');
    expect(set.routes.map((r) => [r.id, r.label])).toEqual([
      ['union', 'Northshire Partnership'],
      ['council', 'Northshire Council'],
      ['ccg', 'CCG'],
      ['individual', 'A trusted person'],
      ['review', 'Needs review'],
    ]);
    expect(set.principles.map((p) => [p.id, p.weight])).toEqual([
      ['insight-led', 4],
      ['continuous-feedback', 2],
      ['seamless-care', 3],
      ['citizen-outcomes', 1.5],
      ['prevention-and-early-help', 3],
    ]);
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/node_modules\/union-triage\/principles\/schema\.json\n#\n# Northshire Health and Care's principle set/,
    );
    // Only what the plan changed differs from The Union's file: comments and layout stay.
    expect(text).toContain('  - id: citizen-outcomes\n    title: Better outcomes for citizens\n');
    expect(text).not.toContain('id: self-empowerment');
    expect(text).toContain('  lead: { type: enum, values: [union, council, ccg], description: Who sponsors the work today. }\n');
    expect(text).toContain("  # Added by triage init: met when an item's description mentions one of the keywords.\n  - id: prevention-and-early-help\n");
    // The new principle's criterion is met by a description that mentions a keyword.
    const policy = compilePolicy(set);
    const result = assess(policy, item({ description: 'A falls service for older people.' }));
    expect(result.principles.find((p) => p.id === 'prevention-and-early-help')?.criteria).toEqual([
      { id: 'prevention-and-early-help-mentioned', met: true, points: 1 },
    ]);
  });

  it('insists on one principle when every one is dropped', async () => {
    const script = [ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, false, false, false, false, false, 'Our own way', ENTER, 'ours', false];
    const prompter = new ScriptedPrompter(script);
    const plan = await askInitPlan(prompter, BASE);
    expect(plan.principles).toEqual([]);
    expect(plan.added).toEqual([{ title: 'Our own way', weight: 2, keywords: ['ours'] }]);
    expect(prompter.asked.filter((a) => a.message === 'Add a principle of your own?')).toEqual([]);
    checked(scaffoldPrinciples(BASE_TEXT, BASE, plan));
  });

  it('validates weights and keywords', () => {
    expect(parseWeight('2.5')).toBe(2.5);
    expect(parseWeight('-1')).toBe('give a number more than 0 (and at most 1000), e.g. 2');
    expect(parseWeight('lots')).toBe('give a number more than 0 (and at most 1000), e.g. 2');
    expect(parseKeywords(' a , b,a ')).toEqual(['a', 'b']);
    expect(parseKeywords(' , ')).toBe('give at least one word or phrase, e.g. prevention, early help');
  });

  it('makes ids from titles', () => {
    expect(slug('Prevention & Early Help')).toBe('prevention-early-help');
    expect(slug('Über care')).toBe('uber-care');
    expect(slug('24/7 access')).toBe('principle-24-7-access');
    expect(slug('!!!')).toBe('principle');
  });
});

describe('scaffolded reasons and descriptions', () => {
  const plan = {
    ...defaultPlan(BASE),
    organisation: 'Northshire Health and Care',
    routeLabels: {
      union: 'Northshire Partnership',
      council: 'Northshire Council',
      ccg: 'NHS Northshire',
      individual: 'A trusted person',
      review: 'Needs review',
    },
  };

  it("say the organisation's name and its route labels instead of The Union's", () => {
    const text = scaffoldPrinciples(BASE_TEXT, BASE, plan);
    const set = checked(text);
    expect(set.routing.rules.map((r) => [r.id, r.reason])).toEqual([
      ['union-leads', 'Transformational and well aligned with the principles: strategically significant work that Northshire Health and Care should lead.'],
      [
        'challenge-weak-alignment',
        'Transformational but weakly aligned with the principles (alignment below 50): challenge it before committing Northshire Health and Care resource.',
      ],
      ['individual-can-do', 'Small (two weeks or less), within one organisation and not recurring: a trusted individual can just do it.'],
      [
        'borderline-needs-decision',
        'Borderline between transformational and business as usual: a person should decide whether Northshire Health and Care takes it on.',
      ],
      // "the council" is the body, not the route's label "Council": only the CCG's label is written as a name.
      ['council-owns', 'Business as usual led by the council, so the council owns it.'],
      ['ccg-owns', 'Business as usual led by the NHS Northshire, so the NHS Northshire owns it.'],
    ]);
    expect(set.routes.find((r) => r.id === 'ccg')?.description).toBe('Business as usual owned by the NHS Northshire.');
    expect(set.transformation.signals.find((s) => s.id === 'union-sponsored')?.description).toBe('Already sponsored by Northshire Health and Care.');
    expect(set.principles.find((p) => p.id === 'seamless-care')?.description).toBe(
      'Work joins up the council, the NHS Northshire and partners so people do not see the seams.',
    );
    // Questions are asked as written; ids never change.
    expect(set.principles.find((p) => p.id === 'seamless-care')?.criteria[0]?.ask).toBe('Does it involve both the council and the CCG?');
    expect(text).not.toMatch(/The Union (?:should|takes)/);
  });

  it('leave the bare name alone when the new name holds it, rather than repeat it', () => {
    const set = checked(scaffoldPrinciples(BASE_TEXT, BASE, { ...defaultPlan(BASE), organisation: 'The Union of Wessex' }));
    expect(set.routing.rules.map((r) => r.reason).filter((r) => r.includes('Union'))).toEqual([
      'Transformational and well aligned with the principles: strategically significant work that The Union of Wessex should lead.',
      'Transformational but weakly aligned with the principles (alignment below 50): challenge it before committing Union resource.',
      'Borderline between transformational and business as usual: a person should decide whether The Union of Wessex takes it on.',
    ]);
  });

  it('replace whole words only, as written', () => {
    expect(replaceWords('The Union and the Unionists of The Union.', 'The Union', 'Wessex')).toBe('Wessex and the Unionists of Wessex.');
    expect(replaceWords('Union, union-sponsored, Union', 'Union', 'X')).toBe('X, union-sponsored, X');
    expect(replaceWords('CCG-led by the CCG', 'CCG', 'NHS')).toBe('NHS-led by the NHS');
    expect(replaceWords('no match', '', 'x')).toBe('no match');
  });
});

describe('scaffolded files', () => {
  it('the defaults are The Union set, loadable, with a header for the new file', () => {
    const text = scaffoldPrinciples(BASE_TEXT, BASE, defaultPlan(BASE));
    expect(checked(text)).toEqual(BASE);
    expect(text.split('\n').slice(0, 4)).toEqual([
      "# The Union's principle set: what it values, how it tells transformational work from",
      '# business as usual, and who should take each piece of work. Made by `triage init` from The',
      "# Union's principles: change anything, then check it with `triage validate principles.yaml`.",
      'version: 1',
    ]);
    // Apart from its header, the file is The Union's, byte for byte.
    expect(text.slice(text.indexOf('version: 1'))).toBe(BASE_TEXT.slice(BASE_TEXT.indexOf('version: 1')));
  });

  it('the backlog template has one item for each route', () => {
    const policy = compilePolicy(BASE);
    const lines = scaffoldBacklog().trimEnd().split('\n');
    expect(lines[0]).toBe('id,title,description,lead,organisations,effort_weeks,cost_gbp,recurring,citizen_impact,evidence,tags,owner');
    expect(lines).toHaveLength(6);
    expect(policy.routes.size).toBe(5);
  });
});
