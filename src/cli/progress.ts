// A one-line progress bar for long exports, redrawn in place on a terminal (stderr).
import type { Writable } from 'node:stream';

export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The bar's text for a state, fitted to `columns`: "[#####-----]  50% 500/1,000 rows  1,234/s  ETA 0:01". */
export function renderProgress(state: ProgressState, columns = 80): string {
  const { done, total, elapsedMs } = state;
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 && total > done ? formatDuration(((total - done) / rate) * 1000) : '0:00';
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const info = ` ${String(Math.floor(fraction * 100)).padStart(3)}% ${n(done)}/${n(total)} rows  ${n(rate)}/s  ETA ${eta}`;
  const width = Math.max(10, Math.min(40, columns - info.length - 3));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${info}`;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly out: Writable,
    private readonly total: number,
    private readonly columns = 80,
    private readonly minIntervalMs = 100,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    this.out.write(`\r${renderProgress({ done, total: this.total, elapsedMs: now - this.started }, this.columns)}\x1b[K`);
  }

  finish(done: number): void {
    this.update(done, true);
    this.out.write('\n');
  }
}
