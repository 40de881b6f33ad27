/**
 * Progress for long CLI work: a redrawn bar on a terminal, plain lines otherwise (CI logs,
 * pipes), so a log never fills with carriage returns.
 */
export interface Progress {
  /** Marks the start of the next item. */
  tick(label: string): void;
  /** A line that should stay in the log (per-item results). */
  log(line: string): void;
  done(): void;
}

/** `everyLine`: print every per-item line, also past 200 items without a terminal. */
export function createProgress(total: number, title: string, stream: NodeJS.WriteStream = process.stderr, opts: { everyLine?: boolean } = {}): Progress {
  const tty = stream.isTTY === true;
  const started = Date.now();
  let n = 0;
  let lastPlain = 0;
  const bar = (label: string) => {
    const width = 28;
    const filled = total ? Math.round((n / total) * width) : width;
    const rate = n / Math.max(0.001, (Date.now() - started) / 1000);
    const text = `${title} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${n}/${total} ${rate.toFixed(0)}/s ${label}`;
    const cols = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${text.slice(0, cols - 1)}`);
  };
  return {
    tick(label) {
      n++;
      if (tty) bar(label);
      else if (n === total || Date.now() - lastPlain > 2000 || n === 1) {
        lastPlain = Date.now();
        stream.write(`${title}: ${n}/${total}\n`);
      }
    },
    log(line) {
      if (tty) stream.write(`\r\x1b[2K`);
      // Per-item lines go to stdout so they can be piped; the bar stays on stderr.
      if (tty || total <= 200 || opts.everyLine) console.log(line);
    },
    done() {
      if (tty) stream.write(`\r\x1b[2K`);
      const secs = (Date.now() - started) / 1000;
      stream.write(`${title}: ${n}/${total} in ${secs.toFixed(1)} s (${(n / Math.max(secs, 0.001)).toFixed(1)}/s)\n`);
    },
  };
}
