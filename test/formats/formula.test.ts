import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseFormula } from '../../src/formats/formula.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['\tTab-led', "'\tTab-led"],
    ['\rCR-led', "'\rCR-led"],
    ['\n=1+1', "'\n=1+1"],
    ['\0=1', "'\0=1"],
    ['\uFF1D1+2', "'\uFF1D1+2"],
    ['\uFF0B1', "'\uFF0B1"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ['  =1+1', "'  =1+1"],
    ['\u3000=1+1', "'\u3000=1+1"],
    ['- a bullet', "'- a bullet"],
  ])('makes %j inert', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it.each(['-2', '+3.5', '42', '-0.25', '1e6', '-1.5E-3', '.5', '', 'plain text', 'WI-01', 'a=b', 'council;ccg', '£12,500'])('leaves %j as it is', (cell) => {
    expect(isFormulaLike(cell)).toBe(false);
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});
