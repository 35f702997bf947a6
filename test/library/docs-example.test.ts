/** docs/library.md's example, run as written against the built package, prints what the page says. */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.js';

const page = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');

/** The fenced blocks of a language, in order. */
function blocks(language: string): string[] {
  const fence = '```';
  const found: string[] = [];
  let at = page.indexOf(`${fence}${language}\n`);
  while (at >= 0) {
    const start = at + fence.length + language.length + 1;
    const end = page.indexOf(`${fence}\n`, start);
    found.push(page.slice(start, end));
    at = page.indexOf(`${fence}${language}\n`, end);
  }
  return found;
}

describe('docs/library.md', () => {
  it('has one TypeScript example and the output it prints', () => {
    expect([blocks('ts').length, blocks('text').length]).toEqual([1, 1]);
  });

  it('type-checks against the package types', () => {
    const file = join(ROOT, `.docs-example-check-${process.pid}.ts`);
    writeFileSync(file, `${blocks('ts')[0]}\nexport {};\n`);
    try {
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        types: ['node'],
        skipLibCheck: true,
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('runs as written, importing union-triage, and prints what the page says', () => {
    const js = ts.transpileModule(blocks('ts')[0] as string, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    // Inside the package, so `union-triage` resolves to the built package itself.
    const file = join(ROOT, `.docs-example-${process.pid}.mjs`);
    writeFileSync(file, js);
    try {
      const run = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(blocks('text')[0]);
      expect(run.status).toBe(0);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
