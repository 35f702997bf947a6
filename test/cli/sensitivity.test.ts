/** `triage sensitivity` in-process: the JSON contract, flips that re-score as they say, --within, errors. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { assess } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import type { ParameterResult } from '../../src/core/sensitivity/analyse.js';
import type { WorkItem } from '../../src/core/types.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems } from '../../src/items/read.js';
import { hair, withParameter } from '../helpers/parameters.js';
import { unionPolicy } from '../helpers/policy.js';
import { repoPath } from '../helpers/run.js';
import { terminalIo } from './terminal-io.js';

const BACKLOG = repoPath('examples/backlog.csv');

async function triage(args: string[]) {
  const t = terminalIo(repoPath('.'));
  const io = { ...t.io, stdin: Object.assign(t.io.stdin, { isTTY: false }) };
  const code = await run(args, io);
  return { code, stdout: t.out(), stderr: t.err() };
}

describe('triage sensitivity', () => {
  it('prints { meta, parameters: [{ id, value, stable, flips }] }, and each flip re-scores as it says', async () => {
    const { code, stdout, stderr } = await triage(['sensitivity', BACKLOG, '-f', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { meta: { principles: { file: string } }; parameters: ParameterResult[]; items: Array<{ id: string; route: string }> };
    expect(Object.keys(json)).toEqual(['meta', 'parameters', 'items']);
    expect(json.meta.principles.file).toBe('principles/union.yaml');
    const weight = json.parameters.find((p) => p.id === 'principles.citizen-outcomes.weight') as ParameterResult;
    expect(weight).toMatchObject({ value: 3, range: [0, 1000] });
    // WI-09 leaves The Union when citizen outcomes weigh less: re-score a hair either side.
    const flip = weight.flips.find((f) => f.item === 'WI-09');
    expect(flip).toMatchObject({ route: 'review', op: '<' });
    const policy = unionPolicy();
    const items: WorkItem[] = [];
    for await (const it of readItems([BACKLOG], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined })) items.push(it);
    const wi09 = items.find((it) => it.id === 'WI-09') as WorkItem;
    const at = flip?.at as number;
    expect(assess(compilePolicy(withParameter(policy.set, weight.id, at - hair(at))), wi09).route).toBe('review');
    expect(assess(compilePolicy(withParameter(policy.set, weight.id, at + hair(at))), wi09).route).toBe('union');
    expect(weight.stable[0]).toBe(at);
  });

  it('--within lists the items whose route changes within that share of a parameter', async () => {
    const { code, stdout } = await triage(['sensitivity', BACKLOG, '--within', '5%', '--no-color']);
    expect(code).toBe(0);
    const tail = stdout.slice(stdout.indexOf('Items whose route'));
    expect(tail).toBe(
      [
        'Items whose route changes within ±5% of a parameter: 2',
        '  WI-14  Social prescribing service  (Needs review)',
        '    → CCG if new-way-of-working points < 25  (on the edge now)',
        '    → CCG if high-impact points < 15  (on the edge now)',
        '    → CCG if substantial-effort points < 10  (on the edge now)',
        '    → CCG if significant-investment points < 10  (on the edge now)',
        '    → CCG if the transformational threshold > 60  (on the edge now)',
        '  WI-09  Digital front door for care assessments  (The Union)',
        '    → Needs review if the alignment limit of union-leads > 51  (+2%)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await triage(['sensitivity', BACKLOG, '--within', '5', '-f', 'json'])).stdout) as {
      within: { percent: number; items: Array<{ id: string }> };
    };
    expect(json.within.percent).toBe(5);
    expect(json.within.items.map((i) => i.id)).toEqual(['WI-09', 'WI-14']);
  });

  it('writes Markdown to a file with -o', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'triage-cli-sensitivity-')), 'sensitivity.md');
    const { code, stderr } = await triage(['sensitivity', BACKLOG, '-f', 'markdown', '-o', out, '--limit', '2']);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote ${out}\n`);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('### Sensitivity of 22 items to 17 parameters of principles/union.yaml');
    expect(text).toContain('| routing.union-leads.alignment.gte | 50 | 18 – 51 | 8 |');
    expect(text.trimEnd().split('\n').at(-1)).toBe('… and 16 more: run triage sensitivity with --format json for every change.');
  });

  it('refuses a --within that is not a percentage', async () => {
    expect(await triage(['sensitivity', BACKLOG, '--within', 'lots'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "--within lots is not a percentage; give a share of each parameter's value, e.g. --within 20%\n",
    });
  });
});
