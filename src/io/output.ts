/**
 * Where results go: standard output, or a file written atomically. A file is written to a
 * temporary sibling and renamed into place only when everything succeeded, so a failed run
 * never leaves a half-written file and never touches the file that was there before. A
 * device or `/dev/stdout` is written in place, a link's target is what gets replaced, and an
 * output that is one of the run's inputs is refused (io/target.ts).
 */
import { PendingFile } from './atomic.js';
import { refuseInputAsOutput, writeTarget, type RunInput } from './target.js';

export interface Output {
  write(text: string): Promise<void>;
  /**
   * Bytes as they are: for an output that packs a document's parts into a binary file (xlsx),
   * and for `score --jobs`. The caller may fill the bytes again once the promise resolves.
   */
  writeBytes?(bytes: Uint8Array): Promise<void>;
  /** For a packaged document: the text written from now on is this part (io/zip-output.ts). */
  startPart?(name: string): Promise<void>;
  /** Finish: for a file, sync and rename into place. */
  commit(): Promise<void>;
  /** Give up: for a file, remove the temporary file and leave any old file as it was. */
  abort(): Promise<void>;
  /** True when writing to a file rather than standard output. */
  readonly toFile: boolean;
}

export interface OpenOutputOptions {
  /** Files the run reads: the output may be none of them. */
  inputs?: readonly RunInput[];
  /** Standard input, to compare when `-` is among the inputs. */
  stdin?: NodeJS.ReadableStream;
  /** Standard error, for `-o /dev/stderr`. */
  stderr?: NodeJS.WritableStream;
}

/** Standard output, with backpressure. */
export function stdoutOutput(stdout: NodeJS.WritableStream): Output {
  return {
    write: (text) => writeText(stdout, text),
    writeBytes: fdBacked(stdout) ? (bytes) => writeAndWait(stdout, bytes) : (bytes) => writeText(stdout, Buffer.from(bytes)),
    commit: async () => undefined,
    abort: async () => undefined,
    toFile: false,
  };
}

/** Open `path` for an atomic write (or standard output for `-` / undefined). */
/** Write a whole document to `path` (atomically) or standard output: all of it, or nothing. */
export async function writeOutput(path: string | undefined, text: string, stdout: NodeJS.WritableStream, options: OpenOutputOptions = {}): Promise<void> {
  const output = await openOutput(path, stdout, options);
  try {
    await output.write(text);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}

export async function openOutput(path: string | undefined, stdout: NodeJS.WritableStream, options: OpenOutputOptions = {}): Promise<Output> {
  if (path === undefined || path === '-') return stdoutOutput(stdout);
  await refuseInputAsOutput(path, options.inputs ?? [], options.stdin ? { stdin: options.stdin } : {});
  // `-o /dev/stdout` (or a link to it) is standard output itself, whatever that is: a pipe, a
  // socket, a terminal or a file. Reopening it by name fails for a socket, and replacing it
  // by name would replace the link.
  const target = await writeTarget(path);
  if (target.kind === 'in-place' && target.fd === 1) return { ...stdoutOutput(stdout), toFile: true };
  if (target.kind === 'in-place' && target.fd === 2 && options.stderr) return { ...stdoutOutput(options.stderr), toFile: true };
  const file = await PendingFile.open(path);
  const encoder = new TextEncoding();
  return {
    toFile: true,
    write: async (text) => {
      for (const bytes of encoder.encode(text)) await file.write(bytes);
    },
    writeBytes: (bytes) => file.write(bytes),
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
}

/** UTF-16 code units encoded at a time: at most three bytes each. */
const ENCODE_CHARS = 64 * 1024;

/**
 * Text to UTF-8 through one reused buffer. A new Buffer for every batch of a million-row
 * report is memory outside V8's heap that is given back only when a collection gets round to
 * it: tens of megabytes of RSS, for bytes that are written at once and never read again.
 */
class TextEncoding {
  private readonly buffer = Buffer.allocUnsafe(ENCODE_CHARS * 3);

  /** The text's bytes, a buffer's worth at a time; each is valid only until the next is asked for. */
  *encode(text: string): Generator<Uint8Array> {
    for (let at = 0; at < text.length;) {
      let end = Math.min(text.length, at + ENCODE_CHARS);
      // Never split a surrogate pair between two buffers.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      const length = this.buffer.write(at === 0 && end === text.length ? text : text.slice(at, end), 0, 'utf8');
      yield this.buffer.subarray(0, length);
      at = end;
    }
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Write text and wait when the stream asks us to (backpressure). */
export async function writeText(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  if (!stream.write(text)) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }
}

/**
 * Whether a stream writes to a file descriptor (process.stdout is one), and so is done with
 * a chunk when its write's callback runs. A stream in the same process may keep the chunk
 * itself after that (a PassThrough holds it until it is read), so it is given a copy.
 */
function fdBacked(stream: NodeJS.WritableStream): boolean {
  return typeof (stream as { fd?: unknown }).fd === 'number';
}

/**
 * Write bytes and wait until the stream is done with them, not just until it has room: the
 * caller fills the same buffer again next (score --jobs). A failed write resolves too; the
 * stream's error is reported where every write's is.
 */
function writeAndWait(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('close', done);
      resolve();
    };
    stream.once('close', done);
    stream.write(bytes, () => done());
  });
}
