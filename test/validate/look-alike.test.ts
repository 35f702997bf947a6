/** The look-alike index: finds an id's look-alike however many ids came before it. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { LookAlikeIds, differences } from '../../src/validate/look-alike.js';

const at = (id: string, line: number) => ({ id, file: 'a.csv', line, column: 1 });

describe('LookAlikeIds', () => {
  it('finds look-alikes after the table has grown, and only those', () => {
    const index = new LookAlikeIds();
    const findings: Finding[] = [];
    for (let k = 0; k < 5000; k++) index.check(at(`ID-${k}`, k + 2), findings);
    expect(findings).toEqual([]);
    index.check(at('id-4321', 6000), findings);
    index.check(at('ＩＤ-17', 6001), findings);
    expect(findings.map((f) => [f.ruleId, f.line, f.related?.[0]?.line])).toEqual([
      ['item/look-alike-id', 6000, 4323],
      ['item/look-alike-id', 6001, 19],
    ]);
    expect(index.like('Id-9')?.id).toBe('ID-9');
    expect(index.like('ID-9')).toBeUndefined();
    expect(index.like('ID-5000')).toBeUndefined();
  });

  it('says how two ids differ, in words', () => {
    expect(differences('W\u00adi-1', 'WI-1')).toBe('invisible characters and letter case');
    expect(differences('ﬁ-1', 'fi-1')).toBe('compatibility forms (full-width letters, ligatures, ...)');
  });
});
