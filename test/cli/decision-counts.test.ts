/**
 * `score --decisions` with a confirmation and an override, in-process: both are counted
 * apart, in the JSON summary, the table's summary line, and the Markdown and HTML reports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ROOT } from '../helpers/run.js';
import { terminalIo } from './terminal-io.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-cli-counts-'));
const decisions = join(dir, 'decisions.yaml');
writeFileSync(
  decisions,
  [
    'decisions:',
    // WI-04 is the council's by the rules: a confirmation.
    '  - { id: WI-04, route: council, by: Asha, rationale: The licences are ours }',
    // WI-12 goes to review by the rules: an override.
    '  - { id: WI-12, route: union, by: Director of Integration, rationale: The board backs one platform }',
    '',
  ].join('\n'),
);

/** `triage score examples/backlog.csv --decisions … <more>` in-process, 80 columns, no colour. */
async function score(...more: string[]): Promise<string> {
  const t = terminalIo(ROOT);
  const code = await run(['score', 'examples/backlog.csv', '--decisions', decisions, ...more], t.io);
  expect([code, t.err()]).toEqual([0, '']);
  return t.out();
}

describe('confirmations and overrides are counted apart', () => {
  it('in the JSON summary and on each item', async () => {
    const doc = JSON.parse(await score('-f', 'json')) as {
      summary: Record<string, unknown>;
      items: Array<{ id: string; route: string; overridden: boolean; decision?: { kind: string } }>;
    };
    expect(doc.summary).toMatchObject({ total: 22, overridden: 1, confirmed: 1, stale: 0, unsettled: 1, chase: { lead: 1 } });
    const decided = doc.items.filter((i) => i.decision).map((i) => [i.id, i.route, i.overridden, i.decision?.kind]);
    expect(decided).toEqual([
      ['WI-04', 'council', false, 'confirmed'],
      ['WI-12', 'union', true, 'overridden'],
    ]);
  });

  it('in the table: the marks on the rows and the summary line', async () => {
    const out = await score();
    expect(out).toContain('│ WI-04 │ Case management sy… │ Council =    │ BAU     │     9 │      0 │ 1.00 │');
    expect(out).toContain('│ WI-12 │ Single integrated … │ The Union *  │ transf. │    18 │     85 │ 0.91 │');
    expect(out.trimEnd().split('\n').slice(-3)).toEqual([
      '22 items: The Union 8 · Council 4 · CCG 4 · Individual 3 · Needs review 3',
      '(decisions: 1 overridden *, 1 confirmed =)',
      '1 not settled (marked ?): a missing fact could change the route; chase lead (1)',
    ]);
  });

  it('in Markdown', async () => {
    const out = await score('-f', 'markdown');
    expect(out).toContain(
      '\n\nDecided by a person: 1 overridden, 1 confirmed; each row says what the tool recommended.\n\n1 not settled (marked ?): a missing fact could change the route; chase lead (1)\n\n',
    );
    expect(out).toContain(
      '| business as usual | 9 | 0 | Confirmed by Asha: The licences are ours.<br>Council: business as usual (0: recurring −40, keeps things running −25); lead is council |',
    );
    expect(out).toContain(
      '| transformational | 18 | 85 | Overridden. Decided by Director of Integration: The board backs one platform. The tool recommended Needs review (rule challenge-weak-alignment).<br>Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50 |',
    );
  });

  it('in HTML', async () => {
    const out = await score('-f', 'html');
    expect(out).toContain(
      '<p class="notice">Decided by a person: <b>1</b> overridden, <b>1</b> confirmed.</p>\n<p class="notice">1 not settled (marked ?): a missing fact could change the route; chase lead (1)</p>',
    );
    expect(out.match(/<span class="badge">(?:confirmed|overridden)<\/span>/g)).toEqual([
      '<span class="badge">overridden</span>',
      '<span class="badge">confirmed</span>',
    ]);
  });

  it('and a file of confirmations alone overrides nothing; a stale one is marked too', async () => {
    const only = join(dir, 'confirmations.yaml');
    writeFileSync(only, 'decisions:\n  - { id: WI-04, route: council }\n  - { id: WI-06, route: individual, fingerprint: "v1:00000000000000" }\n');
    const t = terminalIo(ROOT);
    expect(await run(['score', 'examples/backlog.csv', '--decisions', only], t.io)).toBe(0);
    expect(t.err()).toBe(
      `${only}:3:11: warning: decision for "WI-06" is stale: the item has changed since it was decided; the decided route still applies, but review it again [decisions/stale]\n`,
    );
    expect(t.out()).toContain('│ WI-06 │ Fix postcode vali… │ Individual =! │ BAU     │    14 │      0 │ 1.00 │');
    expect(t.out().trimEnd().split('\n').slice(-3)).toEqual([
      '22 items: The Union 7 · Council 4 · CCG 4 · Individual 3 · Needs review 4',
      '(decisions: 2 confirmed =, 1 stale !)',
      '1 not settled (marked ?): a missing fact could change the route; chase lead (1)',
    ]);
  });
});
