/**
 * Held sections: the pieces of text a format holds aside until its document's end
 * (formats/types.ts, `Held`). A small run's pieces stay in memory; once they pass a few
 * megabytes every section moves to a temporary file of its own, appended to as pieces come
 * and read back in order, piece by piece when a format finishes each piece at the end, or as
 * plain text otherwise. On disk, memory holds a small write buffer per section and four
 * bytes per piece (its length).
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { writeAll, writeError } from './atomic.js';
import { TEMP_HINT, type TempFolder } from './temp-folder.js';
import { Uint32List } from './uint32-list.js';

/** Characters held in memory, across all sections, before they move to disk. */
const MEMORY_CHARS = 4 * 1024 * 1024;
/** Bytes each section gathers before writing them to its file. */
const BUFFER_BYTES = 64 * 1024;
/** Bytes read at a time: small enough that the text read stays in V8's young generation. */
const READ_BYTES = 64 * 1024;

interface Section {
  /** The pieces, while the spool is in memory. */
  pieces: string[];
  file: SectionFile | undefined;
}

interface SectionFile {
  path: string;
  handle: FileHandle | undefined;
  /** Encoded text not yet written, reused after each write. */
  buffer: Buffer;
  used: number;
  /** Length of each piece in UTF-16 code units (what `string.length` counts), in order. */
  lengths: Uint32List;
}

export class Spool {
  private readonly sections = new Map<string, Section>();
  private heldChars = 0;
  private onDisk = false;

  constructor(private readonly folder: TempFolder) {}

  /** Append a piece to a section. */
  async hold(name: string, text: string): Promise<void> {
    let section = this.sections.get(name);
    if (!section) {
      section = { pieces: [], file: undefined };
      this.sections.set(name, section);
    }
    if (this.onDisk) return this.append(section, name, text);
    section.pieces.push(text);
    this.heldChars += text.length;
    if (this.heldChars > MEMORY_CHARS) await this.moveToDisk();
  }

  /** A section's text in order, in chunks (nothing for a section never held). */
  async *text(name: string): AsyncGenerator<string> {
    const file = await this.contents(name);
    if (Array.isArray(file)) {
      yield* file;
      return;
    }
    for await (const chunk of createReadStream(file.path, { encoding: 'utf8', highWaterMark: READ_BYTES })) yield chunk as string;
  }

  /** A section's pieces, one by one, as they were held. */
  async *pieces(name: string): AsyncGenerator<string> {
    const file = await this.contents(name);
    if (Array.isArray(file)) {
      yield* file;
      return;
    }
    let text = '';
    let at = 0;
    let k = 0;
    for await (const chunk of createReadStream(file.path, { encoding: 'utf8', highWaterMark: READ_BYTES })) {
      text = text.slice(at) + (chunk as string);
      at = 0;
      for (; k < file.lengths.size; k++) {
        const length = file.lengths.at(k);
        if (text.length - at < length) break;
        yield text.slice(at, at + length);
        at += length;
      }
    }
    // Empty pieces at the end take no bytes, so no chunk brings them.
    for (; k < file.lengths.size && file.lengths.at(k) === 0; k++) yield '';
    if (k < file.lengths.size) throw new Error(`the temporary file ${file.path} is shorter than was written`);
  }

  /** A section's file, finished and ready to read; or its pieces, while the spool is in memory. */
  private async contents(name: string): Promise<SectionFile | string[]> {
    const section = this.sections.get(name);
    return section?.file ? this.finished(section.file) : (section?.pieces ?? []);
  }

  /** Close every file; the folder's owner removes them. */
  async close(): Promise<void> {
    for (const { file } of this.sections.values()) {
      await file?.handle?.close().catch(() => undefined);
      if (file) file.handle = undefined;
    }
  }

  /** Past MEMORY_CHARS: every section to its own file, and every piece from now on. */
  private async moveToDisk(): Promise<void> {
    this.onDisk = true;
    for (const [name, section] of this.sections) {
      const pieces = section.pieces;
      section.pieces = [];
      for (const piece of pieces) await this.append(section, name, piece);
    }
  }

  private async append(section: Section, name: string, text: string): Promise<void> {
    const file = (section.file ??= await this.newFile(name));
    file.lengths.push(text.length);
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (file.used + text.length * 3 > file.buffer.length) {
      await this.flush(file);
      if (text.length * 3 > file.buffer.length) {
        await this.write(file, Buffer.from(text));
        return;
      }
    }
    file.used += file.buffer.write(text, file.used);
  }

  private async newFile(name: string): Promise<SectionFile> {
    const path = await this.folder.newFile(`section-${name}`);
    return { path, handle: undefined, buffer: Buffer.allocUnsafe(BUFFER_BYTES), used: 0, lengths: new Uint32List() };
  }

  /** Write what the section's buffer holds. */
  private async flush(file: SectionFile): Promise<void> {
    if (file.used === 0) return;
    const used = file.used;
    file.used = 0;
    await this.write(file, file.buffer.subarray(0, used));
  }

  private async write(file: SectionFile, bytes: Uint8Array): Promise<void> {
    try {
      file.handle ??= await open(file.path, 'a');
      await writeAll(file.handle, bytes);
    } catch (error) {
      throw writeError(error, file.path, TEMP_HINT);
    }
  }

  /** The file with everything written and closed, ready to read (made, if it was all empty pieces). */
  private async finished(file: SectionFile): Promise<SectionFile> {
    await this.flush(file);
    await this.write(file, new Uint8Array(0));
    await file.handle?.close();
    file.handle = undefined;
    return file;
  }
}
