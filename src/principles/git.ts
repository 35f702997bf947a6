/**
 * A principle set as it was at a git revision: `git:REV:path`, e.g.
 * `git:origin/main:principles/union.yaml`. The file is read with `git cat-file blob REV:path`
 * run without a shell, from the current folder, so REV is anything git resolves there (a
 * branch, a tag, a commit, `HEAD~1`) and `path` is relative to the repository's top folder
 * (`./path` is relative to the current folder, as git reads it). `cat-file blob` gives the
 * bytes as committed, with no filters applied, and refuses a path that is a folder.
 */
import { execFile } from 'node:child_process';
import { TriageError } from '../errors.js';
import { MAX_PRINCIPLES_BYTES, loadPrinciples, principlesFromBytes, type LoadedPrinciples } from './load.js';

export const GIT_PREFIX = 'git:';

export interface GitSpec {
  rev: string;
  path: string;
}

/** `git:REV:path` split at its first colon after `git:`; `undefined` for a plain path. */
export function parseGitSpec(spec: string): GitSpec | undefined {
  if (!spec.startsWith(GIT_PREFIX)) return undefined;
  const rest = spec.slice(GIT_PREFIX.length);
  const colon = rest.indexOf(':');
  const rev = colon < 0 ? rest : rest.slice(0, colon);
  const path = colon < 0 ? '' : rest.slice(colon + 1);
  if (rev === '' || path === '') {
    throw new TriageError('usage', `${spec}: a revision needs a path as well, as git:REV:path`, {
      hint: 'e.g. git:origin/main:principles/union.yaml (the path from the top of the repository)',
    });
  }
  // Never let a revision be read as an option of git.
  if (rev.startsWith('-')) throw new TriageError('usage', `${spec}: "${rev}" is not a revision`, { hint: 'name a branch, a tag or a commit' });
  return { rev, path };
}

/** A principle set from a file, or from git when the spec is `git:REV:path`. */
export async function loadPrinciplesSpec(spec: string, options: { cwd: string; stdin?: NodeJS.ReadableStream }): Promise<LoadedPrinciples> {
  const git = parseGitSpec(spec);
  if (!git) return loadPrinciples(spec, options);
  return principlesFromBytes(await gitBlob(git, spec, options.cwd), spec);
}

/** The bytes of `path` at `rev`, or a TriageError (exit 2) that says what is missing. */
export function gitBlob(git: GitSpec, spec: string, cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['cat-file', 'blob', `${git.rev}:${git.path}`],
      { cwd, encoding: 'buffer', maxBuffer: MAX_PRINCIPLES_BYTES + 1, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(gitError(error as NodeJS.ErrnoException & { code?: unknown }, String(stderr), git, spec));
      },
    );
  });
}

function gitError(error: NodeJS.ErrnoException & { code?: unknown }, stderr: string, git: GitSpec, spec: string): TriageError {
  const position = { file: spec };
  if (error.code === 'ENOENT') {
    return new TriageError('file-not-found', 'git is not installed, or not on the PATH', { position, hint: 'install git, or give the principle set as a file' });
  }
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return new TriageError('file-unreadable', `larger than ${MAX_PRINCIPLES_BYTES / 1024 / 1024} MB, the limit for a principle set`, { position });
  }
  const said = stderr.trim().split('\n').at(-1) ?? '';
  if (/not a git repository/i.test(said)) {
    return new TriageError('usage', 'the current folder is not inside a git repository', {
      position,
      hint: 'run triage from inside the repository, or give the principle set as a file',
    });
  }
  if (/invalid object name|unknown revision|bad revision|not a valid object name/i.test(said)) {
    return new TriageError('file-not-found', `git knows no revision "${git.rev}"`, {
      position,
      hint: 'check the name (git log --oneline, git branch -a); a remote branch may need git fetch first',
    });
  }
  if (/does not exist|exists on disk, but not in/i.test(said)) {
    return new TriageError('file-not-found', `there is no ${git.path} at ${git.rev}`, {
      position,
      hint: 'the path is from the top of the repository (./path from the current folder); git ls-tree -r --name-only REV lists the files',
    });
  }
  if (/bad file/i.test(said)) {
    return new TriageError('file-unreadable', `${git.path} is a folder at ${git.rev}, not a principle set`, { position, hint: 'give the path of the YAML file' });
  }
  return new TriageError('file-unreadable', `git could not read it${said ? ` (${said})` : ''}`, { position });
}
