import type { ConstraintIssue } from "../errors/index.js";
import { describeValue } from "./describe-value.js";

/** Whether any of `issues` is an error (warnings never block a request). */
export function hasErrors(issues: readonly ConstraintIssue[]): boolean {
  if (!Array.isArray(issues))
    throw new TypeError(`hasErrors: issues must be an array, got ${describeValue(issues)}`);
  return issues.some((issue) => issue?.severity === "error");
}
