/**
 * Principle sets built to be expensive, for the fuzzer and the tests: schema-valid and
 * semantically valid, but with routing rules whose conditions expand into many alternatives
 * (`all` of wide `any`s), each just different enough from every earlier rule that coverage
 * analysis has to compare them all, and `mentions` tests with many long phrases.
 */

/**
 * A principle set as YAML text.
 *
 * - rules: routing rules (the schema allows 200);
 * - groups, width: each rule is `all` of `groups` `any`s, each of `width` tests, so its
 *   condition has width^groups alternatives, plus one of its own;
 * - keywords, phraseWords: a `mentions` criterion with that many keywords, each a phrase of
 *   that many words (0 keywords: none).
 */
export function hostilePrinciples({ rules = 20, groups = 2, width = 16, keywords = 0, phraseWords = 1 } = {}) {
  const lines = [
    'version: 1',
    'organisation: Hostile',
    'routes:',
    '  - { id: union, label: Union }',
    '  - { id: review, label: Review }',
    'fields:',
    '  tag: { type: string }',
    '  description: { type: text }',
    ...Array.from({ length: groups }, (_, g) => `  n${g}: { type: number }`),
    'principles:',
    '  - id: p',
    '    title: P',
    '    weight: 1',
    '    criteria:',
    '      - id: c',
    '        ask: Does it?',
    `        when: ${keywords > 0 ? `{ field: description, mentions: [${phrases(keywords, phraseWords).join(', ')}] }` : '{ field: tag, exists: true }'}`,
    '        points: 1',
    'transformation:',
    '  signals: []',
    '  thresholds: { transformational: 60, businessAsUsual: 40 }',
    'routing:',
    '  rules:',
  ];
  for (let r = 0; r < rules; r++) {
    // Rule r repeats the alternatives of every earlier rule, in the same order, and adds one
    // of its own (the \`tag\` test): so it can fire, but showing that means comparing each of
    // its alternatives with those of every earlier rule.
    const anys = Array.from({ length: groups }, (_, g) => {
      const tests = Array.from({ length: width }, (_, w) => `{ field: n${g}, equals: ${w} }`);
      return `{ any: [${tests.join(', ')}] }`;
    });
    lines.push(`    - id: r${r}`, `      route: ${r % 2 === 0 ? 'union' : 'review'}`, '      reason: R.');
    lines.push(`      when: { any: [{ all: [${anys.join(', ')}] }, { field: tag, equals: t${r} }] }`);
  }
  lines.push('  default: review', '');
  return lines.join('\n');
}

/** Distinct phrases of `words` words each, made of a few hundred distinct words. */
export function phrases(count, words) {
  return Array.from({ length: count }, (_, k) => Array.from({ length: words }, (_, w) => `w${(k * 7 + w * 13) % 997}`).join(' '));
}
