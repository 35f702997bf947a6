/**
 * Decisions written by the review store read back, by the loader `score --decisions` uses,
 * exactly as they were saved: whatever people typed as a rationale or a name.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../src/core/decisions.js';
import { canonicalId } from '../../src/core/ids.js';
import { checkDecisions, loadDecisions } from '../../src/decisions/load.js';
import { DecisionStore } from '../../src/decisions/store.js';
import { unionPolicy } from '../helpers/policy.js';

const policy = unionPolicy();
const ROUTES = [...policy.routes.keys()];
const CRITERIA = policy.principles.flatMap((p) => p.criteria.map((c) => c.id));

const root = mkdtempSync(join(tmpdir(), 'triage-decisions-prop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** Text as people type it, and worse: quotes, colons, hashes, line breaks, YAML words, unicode. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ab :#-?|>&*!%@`\'"\\{}[],\n\r\t\u0000\u00e9\u2028\ufeff'), maxLength: 20 }),
  fc.constantFrom('yes', 'no', 'null', '~', 'true', '0x10', '1e3', '.inf', '- item', '---', '...', '&a', '*a', '!!str', '<<', ' padded ', '2025-03-04'),
);
/** An item id: any text a file could hold, as long as it is not blank. */
const itemId = text.filter((s) => s.trim() !== '');

const date = fc
  .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** When a decision was made, as review writes it. */
const moment = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());

const decision: fc.Arbitrary<Decision> = fc
  .record(
    {
      id: itemId,
      route: fc.constantFrom(...ROUTES),
      rationale: text,
      recommended: fc.constantFrom(...ROUTES),
      by: text,
      at: moment,
      fingerprint: text,
      expires: date,
      answers: fc.dictionary(fc.constantFrom(...CRITERIA), fc.constantFrom(true, false, null), { maxKeys: 3 }),
    },
    { requiredKeys: ['id', 'route'] },
  )
  .map((d) => ({ ...d }));

/**
 * What the file should hold after the saves: the last decision per item, in the order items
 * were first decided. Ids are compared and kept in NFC (`\uf900` is `\u8c48`).
 */
function expected(saves: readonly Decision[]): Decision[] {
  const byId = new Map<string, Decision>();
  for (const d of saves) byId.set(canonicalId(d.id), { ...d, id: canonicalId(d.id) });
  return [...byId.values()];
}

describe('decisions written by the review store', () => {
  it('read back equal, one save at a time, an item decided again replacing its decision', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(decision, { minLength: 1, maxLength: 6 }), fc.boolean(), async (decisions, again) => {
        const file = join(root, `decisions-${runs++}.yaml`);
        // Deciding the first item again (review's "back") must replace, not add.
        const saves = again ? [...decisions, { ...(decisions[0] as Decision), rationale: 'changed my mind' }] : decisions;
        const store = await DecisionStore.open(file, { policy });
        try {
          for (const d of saves) await store.save(d);
        } finally {
          await store.close();
        }
        const loaded = await loadDecisions(file, policy);
        expect(loaded.decisions).toEqual(expected(saves));
        // And a fresh session reads the same decisions from the file it left.
        const reopened = await DecisionStore.open(file, { policy });
        expect(reopened.list()).toEqual(expected(saves));
        await reopened.close();
      }),
      {
        numRuns: 60,
        // Found by this property: a line of only spaces, which a YAML block scalar reads back
        // empty; new, and in a decision saved again over an earlier one.
        examples: [
          [[{ id: 'yes', route: 'union', rationale: ' \n' }], false],
          [
            [
              { id: 'yes', route: 'union', rationale: 'first' },
              { id: 'yes', route: 'council', rationale: 'a\n \t\nb' },
            ],
            false,
          ],
        ],
      },
    );
  });

  it('never writes a file that validate would reject', async () => {
    await fc.assert(
      fc.asyncProperty(decision, async (d) => {
        const file = join(root, `one-${runs++}.yaml`);
        const store = await DecisionStore.open(file, { policy });
        await store.save(d);
        await store.close();
        const check = checkDecisions(readFileSync(file, 'utf8'), file);
        expect(check.findings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
