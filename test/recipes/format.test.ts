/**
 * The recipe in CONTRIBUTING.md for an output format, followed: a format registered through
 * the public descriptor (registerFormat) is chosen with -f, listed in --help, honours -o,
 * and is refused --keep-columns since it does not say it takes them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerFormat } from '../../src/formats/index.js';
import type { TextSink } from '../../src/formats/types.js';
import { cli } from '../helpers/cli.js';

registerFormat({
  name: 'ids',
  description: 'one line per item: its id and route (a test-only format)',
  streaming: true,
  options: [],
  counterfactuals: false,
  load: async () => ({
    create: (): TextSink => ({
      write: ({ assessment }) => `${assessment.id} ${assessment.route}\n`,
      end: (summary) => `${summary.total} items\n`,
    }),
  }),
});

describe('a test-only format, registered through the public descriptor', () => {
  it('writes each item as it comes, then the end', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'ids']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['WI-01 union', 'WI-02 union', 'WI-03 union']);
    expect(stdout.endsWith('WI-22 union\n22 items\n')).toBe(true);
  });

  it('is listed by score --help, writes to -o, and refuses options it does not take', async () => {
    expect((await cli(['score', '--help'])).stdout.replace(/\s+/g, ' ')).toContain('output format: table, json, jsonl, csv, xlsx, markdown, html, chart, ids');
    const out = join(mkdtempSync(join(tmpdir(), 'triage-recipe-fmt-')), 'out.txt');
    expect((await cli(['score', 'examples/backlog.csv', '-f', 'ids', '-o', out, '-q'])).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('WI-01 union');
    expect(await cli(['score', 'examples/backlog.csv', '-f', 'ids', '--keep-columns', 'owner'])).toEqual({
      code: 2,
      stdout: '',
      stderr: '--keep-columns passes item columns through with --format csv or xlsx only; add --format csv\n',
    });
  });
});
