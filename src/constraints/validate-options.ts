import type { ConstraintIssue } from "../errors/index.js";
import { createIssue, isRecord } from "./create-issue.js";
import { describeValue } from "./describe-value.js";

/** Options of {@link validateRunRequest} and {@link validateChatRequest}. */
export interface ValidateOptions {
  /** Whether warning-level issues are returned (default true); errors always are. */
  warnings?: boolean;
}

/** Options of the `assertValid*Request` functions. */
export interface AssertValidRequestOptions extends ValidateOptions {
  /** Treat warnings as errors: throw when there is any issue at all (default false). */
  strict?: boolean;
}

/** Checks the options a caller passed; misuse throws a TypeError prefixed with the API's name. */
export function readValidateOptions(api: string, options: unknown): Required<AssertValidRequestOptions> {
  if (options === undefined) return { warnings: true, strict: false };
  if (!isRecord(options))
    throw new TypeError(`${api}: options must be an object, got ${describeValue(options)}`);
  const { warnings = true, strict = false } = options as AssertValidRequestOptions;
  if (typeof warnings !== "boolean") {
    throw new TypeError(`${api}: options.warnings must be a boolean, got ${describeValue(warnings)}`);
  }
  if (typeof strict !== "boolean") {
    throw new TypeError(`${api}: options.strict must be a boolean, got ${describeValue(strict)}`);
  }
  return { warnings, strict };
}

/** Runs a compiled validator so that no input can make it throw: a value that throws while read is an issue. */
export function runValidator(
  validator: (value: unknown) => ConstraintIssue[],
  request: unknown,
  warnings: boolean,
): ConstraintIssue[] {
  let issues: ConstraintIssue[];
  try {
    issues = validator(request);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : describeValue(cause);
    return [createIssue(["body"], `body could not be read: ${reason}`, "value_error.unreadable")];
  }
  return warnings ? issues : issues.filter((issue) => issue.severity === "error");
}
