/**
 * Progress of a long read on stderr, for people at a terminal: rows, rows per second, the
 * share of bytes read when the size is known, and the time so far, on one line that is
 * redrawn at most ten times a second and cleared when reading ends. Nothing at all when
 * stderr is not a terminal, or with --quiet: logs and pipes get no control characters.
 */

/** Where progress is drawn: a terminal stream. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Milliseconds since some fixed point; injectable for tests. */
  now?: () => number;
  /** Least time between redraws, in milliseconds. */
  interval?: number;
}

/** Rows are counted in batches; the clock is read once every this many rows at most. */
const CLOCK_EVERY = 512;

export class Progress {
  private rows = 0;
  private uncheckedRows = 0;
  private bytes = 0;
  private size: number | undefined;
  private readonly started: number;
  private lastDraw: number;
  private shown = false;
  private readonly now: () => number;
  private readonly interval: number;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.interval = options.interval ?? 100;
    this.started = this.now();
    this.lastDraw = this.started;
  }

  /** A file starts; its size in bytes when known (not for standard input). The percentage is of this file. */
  file(bytes: number | undefined): void {
    this.bytes = 0;
    this.size = bytes;
  }

  /** Bytes read so far of the current file. */
  read(bytes: number): void {
    this.bytes = bytes;
  }

  /** More rows were read. */
  counted(rows: number): void {
    this.rows += rows;
    this.uncheckedRows += rows;
    if (this.uncheckedRows < CLOCK_EVERY) return;
    this.uncheckedRows = 0;
    const now = this.now();
    if (now - this.lastDraw >= this.interval) {
      this.lastDraw = now;
      this.draw(now);
    }
  }

  /** Take the line off the screen (before other text is written, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[2K');
    this.shown = false;
  }

  /** The line as it would be drawn now. */
  line(now = this.now()): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const parts = [`${this.rows.toLocaleString('en-GB')} rows`, `${Math.round(this.rows / seconds).toLocaleString('en-GB')} rows/s`];
    if (this.size) parts.push(`${Math.min(100, Math.floor((100 * this.bytes) / this.size))}%`);
    parts.push(elapsed(seconds));
    return parts.join(' · ');
  }

  private draw(now: number): void {
    this.stream.write(`\r\u001b[2K${this.line(now)}`);
    this.shown = true;
  }
}

/** `42s`, `3m 05s`. */
function elapsed(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole < 60) return `${whole}s`;
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}
