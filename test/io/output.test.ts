import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import type * as Fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TriageError } from '../../src/errors.js';
import { openOutput } from '../../src/io/output.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-output-'));
}

// Files are written with writeSync (see PendingFile.write); tests make it fail or write short.
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof Fs>();
  return { ...fs, writeSync: vi.fn(fs.writeSync) };
});
const { writeSync: realWriteSync } = await vi.importActual<typeof Fs>('node:fs');

afterEach(() => {
  vi.mocked(writeSync).mockReset();
  vi.mocked(writeSync).mockImplementation(realWriteSync);
});

describe('openOutput', () => {
  it('writes standard output straight through for no path or -', async () => {
    const stdout = new PassThrough();
    const output = await openOutput('-', stdout);
    await output.write('hello\n');
    await output.commit();
    expect([output.toFile, String(stdout.read())]).toEqual([false, 'hello\n']);
  });

  it('resolves a write of bytes to a descriptor only when the stream is done with them, so they can be filled again', async () => {
    const taken: string[] = [];
    let finish: (() => void) | undefined;
    // A slow pipe: it holds each chunk until the test lets it go.
    const stdout = Object.assign(
      new Writable({
        highWaterMark: 1 << 20,
        write(chunk: Buffer, _encoding, done) {
          taken.push(chunk.toString());
          finish = done;
        },
      }),
      { fd: 1 },
    );
    const output = await openOutput(undefined, stdout);
    const bytes = Buffer.from('first');
    let resolved = false;
    const writing = output.writeBytes!(bytes).then(() => (resolved = true));
    await new Promise((resolve) => setImmediate(resolve));
    // The stream had room, so a write that waited only for room would be done by now.
    expect([resolved, taken]).toEqual([false, ['first']]);
    finish!();
    await writing;
    expect(resolved).toBe(true);
  });

  it('gives a stream of this process a copy of the bytes, since it may keep what it was given', async () => {
    const stdout = new PassThrough();
    const output = await openOutput(undefined, stdout);
    const bytes = Buffer.from('first');
    await output.writeBytes!(bytes);
    bytes.write('again');
    expect(String(stdout.read())).toBe('first');
  });

  it('renames a finished file into place, keeping the old mode, and leaves no temporary file', async () => {
    const dir = folder();
    const path = join(dir, 'report.csv');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o640);
    const output = await openOutput(path, new PassThrough());
    await output.write('new ');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    await output.write('report\n');
    await output.commit();
    expect(readFileSync(path, 'utf8')).toBe('new report\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('leaves an existing file untouched and removes the temporary file when the run fails', async () => {
    const dir = folder();
    const path = join(dir, 'report.html');
    writeFileSync(path, 'the old report');
    const output = await openOutput(path, new PassThrough());
    await output.write('<!doctype html> half a rep');
    await output.abort();
    expect(readFileSync(path, 'utf8')).toBe('the old report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('turns a write error into one clear error, and abort still cleans up', async () => {
    const dir = folder();
    const path = join(dir, 'report.csv');
    writeFileSync(path, 'old\n');
    const output = await openOutput(path, new PassThrough());
    vi.mocked(writeSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const failure = await output.write('x'.repeat(1000)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TriageError);
    expect((failure as TriageError).message).toBe(`the disk is full while writing ${path}; nothing was written`);
    await output.abort();
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('keeps writing when the system writes only part of the text at a time', async () => {
    const dir = folder();
    const path = join(dir, 'report.html');
    const calls: number[] = [];
    vi.mocked(writeSync).mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) => {
      calls.push(length);
      return realWriteSync(fd, buffer, offset, Math.min(length, 4));
    }) as typeof writeSync);
    const output = await openOutput(path, new PassThrough());
    await output.write('a whole report\n');
    await output.commit();
    expect(readFileSync(path, 'utf8')).toBe('a whole report\n');
    expect(calls).toEqual([15, 11, 7, 3]);
  });

  it('encodes a long text in pieces without splitting a character', async () => {
    const dir = folder();
    const path = join(dir, 'report.md');
    // 64 Ki code units a piece: the pair "😀" straddles the first boundary.
    const text = `${'a'.repeat(64 * 1024 - 1)}😀${'é'.repeat(70_000)}`;
    const output = await openOutput(path, new PassThrough());
    await output.write(text);
    await output.commit();
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a folder that does not exist, creating nothing', async () => {
    const dir = folder();
    const failure = await openOutput(join(dir, 'missing', 'out.csv'), new PassThrough()).catch((error: unknown) => error);
    expect((failure as TriageError).message).toBe(`cannot write ${join(dir, 'missing', 'out.csv')}: its folder does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('listens for Ctrl-C, SIGTERM and SIGHUP only while a temporary file exists', async () => {
    const counts = (): number[] => ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal));
    const before = counts();
    const dir = folder();
    const first = await openOutput(join(dir, 'a.txt'), new PassThrough());
    const second = await openOutput(join(dir, 'b.txt'), new PassThrough());
    expect(counts()).toEqual(before.map((n) => n + 1));
    await first.commit();
    expect(counts()).toEqual(before.map((n) => n + 1));
    await second.abort();
    expect(counts()).toEqual(before);
  });
});
