// What the requirement lint found on one case of a suite: written by the harness into the suite's task
// meta at collection, read back by the reporter (report.json's `lint`) and by `maestro-eval lint`.
import type { CreateRunRequest } from "./api-types.js";

/** The key of the lint findings in a vitest suite's task meta. */
export const LINT_META_KEY = "maestroEvalLint";

/**
 * The key of a suite's lint input in its task meta: in a run whose reporter lints (`maestro-eval run`), the
 * worker records what to lint and the reporter's process lints it while it waits, off the worker's path.
 */
export const LINT_INPUT_META_KEY = "maestroEvalLintInput";

/** What a suite's lint reads: its kind and judge, and each case's name with the request its cells send. */
export interface SuiteLintInput {
  suite: string;
  kind: "maestro" | "chat";
  judge: boolean;
  /** Each case once (its cells differ only in model and budget), its request without secrets. */
  cases: Array<{ name: string; request: CreateRunRequest }>;
}

/** Lints suites in the reporter's process, which does not load the verifiers itself (the harness gives it one). */
export interface SuiteLinter {
  /** Whether {@link lint} can be called (what it needs is loaded). */
  readonly ready: boolean;
  /** Loads what {@link lint} needs. */
  prepare(): Promise<void>;
  /** The findings of one suite, now; only once {@link ready}. */
  lint(input: SuiteLintInput): LintFinding[];
  /**
   * Calls `then`, ready, at a moment this process has nothing else to do; given the input to lint, ready
   * to lint it without holding the process up (the verifiers' patterns its descriptions need compiled).
   */
  whenIdle(then: () => void, input?: SuiteLintInput): void;
  /**
   * Told, as a run starts, the suite files it will collect: a linter may read ahead from their source what
   * their lint will need (a guess that changes when work is done, never a finding).
   */
  expectSuites?(files: readonly string[]): void;
}

/** The lint input in a suite's task meta, when it is one; undefined otherwise. */
export function readSuiteLintInput(meta: unknown): SuiteLintInput | undefined {
  const input =
    typeof meta === "object" && meta !== null
      ? (meta as Record<string, unknown>)[LINT_INPUT_META_KEY]
      : undefined;
  if (typeof input !== "object" || input === null) return undefined;
  const { suite, kind, judge, cases } = input as Record<string, unknown>;
  if (typeof suite !== "string" || (kind !== "maestro" && kind !== "chat") || typeof judge !== "boolean")
    return undefined;
  if (
    !Array.isArray(cases) ||
    !cases.every((entry) => typeof entry?.name === "string" && typeof entry.request === "object")
  )
    return undefined;
  return input as SuiteLintInput;
}

/** How sure a finding is: `error` when no output can meet the requirements, `warning` for the rest. */
export type LintSeverity = "error" | "warning";

/** One lint finding, naming the suite, the case, the requirements and the clauses involved. */
export interface LintFinding {
  severity: LintSeverity;
  /** The rule's id: a conflict rule (`count-range`, `case`, ...), `unverifiable`, `near-duplicate`, or a validator issue type. */
  rule: string;
  suite: string;
  case: string;
  /** Requirement names (`response_language` for the request field); empty for a finding on the request. */
  requirements: string[];
  /** The clauses involved, as the descriptions word them. */
  clauses: string[];
  message: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Whether `value` is a well-formed {@link LintFinding}. */
export function isLintFinding(value: unknown): value is LintFinding {
  if (typeof value !== "object" || value === null) return false;
  const finding = value as Record<string, unknown>;
  return (
    (finding.severity === "error" || finding.severity === "warning") &&
    typeof finding.rule === "string" &&
    typeof finding.suite === "string" &&
    typeof finding.case === "string" &&
    isStringArray(finding.requirements) &&
    isStringArray(finding.clauses) &&
    typeof finding.message === "string"
  );
}

/**
 * The lint findings in a suite's task meta (or any list of them); what is not a well-formed finding is left
 * out, so that meta from another maestro-eval version never breaks a report.
 */
export function readLintFindings(value: unknown): LintFinding[] {
  const list =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)[LINT_META_KEY]
      : value;
  return Array.isArray(list) ? list.filter(isLintFinding) : [];
}

/** Findings without repeats, by suite and case, errors first within a case, so that shards merge to one list. */
export function sortLintFindings(findings: readonly LintFinding[]): LintFinding[] {
  const unique = new Map<string, LintFinding>();
  for (const finding of findings) unique.set(JSON.stringify(finding), finding);
  const rank = (finding: LintFinding) => (finding.severity === "error" ? 0 : 1);
  return [...unique.values()].sort(
    (a, b) =>
      a.suite.localeCompare(b.suite) ||
      a.case.localeCompare(b.case) ||
      rank(a) - rank(b) ||
      a.message.localeCompare(b.message),
  );
}
