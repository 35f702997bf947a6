import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { suggestRoute } from '../../src/core/suggest.js';
import { renderCard, renderChanges } from '../../src/interactive/card.js';
import { buildQueue } from '../../src/interactive/queue.js';
import { unionPolicy } from '../helpers/policy.js';
import { exampleItems } from './fake-prompter.js';

/** The card for the queue's entry at `index`, as review shows it: assessed with counterfactuals, with the hint. */
async function cardAt(index: number, options: { color: boolean; width: number }) {
  const policy = unionPolicy();
  const items = await exampleItems(policy);
  const queue = buildQueue(policy, items, () => undefined, { minConfidence: 0.5, today: '2025-03-04' });
  const entry = queue[index]!;
  const assessment = assess(policy, entry.item, { counterfactuals: true });
  return renderCard({ policy, entry, index, total: queue.length, assessment, suggestion: suggestRoute(policy, entry.item) }, options);
}

const wi12Card = (options: { color: boolean; width: number }) => cardAt(0, options);

describe('the review card', () => {
  it('leads with the reason, then the facts, the scores, the hint and what would change the route, within 80 columns', async () => {
    const card = await wi12Card({ color: false, width: 80 });
    expect(card).toBe(
      [
        '── 1 of 4 ── WI-12 ─────────────────────────────────────────────────────────────',
        'Single integrated IT platform',
        '  Replace the council and CCG IT platforms with a single new integrated',
        '  platform.',
        '',
        'Needs review: transformational (85: spans organisations +30, new way of',
        '  working +25) but alignment 18 is below 50',
        '  rule challenge-weak-alignment · confidence 0.91 · settled',
        '',
        '  Lead            union',
        '  Organisations   council, ccg',
        '  Facts           effort weeks 52 · cost gbp 2,000,000 · recurring no · citizen',
        '                  impact 2 · evidence ? · tags it, platform · owner ?',
        '  Alignment        18 ██░░░░░░░░ could be 18-42',
        '  Transformation   85 █████████░  transformational',
        '  Suggested       The Union: rule union-leads, 1 of 2 tests pass',
        '  Would change    The Union if description mentioned "data" and "self-care";',
        '                  citizen_impact were 4 (alignment 18 → 51, transformation 85 →',
        '                  100)',
        '                  Individual if organisations did not include council;',
        '                  effort_weeks were 2 (alignment 18 → 9, transformation 85 → 30)',
        '                  Council if description mentioned "renewal"; lead were council;',
        '                  organisations did not include council (alignment 18 → 9,',
        '                  transformation 85 → 20)',
        '                  CCG if description mentioned "renewal"; lead were ccg;',
        '                  organisations did not include council (alignment 18 → 9,',
        '                  transformation 85 → 20)',
        '  Unknown         2 criteria: quantitative-evidence, qualitative-evidence',
        '  Why here        routed to Needs review',
        '',
      ].join('\n'),
    );
    for (const line of card.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('says what is not settled and what to chase, and gives no hint where no rule passes a test', async () => {
    const card = await cardAt(3, { color: false, width: 80 });
    expect(card).toBe(
      [
        '── 4 of 4 ── WI-15 ─────────────────────────────────────────────────────────────',
        'Explore a joint estates strategy',
        '  Explore options for a joint estates strategy.',
        '',
        'Needs review: business as usual so far (no signal of change known); no rule',
        '  could place it: effort_weeks, organisations, recurring and lead are unknown',
        '  rule default · confidence 0.39 · not settled: chase lead',
        '',
        '  Lead            unknown',
        '  Organisations   unknown',
        '  Facts           effort weeks ? · cost gbp ? · recurring ? · citizen impact ? ·',
        '                  evidence ? · tags estates · owner ?',
        '  Alignment         9 █░░░░░░░░░ could be 9-64',
        '  Transformation    0 ░░░░░░░░░░  business-as-usual could be 0-75',
        '  Suggested       none: no rule for a concrete route passes a single test',
        '  Would change    Council if lead were council',
        '                  CCG if lead were ccg',
        '                  The Union if description mentioned "data" and "pilot";',
        '                  organisations were council, ccg, acute-trust; citizen_impact',
        '                  were 4 (alignment 9 → 50, transformation 0 → 70)',
        '                  Individual if organisations were acute-trust; effort_weeks',
        '                  were 2; recurring were false (alignment 9 → 14)',
        '  Unknown         6 criteria: quantitative-evidence, qualitative-evidence,',
        '                  spans-council-and-ccg, involves-partners, high-citizen-impact,',
        '                  some-citizen-impact',
        '  Why here        routed to Needs review',
        '',
      ].join('\n'),
    );
    for (const line of card.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('colours only when asked', async () => {
    expect(await wi12Card({ color: false, width: 120 })).not.toContain('\u001b[');
    expect(await wi12Card({ color: true, width: 120 })).toContain('\u001b[');
  });

  it('says when answers changed nothing', async () => {
    const policy = unionPolicy();
    const wi13 = (await exampleItems(policy)).find((i) => i.id === 'WI-13')!;
    const a = assess(policy, wi13);
    expect(renderChanges(a, a, { color: false, width: 80 })).toBe('  Your answers changed no score and not the route.\n');
  });
});
