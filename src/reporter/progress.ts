/** Progress of a run: cells done of total, failures, infrastructure errors, elapsed time and ETA. */
export interface Progress {
  /** How many suite files the run has: until each has been collected, the total is shown as a floor (`24+`). */
  expectFiles(files: number): void;
  /** Adds one collected file's cells to the total. */
  addTotal(cells: number): void;
  tick(failed: boolean, errored: boolean): void;
  finish(): void;
}

/** How often plain-line progress prints when the output is not a terminal. */
const LINE_INTERVAL_MS = 2_000;

/**
 * Shows progress on `out`: one line rewritten in place on a terminal (`live`), or a plain line every
 * two seconds otherwise, so CI logs stay readable.
 */
export function createProgress(
  out: NodeJS.WritableStream,
  options: { live: boolean; now?: () => number },
): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  let total = 0;
  let files: number | undefined;
  let collected = 0;
  let done = 0;
  let failed = 0;
  let errored = 0;
  let lastLine = 0;
  const line = () => {
    const elapsed = (now() - started) / 1000;
    const rate = done / Math.max(elapsed, 0.001);
    // An ETA from the first cells mostly measures start-up: wait for a few before guessing.
    // Files are collected as they start: until the last one is, the total is only a floor.
    const partial = files === undefined || collected < files;
    const eta =
      !partial && done >= Math.max(5, total * 0.05) && total > done
        ? ` ETA ${formatSeconds((total - done) / rate)}`
        : "";
    const of = total === 0 ? "?" : `${total}${partial && files !== undefined ? "+" : ""}`;
    return `cells ${done}/${of}  failed ${failed}  errors ${errored}  elapsed ${formatSeconds(elapsed)}${eta}`;
  };
  const show = (force: boolean) => {
    if (options.live) out.write(`\r\u001b[2K${line()}`);
    else if (force || now() - lastLine >= LINE_INTERVAL_MS) {
      lastLine = now();
      out.write(`${line()}\n`);
    }
  };
  return {
    expectFiles(count) {
      files = count;
    },
    addTotal(cells) {
      total += cells;
      collected += 1;
    },
    tick(isFailed, isErrored) {
      done += 1;
      if (isFailed) failed += 1;
      if (isErrored) errored += 1;
      show(false);
    },
    finish() {
      show(true);
      if (options.live) out.write("\n");
    },
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
}
