/** A terminal stand-in for running commands in-process. */
import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';

/** Streams that record what is written, and a standard input that says it is a terminal. */
export function terminalIo(cwd: string): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  return {
    io: { stdout: sink((t) => (out += t)), stderr: sink((t) => (err += t)), stdin, env: { NO_COLOR: '1', COLUMNS: '80' }, cwd },
    out: () => out,
    err: () => err,
  };
}
