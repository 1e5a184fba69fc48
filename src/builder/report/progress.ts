/** Where progress is written: a terminal (redrawn in place) or a log (plain lines). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Reports how far a long task has come; `finish` prints the final line. */
export interface Progress {
  /** Counts `count` more items done. */
  advance(count?: number): void;
  /** Prints the final state (and ends the terminal line). */
  finish(): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  label: string;
  total: number;
  stream?: ProgressStream;
  /** Milliseconds since some fixed point; injected by tests. */
  clock?: () => number;
  /** Least milliseconds between two plain lines when not on a terminal. */
  lineInterval?: number;
}

const BAR_WIDTH = 24;
// A terminal is redrawn at most this often: faster only burns CPU on escape codes.
const REDRAW_INTERVAL = 100;

/**
 * A progress reporter: on a terminal (`stream.isTTY`) one line redrawn in place with a bar, the count, the
 * rate and the time left; elsewhere (CI logs) a plain line every `lineInterval` ms and a last one at the end.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const clock = options.clock ?? (() => performance.now());
  const lineInterval = options.lineInterval ?? 5_000;
  const total = Math.max(0, options.total);
  const started = clock();
  let done = 0;
  let lastDrawn = -Infinity;
  let lastDrawnCount = -1;
  let finished = false;

  const describe = (now: number): string => {
    const seconds = Math.max((now - started) / 1000, 0.001);
    const rate = done / seconds;
    const left = rate > 0 ? (total - done) / rate : undefined;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const timeLeft = done >= total ? `${formatDuration(seconds)} elapsed` : `${left === undefined ? "?" : formatDuration(left)} left`;
    return `${options.label}: ${done}/${total} (${percent}%), ${formatRate(rate)}/s, ${timeLeft}`;
  };

  const draw = (force: boolean): void => {
    const now = clock();
    if (stream.isTTY) {
      if (!force && now - lastDrawn < REDRAW_INTERVAL) return;
      const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
      const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
      // \r returns to the line's start and \x1b[K clears what a longer previous line left behind.
      stream.write(`\r${bar} ${describe(now)}\x1b[K`);
    } else {
      if (!force && now - lastDrawn < lineInterval) return;
      // A log line repeating the one before says nothing new.
      if (done === lastDrawnCount) return;
      stream.write(`${describe(now)}\n`);
    }
    lastDrawn = now;
    lastDrawnCount = done;
  };

  return {
    advance(count = 1) {
      if (finished) return;
      done = Math.min(total, done + count);
      draw(false);
    },
    finish() {
      if (finished) return;
      finished = true;
      draw(true);
      if (stream.isTTY) stream.write("\n");
    },
  };
}

function formatRate(rate: number): string {
  return rate >= 100 ? String(Math.round(rate)) : rate.toFixed(1);
}

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  return `${minutes}m${String(whole % 60).padStart(2, "0")}s`;
}
