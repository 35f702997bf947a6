/**
 * Progress of a calibration on stderr, for a person at a terminal: the search's step and
 * agreement, then how many held-out calibrations are done, on one line redrawn at most ten
 * times a second and cleared at the end. The command draws it only when stderr is a terminal
 * and --quiet is off, as for the progress of a long read (progress.ts).
 */
import type { CalibrationProgress } from '../core/calibrate/calibrate.js';
import type { ProgressStream } from './progress.js';

export class CalibrationProgressLine {
  private shown = false;
  private lastDraw: number;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly decided: number,
    private readonly now: () => number = () => performance.now(),
    private readonly interval = 100,
  ) {
    this.started = this.now();
    this.lastDraw = this.started;
  }

  /** The search moved on: redraw if the last drawing is old enough. */
  update(p: CalibrationProgress): void {
    const now = this.now();
    if (now - this.lastDraw < this.interval) return;
    this.lastDraw = now;
    this.stream.write(`\r\u001b[2K${this.line(p, now)}`);
    this.shown = true;
  }

  /** Take the line off the screen. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[2K');
    this.shown = false;
  }

  /** The line for `p`, as drawn at `now`. */
  line(p: CalibrationProgress, now = this.now()): string {
    const seconds = Math.floor(Math.max(0, now - this.started) / 1000);
    const time = seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
    const n = (k: number): string => k.toLocaleString('en-GB');
    if (p.phase === 'search') return `calibrating: step ${p.step + 1} · ${n(p.agreed)} of ${n(this.decided)} agree · ${time}`;
    const what = p.method === 'leave-one-out' ? 'leave-one-out' : `${n(p.searches)}-fold check`;
    return `${what}: ${n(p.finished)} of ${n(p.searches)} calibrations done · ${time}`;
  }
}
