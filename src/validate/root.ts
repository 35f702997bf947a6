/**
 * The folder CI reports give paths from. Code scanning, GitLab Code Quality, GitHub annotations
 * and test viewers find a file by its path from the repository's top folder; a path relative
 * to wherever the command ran (`cd portfolio && triage validate .`) points them at the wrong
 * file, or at none. The root is `--root` when given, else the top folder of the git work tree
 * the command runs in, else the working folder.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TriageError } from '../errors.js';
import { STDIN_NAME, fileError } from '../io/read.js';

/** The root: `given` (resolved from `cwd`), else the git top level above `cwd`, else `cwd`. */
export async function findRoot(cwd: string, given?: string): Promise<string> {
  if (given !== undefined) {
    const root = resolve(cwd, given);
    let isFolder: boolean;
    try {
      isFolder = (await stat(root)).isDirectory();
    } catch (error) {
      throw fileError(error, given, 'folder');
    }
    if (!isFolder)
      throw new TriageError('usage', `--root ${given} is not a folder`, {
        hint: 'give the folder CI paths are relative to, usually the repository top folder',
      });
    return real(root);
  }
  const here = await real(cwd);
  return (await gitTopLevel(here)) ?? here;
}

/**
 * The nearest folder at or above `folder` that holds `.git`: a folder in a repository, a file
 * in a linked work tree or a submodule. Found without running git, which a CI image may lack.
 */
async function gitTopLevel(folder: string): Promise<string | undefined> {
  for (let dir = folder; ; dir = dirname(dir)) {
    try {
      await stat(join(dir, '.git'));
      return dir;
    } catch {
      // Not here: look one folder up.
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A mapping from the names files were checked under to their paths from `root`, with `/`
 * between folders. Symbolic links are resolved first (code scanning cannot show a finding in
 * a file reached through one). A file outside the root keeps its absolute path; standard
 * input keeps its name.
 */
export async function pathsFromRoot(files: readonly string[], root: string, cwd: string): Promise<(file: string) => string> {
  const paths = new Map<string, string>();
  for (const file of files) {
    if (file === STDIN_NAME || paths.has(file)) continue;
    paths.set(file, fromRoot(await real(resolve(cwd, file)), root));
  }
  return (file) => paths.get(file) ?? (file === STDIN_NAME ? file : fromRoot(resolve(cwd, file), root));
}

function fromRoot(absolute: string, root: string): string {
  const rel = relative(root, absolute);
  const inside = rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  return (inside ? rel : absolute).split(sep).join('/');
}

/** The path with symbolic links resolved, or as it is when that fails. */
async function real(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}
