/** `mentions` tests: answered by the shared vocabulary, for any number of tests; what a whole word is. */
import { describe, expect, it } from 'vitest';
import { EvalContext, Vocabulary, compileCondition } from '../../src/core/conditions.js';

describe('mentions', () => {
  it('gives the same answers for the 40th keyword set of a vocabulary as for the first', () => {
    const vocabulary = new Vocabulary();
    const conditions = Array.from({ length: 40 }, (_, k) => compileCondition({ field: 'description', mentions: [`word${k}`, `new way ${k}`] }, vocabulary));
    const answers = (text: string): number[] => {
      const ctx = new EvalContext({ description: text });
      return conditions.flatMap((condition, k) => (condition.evaluate(ctx) ? [k] : []));
    };
    expect(answers('Word0 and WORD39, then a new way 35 and a new way to 2')).toEqual([0, 35, 39]);
    expect(answers('nothing here')).toEqual([]);
  });

  it('finds phrases only as whole consecutive words', () => {
    const condition = compileCondition({ field: 'description', mentions: ['test and learn'] });
    const says = (text: string) => condition.evaluate(new EvalContext({ description: text }));
    expect([says('We test-and-learn.'), says('test, and then learn'), says('contest and learn')]).toEqual([true, false, false]);
  });

  const says = (keywords: string[], text: string): string =>
    compileCondition({ field: 'description', mentions: keywords }).trace(new EvalContext({ description: text })).actual as string;

  it('compares composed and decomposed text alike (NFC)', () => {
    const decomposed = 'Better data\u0301 for all';
    expect([says(['datá'], 'Better DATÁ for all'), says(['datá'], decomposed), says(['data\u0301'], 'datá'), says(['data'], decomposed)]).toEqual([
      'found "datá"',
      'found "datá"',
      // The keyword as written, decomposed.
      'found "data\u0301"',
      'none found',
    ]);
  });

  it('folds case without a locale: Turkish dotted İ, German ß, Greek final sigma', () => {
    expect(says(['integrated digital'], 'İNTEGRATED DİGİTAL care')).toBe('found "integrated digital"');
    expect(says(['İntegrated'], 'an integrated service')).toBe('found "İntegrated"');
    expect([says(['straße'], 'STRASSE works'), says(['Strasse'], 'die Straße'), says(['ß'], 'ẞ'), says(['λόγος'], 'ΛΌΓΟΣ')]).toEqual([
      'found "straße"',
      'found "Strasse"',
      'found "ß"',
      'found "λόγος"',
    ]);
  });

  it('reads hyphens, dashes and underscores as spaces, so hyphenated keywords match either way', () => {
    const keywords = ['self-care', 'co-design'];
    expect(
      ['Self-care first', 'self care first', 'self–care', 'self_care', 'We co-design it', 'co design', 'selfcare', 'codesign', 'co-designed'].map((text) =>
        says(keywords, text),
      ),
    ).toEqual([
      'found "self-care"',
      'found "self-care"',
      'found "self-care"',
      'found "self-care"',
      'found "co-design"',
      'found "co-design"',
      'none found',
      'none found',
      'none found',
    ]);
  });

  it('matches a phrase only within one sentence', () => {
    const texts = [
      'the contract. Extension agreed',
      'the contract; extension',
      'the contract?! Extension',
      'the contract… extension',
      'the contract.) Extension',
      'the contract\nextension',
      'the contract\r\nextension',
      'the contract, extension',
      'the contract - extension',
      'the contract.extension',
      'the contract extension.',
    ];
    expect(texts.map((text) => says(['contract extension'], text))).toEqual([
      'none found',
      'none found',
      'none found',
      'none found',
      'none found',
      'none found',
      'none found',
      'found "contract extension"',
      'found "contract extension"',
      'found "contract extension"',
      'found "contract extension"',
    ]);
    expect(says(['3.5 release'], 'Version 3.5 release notes')).toBe('found "3.5 release"');
  });

  it('names the keywords found in the order they are listed, each once', () => {
    expect(says(['early help', 'falls', 'help', 'prevention'], 'Prevention of falls: early help, and help. Falls again')).toBe(
      'found "early help", "falls", "help", "prevention"',
    );
  });
});
