import type { ValidationErrorItem } from "../domain/index.js";
import type { ConstraintIssue } from "../errors/index.js";

/** A 422's `detail`: the validator's errors as Maestro's API lists them (warnings left out). */
export function validationDetail(issues: readonly ConstraintIssue[]): ValidationErrorItem[] {
  return issues
    .filter((issue) => issue.severity === "error")
    .map(({ loc, msg, type }) => ({ loc, msg, type }));
}
