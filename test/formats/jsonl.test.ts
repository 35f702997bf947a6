import { describe, expect, it } from 'vitest';
import { applyDecision } from '../../src/core/decisions.js';
import { jsonFormat } from '../../src/formats/json.js';
import { formatNamed } from '../../src/formats/index.js';
import { jsonlFormat } from '../../src/formats/jsonl.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

describe('jsonl format', () => {
  it('prints one assessment per line, with exactly the keys and values of json items, then policy', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    const context = fixedContext(policy);
    const lines = render(jsonlFormat, context, results).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(22);
    const fromJson = (JSON.parse(render(jsonFormat, context, results)) as { items: unknown[] }).items;
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(
      fromJson.map((item) => ({ ...(item as object), policy: 'union-triage@9.9.9+0123456789ab' })),
    );
  });

  it('streams: each write is one whole line, and the end adds nothing', async () => {
    const [first] = await assessedFile(policy, 'examples/backlog.csv');
    const sink = jsonlFormat.create(fixedContext(policy));
    const line = sink.write(first!) ?? '';
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(JSON.parse(line)).toMatchObject({ id: 'WI-01', route: 'union', overridden: false });
    expect(formatNamed('jsonl')?.streaming).toBe(true);
  });

  it('keeps newlines in item text inside the line, and shows a decision with its recommendation', async () => {
    const results = await assessedFile(policy, 'test/fixtures/reports/hostile.csv');
    const h6 = results.find((r) => r.assessment.id === 'H-6')!;
    const decided = applyDecision(policy, h6.assessment, { id: 'H-6', route: 'union', rationale: 'Board priority', by: 'Jo' }, false);
    const out = render(jsonlFormat, fixedContext(policy), [{ ...h6, assessment: decided }]);
    expect(out.split('\n')).toHaveLength(2);
    expect(JSON.parse(out)).toMatchObject({
      title: 'Pipes | and\nnewlines <b>bold</b>',
      route: 'union',
      overridden: true,
      recommended: { route: 'council', rule: 'council-owns' },
      decision: { route: 'union', rationale: 'Board priority', by: 'Jo', stale: false },
    });
  });
});
