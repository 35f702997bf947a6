import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPrinciples } from '../../src/principles/load.js';
import { repoPath } from '../helpers/run.js';

const union = readFileSync(repoPath('principles/union.yaml'), 'utf8');

/** The bundled set with one piece of text replaced (which must exist). */
function variant(from: string, to: string): string {
  expect(union).toContain(from);
  return union.replace(from, to);
}

function findings(text: string) {
  return checkPrinciples(text, 'set.yaml').findings.map((f) => ({
    ruleId: f.ruleId,
    line: f.line,
    column: f.column,
    message: f.message,
  }));
}

/** Line (1-based) of the first occurrence of a text in the bundled set after a replacement. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('checkPrinciples', () => {
  it('accepts the bundled principle set with no findings', () => {
    const check = checkPrinciples(union, 'principles/union.yaml');
    expect(check.findings).toEqual([]);
    expect(check.set?.principles.map((p) => p.id)).toEqual([
      'insight-led',
      'self-empowerment',
      'continuous-feedback',
      'seamless-care',
      'citizen-outcomes',
    ]);
    expect(check.set?.routes.map((r) => r.id)).toEqual(['union', 'council', 'ccg', 'individual', 'review']);
  });

  it('reports a YAML syntax error at its position', () => {
    expect(findings('version: 1\norganisation: [unclosed\n')).toEqual([
      expect.objectContaining({ ruleId: 'yaml/syntax', line: 3, column: 1 }),
    ]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(findings('- just\n- a list\n')).toEqual([
      {
        ruleId: 'principles/schema',
        line: 1,
        column: 1,
        message:
          'a principle set must be a mapping of version, organisation, routes, fields, principles, transformation and routing, not a list: start from principles/union.yaml, or run triage init',
      },
    ]);
  });

  it('points at a weight that is not greater than 0', () => {
    const text = variant('    weight: 2\n    criteria:\n      - id: empowers-citizens', '    weight: 0\n    criteria:\n      - id: empowers-citizens');
    const line = lineOf(text, '    weight: 0');
    expect(findings(text)).toEqual([
      { ruleId: 'principles/schema', line, column: 13, message: 'principles[1].weight must be greater than 0' },
    ]);
  });

  it('points at an unknown key with the keys that are allowed', () => {
    const text = variant('  - id: insight-led\n', '  - id: insight-led\n    wieght: 3\n');
    const line = lineOf(text, 'wieght');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/schema',
        line,
        column: 5,
        message: 'unknown key "wieght" in principles[0]: remove it or fix its spelling (expected one of: id, title, description, weight, criteria)',
      },
    ]);
  });

  it('names both places of a duplicate id', () => {
    const text = variant('  - id: self-empowerment', '  - id: insight-led');
    const first = lineOf(text, '  - id: insight-led');
    const second = text.split('\n').findIndex((l, i) => i + 1 > first && l === '  - id: insight-led') + 1;
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/duplicate-id',
        line: second,
        column: 9,
        message: `principle id "insight-led" is used twice: give each principle its own id (first at line ${first}, column 9)`,
      },
    ]);
  });

  it('refuses a rule that sends work to an undeclared route', () => {
    const text = variant('      route: council\n', '      route: counsel\n');
    const line = lineOf(text, 'route: counsel');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/unknown-route',
        line,
        column: 14,
        message: 'rule "council-owns" sends work to route "counsel", which is not declared: use one of union, council, ccg, individual, review or add it to routes',
      },
    ]);
  });

  it('refuses a condition on an undeclared field', () => {
    const text = variant('{ field: cost_gbp, gte: 100000 }', '{ field: budget, gte: 100000 }');
    const line = lineOf(text, 'field: budget');
    const result = findings(text);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ ruleId: 'principles/unknown-field', line, column: 22 });
    expect(result[0]?.message).toMatch(/^unknown field "budget": declare it under fields, or use one of /);
  });

  it('refuses an operator that does not suit the field type', () => {
    const text = variant('{ field: effort_weeks, gte: 12 }', '{ field: effort_weeks, includes: [a] }');
    const line = lineOf(text, 'includes: [a]');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/operator-type',
        line,
        column: 36,
        message: '"includes" does not apply to "effort_weeks", a number field: use equals, in, gt, gte, lt, lte, exists',
      },
    ]);
  });

  it('refuses a value a field can never have', () => {
    const text = variant('{ field: lead, equals: union }', '{ field: lead, equals: unoin }');
    const line = lineOf(text, 'equals: unoin');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/unknown-value',
        line,
        column: 36,
        message: '"unoin" is not an allowed value of "lead": use one of union, council, ccg',
      },
    ]);
  });

  it('refuses a leaf test with two operators', () => {
    const text = variant('{ field: effort_weeks, gte: 12 }', '{ field: effort_weeks, gte: 12, lte: 20 }');
    const line = lineOf(text, 'gte: 12, lte: 20');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/schema',
        line,
        column: 13,
        message:
          'transformation.signals[3].when tests "field" with more than one operator: use one operator per test and combine tests with "all"',
      },
    ]);
  });

  it('refuses a keyword of more than 10 words, at the keyword', () => {
    const long = 'one two three four five six seven eight nine ten-eleven';
    const text = variant('population health, evidence base]', `population health, ${long}]`);
    const line = lineOf(text, long);
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/schema',
        line,
        column: text.split('\n')[line - 1]!.indexOf(long) + 1,
        message: `keyword "${long}" has 11 words, more than the 10 a keyword may have: shorten the phrase`,
      },
    ]);
  });

  it('refuses more than 20,000 keywords in one set, at the first keyword past the limit', () => {
    // 41 criteria of 500 keywords each: the 20,001st is the first keyword of the 41st.
    const criteria = Array.from({ length: 41 }, (_, c) => {
      const keywords = Array.from({ length: 500 }, (_, k) => `c${c}k${k}`).join(', ');
      return `      - { id: c${c}, ask: Does it?, points: 1, when: { field: description, mentions: [${keywords}] } }`;
    });
    const text = [
      'version: 1',
      'organisation: Many',
      'routes: [{ id: review, label: Review }]',
      'fields: { description: { type: text } }',
      'principles:',
      '  - id: p',
      '    title: P',
      '    weight: 1',
      '    criteria:',
      ...criteria,
      'transformation: { signals: [], thresholds: { transformational: 60, businessAsUsual: 40 } }',
      'routing: { rules: [], default: review }',
      '',
    ].join('\n');
    const line = lineOf(text, '- { id: c40,');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/schema',
        line,
        column: text.split('\n')[line - 1]!.indexOf('c40k0') + 1,
        message: "this is keyword 20,001 of the set's mentions tests, more than the 20,000 a principle set may have: remove keywords that say the same thing, or split the set",
      },
    ]);
  });

  it('warns of keywords that can never match: no word in them, or across a sentence end', () => {
    const text = variant('population health, evidence base]', 'population health, "evidence. Base", "&&", evidence base]');
    const line = lineOf(text, '"evidence. Base"');
    const at = (needle: string): number => text.split('\n')[line - 1]!.indexOf(needle) + 1;
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/keyword-never-matches',
        line,
        column: at('"evidence. Base"'),
        message: 'keyword "evidence. Base" spans the end of a sentence (a line break, or . ! ? ; followed by a space), and a phrase only matches within one sentence, so it can never match: remove the punctuation, or make it two keywords',
      },
      {
        ruleId: 'principles/keyword-never-matches',
        line,
        column: at('"&&"'),
        message: 'keyword "&&" has no letter or digit, so it can never match: keywords are matched as whole words; write the word you mean, or remove it',
      },
    ]);
    expect(checkPrinciples(text, 'set.yaml').set).toBeDefined();
  });

  it('refuses thresholds in the wrong order', () => {
    const text = variant('    businessAsUsual: 40', '    businessAsUsual: 70');
    const line = lineOf(text, 'businessAsUsual: 70');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/thresholds-order',
        line,
        column: 22,
        message: 'businessAsUsual (70) is above transformational (60): it must be at or below it',
      },
    ]);
  });

  it('refuses computed fields outside routing', () => {
    const text = variant('{ field: citizen_impact, gte: 4 }\n      points: 15', '{ field: alignment, gte: 4 }\n      points: 15');
    const line = lineOf(text, 'field: alignment, gte: 4');
    expect(findings(text)).toEqual([
      {
        ruleId: 'principles/unknown-field',
        line,
        column: 22,
        message: '"alignment" is computed from criteria and signals, so only routing rules can test it',
      },
    ]);
  });

  it('refuses YAML aliases and prototype keys', () => {
    expect(findings('a: &x 1\nb: *x\n').map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/alias', 2, 4]]);
    expect(findings('__proto__: 1\n').map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/forbidden-key', 1, 1]]);
  });

  it('refuses absurdly deep nesting before composing it', () => {
    const result = findings(`a: ${'['.repeat(100000)}`);
    expect(result.map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/too-deep', 1, 68]]);
  });

  it('does not turn "no" into false under a YAML 1.1 header', () => {
    const check = checkPrinciples(`%YAML 1.1\n---\n${union}`.replace('organisation: The Union', 'organisation: no'), 'x.yaml');
    expect(check.set?.organisation).toBe('no');
  });
});
