import type { ConstraintIssue } from "../errors/index.js";
import { compileSpecSchema } from "./compile-spec-schema.js";
import { readValidateOptions, runValidator, type ValidateOptions } from "./validate-options.js";

/**
 * Checks a `POST /studio/v1/maestro/runs` body against the spec and its rules, and returns every
 * issue, errors and warnings, in FastAPI's `{loc, msg, type}` shape; it never throws on any input.
 *
 * @example validateRunRequest({ input: "Hi", requirements: [{ name: "", description: "Be brief" }] })
 * // [{ loc: ["body", "requirements", 0, "name"], msg: "requirements[0].name must not be empty", ... }]
 */
export function validateRunRequest(request: unknown, options?: ValidateOptions): ConstraintIssue[] {
  const { warnings } = readValidateOptions("validateRunRequest", options);
  return runValidator(compileSpecSchema("CreateMaestroRunRequest"), request, warnings);
}
