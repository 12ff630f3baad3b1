// The requirement lint of a suite's cases, as data in and findings out: run by the worker that collects the
// suite (lint-suite.ts), or in the run's process from what the worker recorded (suite-linter.ts).
import { validateRunRequest } from "../constraints/index.js";
import type { CreateRunRequest } from "../domain/index.js";
import type { LintFinding } from "../domain/lint-finding.js";
import { lintRequirements } from "../verifiers/lint-requirements.js";

/** One case to lint: its name and the request its cells send (any cell's: they differ only in model and budget). */
export interface LintedCase {
  name: string;
  request: CreateRunRequest;
}

/** Options of {@link lintSuite}. */
export interface LintSuiteOptions {
  /** `chat` suites send no Maestro request: only their requirements are linted. Default `maestro`. */
  kind?: "maestro" | "chat";
  /** Whether a judge model scores what no verifier understands. Default false. */
  judge?: boolean;
}

/**
 * Lints every case of a suite: conflicts between requirements, a language requirement against
 * `response_language`, requirements no verifier understands, near-duplicates, and the validator's warnings
 * (requirements together with tools). Validator errors are not here: they fail the suite at collection.
 *
 * @example
 * lintSuite("support", [{ name: "refund", request: { input: "...", requirements: [...] } }]);
 */
export function lintSuite(
  suite: string,
  cases: readonly LintedCase[],
  options: LintSuiteOptions = {},
): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const { name, request } of cases) {
    const requirements = request.requirements ?? [];
    if (options.kind !== "chat") {
      for (const issue of validateRunRequest(request)) {
        if (issue.severity !== "warning") continue;
        const index = issue.loc.find((part) => typeof part === "number");
        const named = issue.loc.includes("requirements") && typeof index === "number";
        findings.push({
          severity: "warning",
          rule: issue.type,
          suite,
          case: name,
          requirements: named ? [requirements[index]?.name ?? String(index)] : [],
          clauses: [],
          message: issue.msg,
        });
      }
    }
    for (const finding of lintRequirements(requirements, {
      responseLanguage: options.kind === "chat" ? undefined : request.response_language,
      chat: options.kind === "chat",
      ...(options.judge === undefined ? {} : { judge: options.judge }),
    })) {
      findings.push({ ...finding, suite, case: name });
    }
  }
  return findings;
}

/**
 * The linter `maestro-eval run` gives its reporter: it lints a suite's recorded input in the reporter's
 * process, where the verifiers are loaded already (the embedded server warms them up) and which mostly
 * waits on the workers, at its first idle moment.
 */
