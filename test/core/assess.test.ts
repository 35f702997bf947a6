import { describe, expect, it } from 'vitest';
import { assess, explainAssessment } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import { item, minimalSet } from '../helpers/policy.js';

const policy = compilePolicy(minimalSet());

describe('assess', () => {
  it('scores a fully met item at 100 and routes it by the first matching rule', () => {
    const a = assess(policy, item({ size: 12, tags: ['red'], notes: 'Social care plan', flag: false }));
    expect(a).toEqual({
      id: 'I-1',
      title: 'Item I-1',
      route: 'a',
      routeLabel: 'Route A',
      rule: 'to-a',
      reason: 'Transformational.',
      classification: 'transformational',
      alignment: 100,
      transformation: 80,
      confidence: 1,
      overridden: false,
      principles: [
        {
          id: 'p1',
          score: 100,
          weight: 3,
          contribution: 75,
          criteria: [
            { id: 'big', met: true, points: 1 },
            { id: 'tagged', met: true, points: 3 },
          ],
        },
        { id: 'p2', score: 100, weight: 1, contribution: 25, criteria: [{ id: 'noted', met: true, points: 2 }] },
      ],
      signals: [
        { id: 'large', met: true, points: 50 },
        { id: 'red', met: true, points: 30 },
        { id: 'flagged', met: false, points: -60 },
      ],
      alignmentRange: [100, 100],
      transformationRange: [80, 80],
      firm: true,
    });
  });

  it('weights principle scores into alignment, rounding contributions to one decimal', () => {
    const a = assess(policy, item({ size: 12, tags: ['blue'] }));
    expect(a.principles.map((p) => [p.score, p.contribution])).toEqual([
      [25, 18.8],
      [0, 0],
    ]);
    expect(a.alignment).toBe(19);
  });

  it('treats unknown criteria as not met but lowers confidence', () => {
    const a = assess(policy, item({ size: 5, kind: 'y' }));
    expect(a.principles[0]?.criteria).toEqual([
      { id: 'big', met: false, points: 1 },
      { id: 'tagged', met: null, points: 3 },
    ]);
    expect(a.alignment).toBe(0);
    // alignment known: (3 * 1/4 + 1 * 0/2) / 4 = 0.1875; signals known: 50 / 140 = 0.357
    expect(a.confidence).toBe(0.27);
    expect(a.route).toBe('b');
    expect(a.rule).toBe('to-b');
  });

  it('classifies no signal of change as business as usual', () => {
    const a = assess(policy, item({ size: 1 }));
    expect(a.transformation).toBe(0);
    expect(a.classification).toBe('business-as-usual');
  });

  it('classifies a score between the thresholds as borderline', () => {
    expect(assess(policy, item({ size: 12 })).classification).toBe('borderline');
  });

  it('classifies signals pulling both ways as borderline even below the BAU threshold', () => {
    const a = assess(policy, item({ size: 12, tags: ['red'], flag: true }));
    expect(a.transformation).toBe(20);
    expect(a.classification).toBe('borderline');
  });

  it('falls back to the default route when no rule matches, and unknown does not match', () => {
    const a = assess(policy, item({ size: 1 }));
    expect(a.route).toBe('review');
    expect(a.rule).toBe('default');
    expect(a.reason).toBe('No routing rule placed this item, so a person should decide where it belongs.');
  });

  it('clamps transformation to 0-100', () => {
    const many = compilePolicy(
      minimalSet({
        transformation: {
          signals: [
            { id: 's1', when: { field: 'size', gte: 0 }, points: 80 },
            { id: 's2', when: { field: 'size', gte: 0 }, points: 80 },
          ],
          thresholds: { transformational: 60, businessAsUsual: 40 },
        },
      }),
    );
    expect(assess(many, item({ size: 1 })).transformation).toBe(100);
  });

  it('lets answers from a person decide unknown criteria', () => {
    const a = assess(policy, item({ size: 5 }), { answers: { tagged: true, noted: null } });
    expect(a.principles[0]?.criteria[1]).toEqual({ id: 'tagged', met: true, points: 3, answered: true });
    expect(a.principles[1]?.criteria[0]).toEqual({ id: 'noted', met: null, points: 2 });
    expect(a.alignment).toBe(56);
  });

  it('depends only on the item: the same item gives the same result in any company', () => {
    const one = item({ size: 12, tags: ['red'] }, 'X');
    const first = assess(policy, one);
    for (let i = 0; i < 5; i++) assess(policy, item({ size: i, tags: ['blue'] }, `Y${i}`));
    expect(assess(policy, one)).toEqual(first);
  });
});

describe('explainAssessment', () => {
  it('traces every rule: tried, matched, and not reached with whether it would match', () => {
    const { assessment, trace } = explainAssessment(policy, item({ size: 12, tags: ['red'], kind: 'y' }));
    expect(assessment.route).toBe('a');
    expect(trace.rules.map((r) => [r.id, r.outcome, r.wouldMatch])).toEqual([
      ['to-a', 'matched', undefined],
      ['to-b', 'not-reached', true],
    ]);
    expect(trace.classificationReason).toBe('transformation 80 is at or above the transformational threshold 60');
    expect(trace.criteria['tagged']).toEqual({ test: 'tags includes red', result: true, actual: 'red' });
  });

  it('gives the same assessment as assess', () => {
    const it1 = item({ size: 3, notes: 'care' });
    expect(explainAssessment(policy, it1).assessment).toEqual(assess(policy, it1));
  });
});
