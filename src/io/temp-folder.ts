/**
 * A private temporary folder for one run's working files (held report sections, items
 * waiting to be sorted), made in the system's temporary folder when first needed and removed
 * when the run ends: on success, on failure, and on Ctrl-C, SIGTERM or SIGHUP, which would
 * otherwise end the process before any `finally` runs (io/cleanup.ts).
 *
 * Only `kill -9` (or a crash of the machine) leaves one behind, and such a folder can hold
 * hundreds of megabytes. So each is named `triage-run-<pid>-XXXXXX` and holds a marker file,
 * `owner`, with that pid and the host's name; the next run clears every such folder whose
 * process is gone (`clearStale`). Nothing else in the temporary folder is ever touched: not a
 * folder of another user, not one without the marker, not one whose marker names a live
 * process, another host (a shared /tmp) or another pid than its name.
 */
import { readFileSync, rmSync } from 'node:fs';
import { lstat, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TriageError } from '../errors.js';
import { isAlive, untilDone } from './cleanup.js';
import { writeError } from './write-error.js';

/** What to do when the temporary folder cannot be written. */
export const TEMP_HINT = 'set TMPDIR to a folder you can write to, with room for the run';

/** The marker file in each run's folder. */
const MARKER = 'owner';
/** `triage-run-<pid>-` and the six characters mkdtemp adds. */
const RUN_FOLDER = /^triage-run-(\d+)-[A-Za-z0-9]{6}$/;

export class TempFolder {
  private path: string | undefined;
  private creating: Promise<string> | undefined;
  private release: (() => void) | undefined;
  private files = 0;

  /**
   * Remove the folders of earlier runs that were killed before they could (see above); returns
   * how many. Best effort: a folder that cannot be read or removed is left.
   */
  static async clearStale(root = tmpdir()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(root);
    } catch {
      return 0;
    }
    let cleared = 0;
    for (const name of names) {
      const pid = RUN_FOLDER.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid) continue;
      const path = join(root, name);
      if (!(await isStale(path, Number(pid)))) continue;
      await rm(path, { recursive: true, force: true }).then(
        () => cleared++,
        () => undefined,
      );
    }
    return cleared;
  }

  /** A new file name in the folder, which is made on first use. */
  async newFile(stem: string): Promise<string> {
    const folder = await this.folder();
    this.files++;
    return join(folder, `${this.files}-${stem.replace(/[^a-z0-9-]/gi, '_').slice(0, 40)}`);
  }

  /** Remove the folder and everything in it (nothing when it was never made). */
  async remove(): Promise<void> {
    const path = this.path ?? (await this.creating?.catch(() => undefined));
    this.path = undefined;
    this.creating = undefined;
    if (path === undefined) return;
    this.release?.();
    this.release = undefined;
    await rm(path, { recursive: true, force: true });
  }

  private folder(): Promise<string> {
    this.creating ??= this.make().then(
      (path) => {
        this.path = path;
        return path;
      },
      (error: unknown) => {
        const reason = writeError(error, tmpdir(), TEMP_HINT).message;
        throw new TriageError('output', `a large run needs a temporary folder, and none could be made in ${tmpdir()}: ${reason}`, {
          hint: TEMP_HINT,
          cause: error,
        });
      },
    );
    return this.creating;
  }

  private async make(): Promise<string> {
    // Registered first: a signal between the folder's creation and the registration would leave it.
    let made: string | undefined;
    this.release = untilDone(() => {
      if (made !== undefined) rmSync(made, { recursive: true, force: true });
    });
    try {
      made = await mkdtemp(join(tmpdir(), `triage-run-${process.pid}-`));
      await writeFile(join(made, MARKER), markerText(process.pid), { flag: 'wx' });
      return made;
    } catch (error) {
      if (made !== undefined) await rm(made, { recursive: true, force: true });
      this.release?.();
      this.release = undefined;
      throw error;
    }
  }
}

function markerText(pid: number): string {
  return `${pid}\n${hostname()}\n`;
}

/** A run folder of ours (a real folder, this user's, with the marker) whose process is gone. */
async function isStale(path: string, pid: number): Promise<boolean> {
  try {
    const info = await lstat(path);
    if (!info.isDirectory() || (process.getuid !== undefined && info.uid !== process.getuid())) return false;
    if (readFileSync(join(path, MARKER), 'utf8') !== markerText(pid)) return false;
  } catch {
    return false;
  }
  return !isAlive(pid);
}
