/**
 * Run the CLI in-process, as the built bin would run it, with captured streams: what most
 * command-line tests need, without a child process. Standard input is not a terminal unless
 * asked; text given as `input` is what a pipe would hold.
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
  options: { cwd?: string; input?: string; env?: Record<string, string>; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  if (!options.tty) stdin.end(options.input ?? '');
  const io: Io = { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), stdin, env: { NO_COLOR: '1', ...options.env }, cwd: options.cwd ?? ROOT };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
