import { MaestroEvalError } from "./maestro-eval-error.js";

/** One problem with a request, shaped like an item of a FastAPI 422 `detail`, plus a severity. */
export interface ConstraintIssue {
  /** Where: `["body", "requirements", 3, "description"]`. */
  loc: (string | number)[];
  /** What is wrong and what is allowed. */
  msg: string;
  /** A machine-readable kind, e.g. `value_error.too_many_words`. */
  type: string;
  severity: "error" | "warning";
}

/** Renders a `loc` the way users write paths: `requirements[3].description`. */
export function formatIssueLocation(loc: readonly (string | number)[]): string {
  let out = "";
  for (const [index, part] of loc.entries()) {
    if (index === 0 && part === "body") continue;
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "body" : out;
}

/** A request broke one or more rules; nothing was sent. */
export class ConstraintViolationError extends MaestroEvalError {
  override name = "MaestroConstraintViolationError";
  readonly issues: readonly ConstraintIssue[];

  constructor(what: string, issues: readonly ConstraintIssue[]) {
    const errors = issues.filter((issue) => issue.severity === "error");
    const listed = (errors.length > 0 ? errors : issues).map((issue) => issue.msg).join("; ");
    super(`${what} is invalid (${errors.length} error${errors.length === 1 ? "" : "s"}): ${listed}`);
    this.issues = issues;
  }
}

/** Whether `value` is a {@link ConstraintViolationError}, even one serialised across a worker boundary. */
export function isConstraintViolationError(value: unknown): value is ConstraintViolationError {
  return (
    value instanceof ConstraintViolationError ||
    (value as { name?: unknown } | null)?.name === "MaestroConstraintViolationError"
  );
}
