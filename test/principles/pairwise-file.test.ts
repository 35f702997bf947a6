import { describe, expect, it } from 'vitest';
import { checkPairwise, renderPairwise } from '../../src/principles/pairwise-file.js';

const IDS = ['a', 'b', 'c'];

function check(text: string, ids: readonly string[] = IDS) {
  const result = checkPairwise(text, 'm.yaml', ids, 'p.yaml');
  return {
    judgements: result.judgements,
    findings: result.findings.map((f) => `${f.line}:${f.column} ${f.message} [${f.ruleId}]`),
  };
}

describe('checkPairwise', () => {
  it('reads one judgement per pair, in either direction, in the forms the scale allows', () => {
    expect(check('pairwise:\n  a: { b: 3, c: 1/5 }\n  c: { b: 0.33 }\n')).toEqual({
      judgements: [
        { first: 'a', second: 'b', value: 3 },
        { first: 'a', second: 'c', value: 1 / 5 },
        { first: 'c', second: 'b', value: 1 / 3 },
      ],
      findings: [],
    });
    expect(check('pairwise:\n  a:\n    b: "2"\n    c: 9\n  b:\n    c: 1\n').judgements).toEqual([
      { first: 'a', second: 'b', value: 2 },
      { first: 'a', second: 'c', value: 9 },
      { first: 'b', second: 'c', value: 1 },
    ]);
  });

  it('needs no judgements for a single principle', () => {
    expect(check('pairwise: {}\n', ['a'])).toEqual({ judgements: [], findings: [] });
  });

  it('points at each problem: unknown principle, self, duplicate, off the scale', () => {
    const text = ['pairwise:', '  a: { a: 1, b: 3, zebra: 2 }', '  b: { a: 1/3, c: 0.3 }', '  c: { a: true }', ''].join('\n');
    expect(check(text)).toEqual({
      judgements: undefined,
      findings: [
        '2:8 "a" is compared with itself: a principle is always equally important as itself, so remove this entry [pairwise/self]',
        '2:20 "zebra" is not a principle of p.yaml (its principles: a, b, c) [pairwise/unknown-principle]',
        '3:8 b and a are compared twice, here and at line 2, column 14: keep one of the two [pairwise/duplicate-pair]',
        "3:19 0.3 is not on Saaty's scale: give 1 to 9 (1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, 6, 8 between), or 1/2 to 1/9 when the other is the more important [pairwise/scale]",
        "4:11 true is not on Saaty's scale: give 1 to 9 (1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, 6, 8 between), or 1/2 to 1/9 when the other is the more important [pairwise/scale]",
      ],
    });
  });

  it('counts a pair with a value off the scale as named, not missing', () => {
    expect(check('pairwise:\n  a: { b: 3, c: 1 }\n  b: { c: 10 }\n').findings).toEqual([
      "3:11 10 is not on Saaty's scale: give 1 to 9 (1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, 6, 8 between), or 1/2 to 1/9 when the other is the more important [pairwise/scale]",
    ]);
    expect(check('pairwise:\n  a: { b: 3, c: 1 }\n').findings).toEqual([
      '1:1 b and c are not compared: add b: { c: N } with N from 1 to 9, or 1/2 to 1/9 when c is the more important [pairwise/missing-pair]',
    ]);
  });

  it('suggests the principle a misspelt id meant', () => {
    const ids = ['insight-led', 'self-empowerment'];
    expect(check('pairwise:\n  insight-led: { self-empowermnet: 3 }\n', ids).findings[0]).toBe(
      '2:18 "self-empowermnet" is not a principle of p.yaml: did you mean "self-empowerment"? (its principles: insight-led, self-empowerment) [pairwise/unknown-principle]',
    );
  });

  it('lists many missing pairs in one finding', () => {
    expect(check('pairwise: {}\n', ['a', 'b', 'c', 'd']).findings).toEqual([
      '1:1 6 pairs are not compared: a and b, a and c, a and d, b and c, b and d, c and d; each pair needs one judgement, e.g. a: { b: 3 } [pairwise/missing-pair]',
    ]);
  });

  it('refuses a file of the wrong shape, and says what the shape is', () => {
    const shape = (text: string) => check(text).findings;
    expect(shape('')).toEqual(['1:1 the file holds no pairwise comparisons: write one judgement per pair of principles, e.g. pairwise: { insight-led: { self-empowerment: 3 } } [file/empty]']);
    expect(shape('- a\n')).toEqual(['1:1 a pairwise comparisons file must be a mapping with "pairwise:", e.g. pairwise: { insight-led: { self-empowerment: 3 } } [pairwise/schema]']);
    expect(shape('pairs: {}\n')).toEqual(['1:1 unknown key "pairs": the file holds only "pairwise:" [pairwise/schema]']);
    expect(shape('pairwise: [a, b]\n')).toEqual([
      '1:11 "pairwise" must be a mapping from a principle to the principles it is compared with, e.g. pairwise: { insight-led: { self-empowerment: 3 } } [pairwise/schema]',
    ]);
    expect(shape('pairwise:\n  a: 3\n  b: { c: 1 }\n')).toEqual([
      '2:6 "a" must map each principle it is compared with to a judgement, e.g. a: { another-principle: 3 } [pairwise/schema]',
      '1:1 a and b are not compared: add a: { b: N } with N from 1 to 9, or 1/2 to 1/9 when b is the more important [pairwise/missing-pair]',
      '1:1 a and c are not compared: add a: { c: N } with N from 1 to 9, or 1/2 to 1/9 when c is the more important [pairwise/missing-pair]',
    ]);
  });

  it('reports YAML problems (aliases, duplicate keys) with their positions, as every YAML reader does', () => {
    expect(check('pairwise:\n  a: &row { b: 3, c: 3 }\n  b: *row\n').findings).toEqual([
      '3:6 YAML aliases (*row) are not accepted: write the value out in full [yaml/alias]',
    ]);
    expect(check('pairwise:\n  a: { b: 3, b: 2, c: 1 }\n  b: { c: 1 }\n').findings[0]).toMatch(/^2:14 Map keys must be unique; keep one of the two, or rename one \[yaml\/duplicate-key\]$/);
  });
});

describe('renderPairwise', () => {
  it('writes judgements that read back the same, with a comment', () => {
    const judgements = [
      { first: 'a', second: 'b', value: 3 },
      { first: 'a', second: 'c', value: 1 / 7 },
      { first: 'b', second: 'c', value: 1 },
    ];
    const text = renderPairwise(judgements, IDS, 'from a session\nsecond line');
    expect(text).toBe('# from a session\n# second line\npairwise:\n  a: { b: 3, c: 1/7 }\n  b: { c: 1 }\n');
    expect(check(text)).toEqual({ judgements, findings: [] });
  });
});
