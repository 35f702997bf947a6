/**
 * The CI guide's workflow snippets (docs/guides/ci.md), read as the CI services would: a maintained Node release, action
 * versions that are current, the permissions GitHub documents for SARIF upload, and triage
 * commands that run as written (against the portfolio fixture, from a repository top).
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoPath, triage } from '../helpers/run.js';

const guide = readFileSync(repoPath('docs/guides/ci.md'), 'utf8');
const section = guide.slice(guide.indexOf('## Workflows: GitHub Actions and GitLab CI\n'), guide.indexOf('## Report formats\n'));

/** The YAML code block that starts with this comment line. */
function snippet(first: string): Record<string, unknown> {
  const block = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).find((b) => b.startsWith(first));
  if (!block) throw new Error(`no snippet starting ${first}`);
  return parse(block) as Record<string, unknown>;
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

const workflow = snippet('# .github/workflows/portfolio.yml') as { jobs: { validate: { permissions: Record<string, string>; steps: Step[] } } };
const gitlab = snippet('# .gitlab-ci.yml') as { 'validate-portfolio': { image: string; script: string[] } };
const steps = workflow.jobs.validate.steps;

describe("the CI guide's workflow snippets", () => {
  it('use Node 24, a maintained long-term-support release (Node 20 left support in April 2026)', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': 24 });
    expect(gitlab['validate-portfolio'].image).toBe('node:24');
  });

  it('use the current major versions of the actions', () => {
    expect(steps.filter((s) => s.uses).map((s) => s.uses)).toEqual(['actions/checkout@v7', 'actions/setup-node@v7', 'github/codeql-action/upload-sarif@v4']);
  });

  it('grant what GitHub documents for SARIF upload, private repositories included, and nothing more', () => {
    expect(workflow.jobs.validate.permissions).toEqual({ 'security-events': 'write', actions: 'read', contents: 'read' });
  });

  it('run triage commands that work as written, from the repository top', () => {
    const root = mkdtempSync(join(tmpdir(), 'triage-readme-ci-'));
    mkdirSync(join(root, '.git'));
    cpSync(repoPath('test/fixtures/validate/portfolio'), join(root, 'portfolio'), { recursive: true });
    // The portfolio's tests, which `triage test` finds beside its set: one case, too few for --min-coverage 90.
    writeFileSync(
      join(root, 'portfolio', 'principles.tests.yaml'),
      'tests:\n  - name: an item with nothing known\n    item: { id: T-1, title: Unknown }\n    expect: { route: review }\n',
    );
    const commands = [...steps.flatMap((s) => (s.run ? [s.run] : [])), ...gitlab['validate-portfolio'].script].filter((c) => c.startsWith('npx triage '));
    expect(commands).toHaveLength(5);
    for (const command of commands) {
      // `|| [ $? -eq 1 ]` lets findings through; the command itself must run and find them.
      const args = command
        .replace(/^npx triage /, '')
        .replace(/ \|\| \[ \$\? -eq 1 \]$/, '')
        .split(' ');
      const { code, stderr } = triage(args, { cwd: root });
      expect({ command, code }).toEqual({ command, code: 1 });
      expect(stderr).not.toMatch(/unknown option|error: /);
    }
  });
});
