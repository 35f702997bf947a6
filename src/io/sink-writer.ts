/**
 * Runs a format's sink onto an output: text it writes goes out at once, pieces it holds go
 * to a spool on disk, and at the end the finished document is written with each held
 * section copied in where the format placed it. A JSON report of a million items thus never
 * exists as one string, and memory stays flat whatever the run's size. A packaged document
 * (xlsx) marks where each of its parts starts, and its output packs them into one file.
 */
import type { Summary } from '../core/summary.js';
import type { AssessedItem } from '../core/types.js';
import { isPartStart, splitWritten } from '../formats/assemble.js';
import type { Placement, Sink } from '../formats/types.js';
import type { Output } from './output.js';
import { Spool } from './spool.js';
import type { TempFolder } from './temp-folder.js';

export class SinkWriter {
  private spool: Spool | undefined;

  constructor(
    private readonly sink: Sink,
    private readonly output: Output,
    private readonly folder: TempFolder,
  ) {}

  /** One item through the sink. */
  async write(result: AssessedItem): Promise<void> {
    const written = this.sink.write(result);
    // Text, the common case of a streaming format, goes straight out.
    if (typeof written === 'string') {
      if (written !== '') await this.output.write(written);
      return;
    }
    const { held } = splitWritten(written);
    for (const piece of held) {
      this.spool ??= new Spool(this.folder);
      await this.spool.hold(piece.section, piece.text);
    }
  }

  /** The end of the document, held sections in place. The output is left to commit. */
  async end(summary: Summary): Promise<void> {
    const finished = this.sink.end(summary);
    if (typeof finished === 'string') {
      await this.output.write(finished);
      return;
    }
    for (const part of finished) {
      if (typeof part === 'string') await this.output.write(part);
      else if (isPartStart(part)) await this.startPart(part.part);
      else await this.place(part);
    }
  }

  /** Close the spool's files, whether the run finished or failed; the folder's owner removes them. */
  async close(): Promise<void> {
    await this.spool?.close();
  }

  /** A packaged document's next part: only an output that packs parts (io/zip-output.ts) can take one. */
  private async startPart(name: string): Promise<void> {
    if (!this.output.startPart) throw new Error(`the output cannot hold the parts of a packaged document (${name})`);
    await this.output.startPart(name);
  }

  private async place(placement: Placement): Promise<void> {
    if (!this.spool) return;
    const { render } = placement;
    if (render) {
      for await (const piece of this.spool.pieces(placement.section)) await this.output.write(render(piece));
    } else {
      for await (const text of this.spool.text(placement.section)) await this.output.write(text);
    }
  }
}
