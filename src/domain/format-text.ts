// One home for how numbers and names read in maestro-eval's messages, tables and reports: counts with
// their noun, quoted names, scores, dollar amounts, durations, percentages and p-values. Every layer
// imports these from domain; the HTML report's script embeds the source of formatScore, formatUsd and
// formatDuration, so those three use nothing but their arguments and the language's built-ins.

/** `3 cells`, `1 cell`; `2 differences` with an irregular plural given. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A JSON-quoted name, as messages show suite, case and requirement names. */
export function quote(name: string): string {
  return JSON.stringify(name);
}

/**
 * How a score (or a pass rate, or a change of either) reads everywhere: tables, the gate, matcher messages,
 * JUnit and the HTML report.
 *
 * - On its own, with two decimals: `0.5` reads `0.50`, `0.8333` reads `0.83`, `1` reads `1.00`.
 * - `against` the number it is compared with (a threshold, a baseline), with two decimals or as many
 *   more (up to 10) as it takes for the two to read apart. A score that fails a threshold never reads as
 *   meeting it: 0.8999 against 0.9 reads `0.8999`, the threshold against it `0.9000`; equal numbers keep
 *   two decimals, and so do numbers within floating-point noise (1e-9) of each other, as the gate and the
 *   matchers count them equal.
 * - `against: "hundredth"` where its threshold is shown elsewhere (matcher messages word the goal once and
 *   each run's score after it), or a threshold is named alone: told apart from its nearest hundredth, as
 *   thresholds are written in hundredths. `0.9` reads `0.90`, `0.8999` reads `0.8999`, `2/3` reads
 *   `0.667`, `0.875` reads `0.875`.
 *
 * @example
 * formatScore(0.8999); // "0.90"
 * formatScore(0.8999, 0.9); // "0.8999"
 * formatScore(2 / 3, "hundredth"); // "0.667"
 */
export function formatScore(value: number, against?: number | "hundredth"): string {
  const other = against === "hundredth" ? Number(value.toFixed(2)) : against;
  let digits = 2;
  // Within the thresholds' floating-point slack (statistics.ts, isAtLeast) the two count as equal.
  if (other !== undefined && Math.abs(value - other) > 1e-9 * Math.max(1, Math.abs(other))) {
    while (digits < 10 && value.toFixed(digits) === other.toFixed(digits)) digits += 1;
  }
  return value.toFixed(digits);
}

/** A change of score with its sign, never shown as zero when it is not: `+0.05`, `-0.75`, `-0.004`. */
export function formatScoreChange(delta: number): string {
  return `${delta < 0 ? "-" : "+"}${formatScore(Math.abs(delta), 0)}`;
}

/** `$0`, `$0.00213`, `$1.24`: three significant digits under a dollar, cents from a dollar up. */
export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(3)).toString()}`;
}

/** A duration given in milliseconds: `850 ms`, `1.2 s`, `2.5 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A rate as a percentage, with the decimals it needs: `5%`, `12.5%`, `0.25%`. */
export function formatPercent(rate: number): string {
  const value = rate * 100;
  return `${Number(value.toFixed(value < 1 ? 2 : 1))}%`;
}

/** A p-value: three decimals, and in scientific notation under 0.001 (`1.2e-4`); `n/a` when there is none. */
export function formatP(value: number | null): string {
  if (value === null) return "n/a";
  return value < 0.001 ? value.toExponential(1) : value.toFixed(3);
}
