// A progress line for long work on a terminal (stderr, so stdout stays clean for --json and
// pipes). Silent when stderr is not a terminal.

function human(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

/** What the line is drawn on: a stream that says whether it is a terminal. */
export interface Terminal {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Redraws one status line at most ten times a second. */
export class Progress {
  private readonly out: Terminal;
  private readonly started = Date.now();
  private last = 0;
  private readonly label: string;
  private readonly total: number | undefined;

  constructor(label: string, total?: number, out: Terminal = process.stderr) {
    this.label = label;
    this.total = total;
    this.out = out;
  }

  /** Updates the line with bytes done and objects counted so far. */
  update(bytes: number, objects: number, force = false): void {
    const frac = this.total && this.total > 0 ? Math.min(bytes / this.total, 1) : undefined;
    this.draw(`${human(bytes)} · `, objects, frac, force);
  }

  /** Updates the line with objects counted so far and the share of the work done (0 to 1), when
   *  known (a peer pull: how far the cursor has come towards the peer's head). */
  share(objects: number, fraction: number | undefined, force = false): void {
    this.draw('', objects, fraction === undefined ? undefined : Math.min(Math.max(fraction, 0), 1), force);
  }

  private draw(prefix: string, objects: number, frac: number | undefined, force: boolean): void {
    if (!this.out.isTTY) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const secs = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(objects / secs).toLocaleString('en');
    let bar = '';
    if (frac !== undefined) {
      const width = 30;
      const full = Math.round(frac * width);
      bar = `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(frac * 100).toFixed(1).padStart(5)}% `;
    }
    this.out.write(`\r${this.label} ${bar}${prefix}${objects.toLocaleString('en')} objects · ${rate}/s   `);
  }

  /** Ends the line. */
  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
