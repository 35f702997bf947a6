/**
 * What the CLI touches of the outside world, passed in so tests can run commands in-process
 * with their own streams and environment.
 */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/**
 * Colour only on a TTY, never with NO_COLOR (any value), TERM=dumb or --no-color;
 * FORCE_COLOR turns it on where there is no TTY (CI logs that render colour).
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Io['env'], flag: boolean): boolean {
  if (!flag) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

/** Terminal width: the terminal's, else `COLUMNS` when set, else `fallback` (100 for tables). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: Io['env'], fallback = 100): number {
  const fromEnv = Number(env['COLUMNS']);
  if (stream.isTTY && stream.columns) return stream.columns;
  if (Number.isInteger(fromEnv) && fromEnv > 20) return fromEnv;
  return fallback;
}
