import type { LintFinding } from "../domain/lint-finding.js";

/** Options of {@link renderLintFindings}. */
export interface RenderLintFindingsOptions {
  /** Leave warnings out (errors are always shown). Default false. */
  errorsOnly?: boolean;
}

/**
 * The lint findings grouped by suite and case, one line each: severity, rule, message. Empty when there is
 * nothing to show.
 *
 * @example
 * renderLintFindings([{ severity: "error", rule: "case", suite: "s", case: "c", requirements: ["a", "b"], clauses: [], message: "..." }]);
 * // 'suite "s" · case "c"\n  error  case  ...'
 */
export function renderLintFindings(
  findings: readonly LintFinding[],
  options: RenderLintFindingsOptions = {},
): string {
  const shown =
    options.errorsOnly === true ? findings.filter((finding) => finding.severity === "error") : findings;
  if (shown.length === 0) return "";
  const ruleWidth = Math.max(...shown.map((finding) => finding.rule.length));
  const groups = new Map<string, LintFinding[]>();
  for (const finding of shown) {
    const title = `suite "${finding.suite}" · case "${finding.case}"`;
    groups.set(title, [...(groups.get(title) ?? []), finding]);
  }
  return [...groups]
    .map(([title, group]) =>
      [
        title,
        ...group.map(
          (finding) =>
            `  ${finding.severity.padEnd(7)}  ${finding.rule.padEnd(ruleWidth)}  ${finding.message}`,
        ),
      ].join("\n"),
    )
    .join("\n\n");
}

/** "1 error, 2 warnings". */
export function countLintFindings(findings: readonly LintFinding[]): string {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}
