/**
 * `triage validate` reads item files as `score` does: --map, --config, --delimiter and
 * --encoding, so an analyst's export is checked exactly as it will be scored.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const EXPORT = 'test/fixtures/exports/latin1-semicolon.csv';
const CONFIG = 'test/fixtures/exports/latin1-semicolon.yaml';
const MAP = [
  'id=Project ref,title=Project name,description=Description / aims,lead=Sponsor,organisations=Partners',
  'effort_weeks=Effort (weeks),cost_gbp=Cost,recurring=Repeats?,citizen_impact=Citizen impact,evidence=Evidence,tags=Labels,owner=Lead officer',
];

describe('triage validate with item input options', () => {
  it("checks a semicolon-separated Latin-1 export with the config its scoring job uses, leaving the job's format to the job", async () => {
    // The config says `format: csv`, which is the scoring job's output, not validate's report.
    const { code, stdout, stderr } = await cli(['validate', EXPORT, '--config', CONFIG]);
    expect([code, stdout, stderr]).toEqual([0, '✔ 1 file checked, no problems\n', '']);
  });

  it('does the same with flags alone: --encoding, --delimiter and --map', async () => {
    const { code, stdout } = await cli(['validate', EXPORT, '--encoding', 'latin1', '--delimiter', ';', '--map', MAP[0] as string, '--map', MAP[1] as string]);
    expect([code, stdout]).toEqual([0, '✔ 1 file checked, no problems\n']);
  });

  it('without the encoding, says the file is not UTF-8 and names the flag', async () => {
    const { code, stdout } = await cli(['validate', EXPORT, '--format', 'json']);
    expect(code).toBe(1);
    const [file] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; line: number; message: string }> }>;
    expect(file?.messages).toEqual([
      expect.objectContaining({ ruleId: 'file/encoding', line: 2, message: expect.stringContaining('--encoding latin1') as unknown }),
    ]);
  });

  it("without the mapping, reports the export's own columns, and the required fields as missing", async () => {
    const { code, stdout } = await cli(['validate', EXPORT, '--encoding', 'latin1', '--format', 'json']);
    expect(code).toBe(1);
    const [file] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    const rules = new Set(file?.messages.map((m) => m.ruleId));
    expect([...rules].sort()).toEqual(['item/missing-required', 'item/unknown-column']);
  });

  it('reads a piped Latin-1 export in the given encoding, and a mapped YAML item file', async () => {
    const latin1 = Buffer.from('ref;name\nR-1;Café\n', 'latin1');
    const piped = await cli(['validate', '-', '--encoding', 'latin1', '--map', 'id=ref,title=name'], { input: latin1 });
    expect([piped.code, piped.stdout]).toEqual([0, '✔ 1 file checked, no problems\n']);
    const dir = mkdtempSync(join(tmpdir(), 'triage-validate-map-'));
    const yaml = join(dir, 'items.yaml');
    writeFileSync(yaml, '- { ref: R-1, name: One }\n- { ref: R-1, name: Two }\n');
    const mapped = await cli(['validate', yaml, '--map', 'id=ref,title=name', '--format', 'json']);
    const [file] = JSON.parse(mapped.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
    expect(file?.messages).toEqual([expect.objectContaining({ ruleId: 'item/duplicate-id', line: 2 })]);
  });

  it('takes from a config only how to read items and the principle set; a typo is still a mistake', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-validate-config-'));
    const typo = join(dir, 'typo.yaml');
    writeFileSync(typo, 'encoding: latin1\ndelimter: ";"\n');
    expect((await cli(['validate', EXPORT, '--config', typo])).stderr).toBe(
      `${typo}:2:1: "delimter" is not an option of triage validate; did you mean "delimiter"?; a config may set: principles, map, delimiter, encoding, sheet, header-row, ids, lenient, relax\n`,
    );
    const own = join(dir, 'own.yaml');
    writeFileSync(own, 'encoding: latin1\nmax-warnings: 0\n');
    const refused = await cli(['validate', EXPORT, '--config', own]);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      `${own}:2:1: "max-warnings" is an option of triage validate for the command line, not a config; a config may set: principles, map, delimiter, encoding, sheet, header-row, ids, lenient, relax\n`,
    ]);
  });
});
