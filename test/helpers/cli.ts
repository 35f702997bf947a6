/**
 * Run the CLI in-process, as the built bin would run it, with captured streams: what most
 * command-line tests need, without a child process. Standard input is not a terminal unless
 * asked; text given as `input` is what a pipe would hold. `cwd` is the folder the command runs
 * in, for relative paths as well as for what the command reads from io.cwd.
 */
import { PassThrough, Writable } from 'node:stream';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { ROOT } from './run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: readonly string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string>; tty?: boolean; stderrTty?: boolean } = {},
): Promise<CliResult> {
  // Bytes, decoded once at the end as a pipe's reader would: a character split across two
  // writes is not mangled.
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (chunks: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        done();
      },
    });
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  if (!options.tty) stdin.end(options.input ?? '');
  // A terminal on standard error is where progress lines go.
  const stderr = Object.assign(sink(err), { isTTY: options.stderrTty === true });
  const io: Io = { stdout: sink(out), stderr, stdin, env: { NO_COLOR: '1', ...options.env }, cwd: options.cwd ?? ROOT };
  // Paths on the command line are relative to the process's folder, as in a shell: the run
  // moves there for its duration (each test file has a process of its own, and its tests run
  // one at a time, so nothing else sees the move).
  const home = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  let code: number;
  try {
    code = await run(args, io);
  } finally {
    process.chdir(home);
  }
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
