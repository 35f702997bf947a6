/** The root CI reports give paths from: --root, else the git top folder, else the working folder. */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, type TriageError } from '../../src/errors.js';
import { findRoot, pathsFromRoot } from '../../src/validate/root.js';

/** A folder outside any repository (the system's temporary folder is in none). */
function scratch(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'triage-root-')));
}

describe('findRoot', () => {
  it('is the nearest folder above holding .git, a folder or (in a linked work tree) a file', async () => {
    const top = scratch();
    mkdirSync(join(top, '.git'));
    mkdirSync(join(top, 'portfolio', 'q3'), { recursive: true });
    expect(await findRoot(join(top, 'portfolio', 'q3'))).toBe(top);
    expect(await findRoot(top)).toBe(top);
    const linked = scratch();
    writeFileSync(join(linked, '.git'), 'gitdir: /elsewhere/.git/worktrees/linked\n');
    mkdirSync(join(linked, 'portfolio'));
    expect(await findRoot(join(linked, 'portfolio'))).toBe(linked);
  });

  it('is the working folder outside a repository', async () => {
    const here = scratch();
    mkdirSync(join(here, 'portfolio'));
    expect(await findRoot(join(here, 'portfolio'))).toBe(join(here, 'portfolio'));
  });

  it('is --root when given, resolved from the working folder; a missing or non-folder root is a usage error', async () => {
    const top = scratch();
    mkdirSync(join(top, '.git'));
    mkdirSync(join(top, 'portfolio'));
    writeFileSync(join(top, 'file.txt'), 'x');
    expect(await findRoot(join(top, 'portfolio'), '..')).toBe(top);
    expect(await findRoot(top, 'portfolio')).toBe(join(top, 'portfolio'));
    const refusal = async (given: string): Promise<[string, number]> => {
      const error = (await findRoot(top, given).catch((e: unknown) => e)) as TriageError;
      return [formatError(error), error.exitCode];
    };
    expect(await refusal('nope')).toEqual(['nope: cannot find folder nope; check the path and the current folder', 2]);
    expect(await refusal('file.txt')).toEqual([
      '--root file.txt is not a folder; give the folder CI paths are relative to, usually the repository top folder',
      2,
    ]);
  });
});

describe('pathsFromRoot', () => {
  it('gives paths from the root with / between folders, absolute paths outside it, and <stdin> as it is', async () => {
    const top = scratch();
    mkdirSync(join(top, 'portfolio'));
    writeFileSync(join(top, 'portfolio', 'backlog.csv'), 'id,title\n');
    const outside = scratch();
    writeFileSync(join(outside, 'other.csv'), 'id,title\n');
    const path = await pathsFromRoot(['backlog.csv', join(outside, 'other.csv'), '<stdin>'], top, join(top, 'portfolio'));
    expect(path('backlog.csv')).toBe('portfolio/backlog.csv');
    expect(path(join(outside, 'other.csv'))).toBe(join(outside, 'other.csv'));
    expect(path('<stdin>')).toBe('<stdin>');
  });

  it('resolves symbolic links, as code scanning cannot show a finding in a file reached through one', async () => {
    const top = scratch();
    mkdirSync(join(top, 'data'));
    writeFileSync(join(top, 'data', 'real.csv'), 'id,title\n');
    symlinkSync(join(top, 'data', 'real.csv'), join(top, 'link.csv'));
    const path = await pathsFromRoot(['link.csv'], top, top);
    expect(path('link.csv')).toBe('data/real.csv');
  });

  it('treats a sibling folder whose name starts like the root as outside it', async () => {
    const parent = scratch();
    mkdirSync(join(parent, 'repo'));
    mkdirSync(join(parent, 'repo-other'));
    writeFileSync(join(parent, 'repo-other', 'a.csv'), 'id,title\n');
    const path = await pathsFromRoot(['../repo-other/a.csv'], join(parent, 'repo'), join(parent, 'repo'));
    expect(path('../repo-other/a.csv')).toBe(join(parent, 'repo-other', 'a.csv'));
  });
});
