// How values and runs read in matcher messages.
import {
  describeScoreSource,
  formatScore as formatDomainScore,
  type MaestroRun,
  type ScoreSource,
} from "../domain/index.js";
import type { RunSubject } from "./run-subject.js";

/**
 * A score or ratio as every report writes it, told apart from its nearest hundredth: `0.80`, `0.50`, `1.00`,
 * but `0.8999` and `0.667`. A message words the threshold and each run's score apart, so neither knows the
 * other: this way a score that misses a threshold written in hundredths never reads as meeting it.
 */
export function formatScore(value: number): string {
  return formatDomainScore(value, "hundredth");
}

/**
 * Milliseconds, rounded: `3120 ms`. Not the reports' `3.1 s` (formatDuration): a latency threshold is given
 * in milliseconds, and 3050 against 3000 must not read `3.1 s` against `3.0 s`, nor 3040 `3.0 s`.
 */
export function formatMs(value: number): string {
  return `${Math.round(value)} ms`;
}

/**
 * ` (self-assessed)` after a requirement's score when the verifiers did not fully score it; nothing for a
 * verified score, nor for Maestro's (on AI21 every score is Maestro's).
 */
export function formatSourceNote(source: ScoreSource | undefined): string {
  return source === undefined || source === "verifier" || source === "maestro"
    ? ""
    : ` (${describeScoreSource(source)})`;
}

/** A run id cut to 8 characters: `3f1c9a2b…`. */
export function shortRunId(id: string): string {
  return id.length > 9 ? `${id.slice(0, 8)}…` : id;
}

/**
 * Where a run sits: `jamba-mini/low #0, run 3f1c9a2b…` for a cell; for a bare run, the model and budget the
 * local server reports, when it does.
 */
export function formatRunLabel(subject: RunSubject): string {
  const run = `run ${shortRunId(subject.run.id)}`;
  const cell = subject.cellRun?.cell;
  if (cell) return `${cell.model}/${cell.budget} #${cell.repeat}, ${run}`;
  const local = subject.run.x_local;
  if (local) return `${local.model}/${local.budget}, ${run}`;
  return run;
}

/** A requirement's or a run's reason when it says something: AI21 has been seen to send the string "None". */
export function readReason(reason: string | null | undefined): string | undefined {
  if (typeof reason !== "string") return undefined;
  const trimmed = reason.trim();
  return trimmed === "" || trimmed === "None" ? undefined : trimmed;
}

/** Why a run has no `requirements_result`, with what to do about it. */
export function describeMissingRequirements(run: MaestroRun): { problem: string; hint: string } {
  if (run.status !== "completed") {
    const error = readReason(run.error?.message);
    return {
      problem: `the run has no requirements_result`,
      hint: `it ended "${run.status}"${error ? `: ${error}` : ""}`,
    };
  }
  return {
    problem: "the run has no requirements_result",
    hint: 'create it with include: ["requirements_result"]',
  };
}

/** Names a received value that is not a run: `string "hello"`, `null`, `object with keys a, b`. */
export function describeReceived(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0
      ? "an empty object"
      : `an object with keys ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", …" : ""}`;
  }
  return `${typeof value} ${String(value)}`;
}

/** A misuse value for a TypeError or RangeError: strings quoted, the rest as `String` gives them. */
export function describeArgument(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

export { formatUsd, plural } from "../domain/index.js";
