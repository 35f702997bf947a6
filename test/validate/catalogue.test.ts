/**
 * The rule catalogue is complete: every rule id used anywhere in the sources has an entry,
 * and every entry has the descriptions and help that code-scanning dashboards require. (The
 * types make an uncatalogued id a compile error; this test also catches one written where the
 * types do not reach, in a template string or a comment's example.)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/rule-ids.js';
import { RULES, ruleMeta } from '../../src/validate/rules.js';
import { repoPath } from '../helpers/run.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Quoted strings shaped like a rule id: a kind of file or check, a slash, a name. */
const RULE_ID_LITERAL = /['"`]((?:file|yaml|csv|json|xlsx|principles|item|decisions|test)\/[a-z][a-z-]*)['"`]/g;

describe('rule catalogue', () => {
  it('has an entry for every rule id the sources use, and no entry the sources never use', () => {
    const used = new Set<string>();
    for (const path of sources(repoPath('src'))) {
      if (path.endsWith('rule-ids.ts') || path.endsWith('rules.ts') || path.endsWith('rule-help.ts')) continue;
      for (const match of readFileSync(path, 'utf8').matchAll(RULE_ID_LITERAL)) used.add(match[1] as string);
    }
    expect([...used].filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
    expect(RULE_IDS.filter((id) => !used.has(id))).toEqual([]);
    expect(used.has('decisions/expired')).toBe(true);
  });

  it('lists each id once, in the order of RULE_IDS', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('gives every rule a one-line description, a full description, a fix and an example', () => {
    for (const rule of RULES) {
      // GitHub code scanning limits short and full descriptions to 1,024 characters.
      expect(rule.description, rule.id).toMatch(/^[A-Z].{10,}\.$/s);
      expect(rule.description.length, rule.id).toBeLessThanOrEqual(1024);
      expect(rule.description, rule.id).not.toContain('\n');
      expect(rule.fullDescription.length, rule.id).toBeGreaterThan(rule.description.length);
      expect(rule.fullDescription.length, rule.id).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription, rule.id).toMatch(/^[A-Z].*\.$/s);
      expect(rule.fix, rule.id).toMatch(/^[A-Z].{10,}\.$/s);
      expect(rule.example.trim().length, rule.id).toBeGreaterThan(10);
      // The example goes into a Markdown code block, which three backticks would end.
      expect(rule.example, rule.id).not.toContain('```');
    }
  });

  it('has decisions/expired, the warning score gives for a lapsed decision', () => {
    expect(ruleMeta('decisions/expired')).toMatchObject({ severity: 'warning', kinds: ['decisions'] });
  });
});
