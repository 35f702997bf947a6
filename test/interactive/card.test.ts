import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { suggestRoute } from '../../src/core/suggest.js';
import { renderCard, renderChanges } from '../../src/interactive/card.js';
import { buildQueue } from '../../src/interactive/queue.js';
import { unionPolicy } from '../helpers/policy.js';
import { exampleItems } from './fake-prompter.js';

async function wi12Card(options: { color: boolean; width: number }) {
  const policy = unionPolicy();
  const items = await exampleItems(policy);
  const queue = buildQueue(policy, items, () => undefined, { minConfidence: 0.5, today: '2025-03-04' });
  const entry = queue[0]!;
  return renderCard({ policy, entry, index: 0, total: queue.length, suggestion: suggestRoute(policy, entry.item) }, options);
}

describe('the review card', () => {
  it('shows what a person needs to decide, within 80 columns', async () => {
    const card = await wi12Card({ color: false, width: 80 });
    expect(card).toBe(
      [
        '── 1 of 4 ── WI-12 ─────────────────────────────────────────────────────────────',
        'Single integrated IT platform',
        '  Replace the council and CCG IT platforms with a single new integrated',
        '  platform.',
        '',
        '  Lead            union',
        '  Organisations   council, ccg',
        '  Facts           effort weeks 52 · cost gbp 2,000,000 · recurring no · citizen',
        '                  impact 2 · evidence ? · tags it, platform · owner ?',
        '  Alignment        18 ██░░░░░░░░',
        '  Transformation   85 █████████░  transformational',
        '  Confidence      0.91',
        '  Recommended     Needs review (rule challenge-weak-alignment)',
        '                  Transformational but weakly aligned with the principles',
        '                  (alignment below 50): challenge it before committing Union',
        '                  resource.',
        '  Suggested       The Union: rule union-leads comes closest (50% of its tests',
        '                  pass)',
        '  Unknown         2 criteria: quantitative-evidence, qualitative-evidence',
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
