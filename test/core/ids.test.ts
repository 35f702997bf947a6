/** Ids in NFC, and what makes two ids look alike. */
import { describe, expect, it } from 'vitest';
import { canonicalId, hiddenInId, lookAlikeKey, lookAlikeKinds } from '../../src/core/ids.js';
import { fingerprintItem } from '../../src/core/decisions.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems } from '../../src/items/read.js';
import { unionPolicy } from '../helpers/policy.js';

describe('canonicalId', () => {
  it('puts an id in NFC, and leaves ASCII and composed ids as they are', () => {
    expect(canonicalId('CAFE\u0301-1')).toBe('CAF\u00c9-1');
    expect(canonicalId('CAF\u00c9-1')).toBe('CAF\u00c9-1');
    expect(canonicalId('WI-01')).toBe('WI-01');
    // NFC, not NFKC: full-width letters stay what they are (validate warns about them).
    expect(canonicalId('\uff37\uff29-01')).toBe('\uff37\uff29-01');
  });
});

describe('lookAlikeKey and lookAlikeKinds', () => {
  it.each([
    ['WI-01', 'wi-01', ['letter case']],
    ['WI-01', 'WI\u200b-01', ['invisible characters']],
    ['WI-01', '\uff37\uff29-01', ['compatibility forms (full-width letters, ligatures, ...)']],
    ['file-1', '\ufb01le-1', ['compatibility forms (full-width letters, ligatures, ...)']],
    ['STRASSE-1', 'straße-1', ['letter case']],
    ['WI-01', 'w\u00adi-01', ['invisible characters', 'letter case']],
    // Both hold the same zero-width space: only case tells them apart.
    ['W\u200bI-1', 'w\u200bi-1', ['letter case']],
  ])('%j and %j look alike, differing in %j', (a, b, kinds) => {
    expect(lookAlikeKey(a)).toBe(lookAlikeKey(b));
    expect(lookAlikeKinds(a, b)).toEqual(kinds);
  });

  it('keeps ids apart that look different', () => {
    expect(lookAlikeKey('WI-01')).not.toBe(lookAlikeKey('WI-1'));
    expect(lookAlikeKey('👩‍🚀-1')).not.toBe(lookAlikeKey('👩🚀-1'));
  });
});

describe('hiddenInId', () => {
  it('names each character that does not show, once', () => {
    expect(hiddenInId('A\u200bB\u200bC\u{e0041}')).toEqual(['U+200B', 'U+E0041']);
    expect(hiddenInId('WI-01')).toEqual([]);
  });
});

describe('fingerprints of ASCII ids are what they were before ids were put in NFC', () => {
  it('for every item of the example backlog', async () => {
    const policy = unionPolicy();
    const got: Record<string, string> = {};
    for await (const item of readItems(['examples/backlog.csv'], {
      normaliser: createNormaliser(policy.fields),
      onProblem: () => undefined,
      csv: { relax: false },
    })) {
      got[item.id] = fingerprintItem(item);
    }
    // Computed with the release before this change: decisions files saved then still match.
    expect(got).toEqual({
      'WI-01': 'v1:0e045325eabc95',
      'WI-02': 'v1:08597291a1b1c5',
      'WI-03': 'v1:18f3a7ebc6b45f',
      'WI-04': 'v1:0241516c345acb',
      'WI-05': 'v1:093c1fbf95d9b0',
      'WI-06': 'v1:1640207f0acc87',
      'WI-07': 'v1:103d4da52daac2',
      'WI-08': 'v1:0b7c97c0ba172f',
      'WI-09': 'v1:1cc555d9d0917b',
      'WI-10': 'v1:0a27679c72a0da',
      'WI-11': 'v1:01e91fca4d5f41',
      'WI-12': 'v1:1ddf5a5dc25aa0',
      'WI-13': 'v1:022dc457900a40',
      'WI-14': 'v1:12bcad0c9a2bb8',
      'WI-15': 'v1:087b36d8a73b3a',
      'WI-16': 'v1:0a0e5f8366848f',
      'WI-17': 'v1:02cefc228202e1',
      'WI-18': 'v1:15a012f89529c1',
      'WI-19': 'v1:0aac17a4a180be',
      'WI-20': 'v1:0537c5faf39e30',
      'WI-21': 'v1:04ea03141f18af',
      'WI-22': 'v1:003c4283141e65',
    });
  });
});
