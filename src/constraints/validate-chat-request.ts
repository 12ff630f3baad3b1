import type { ConstraintIssue } from "../errors/index.js";
import { compileSpecSchema } from "./compile-spec-schema.js";
import { readValidateOptions, runValidator, type ValidateOptions } from "./validate-options.js";

/**
 * Checks a `POST /studio/v1/chat/completions` body against the spec and its rules, and returns every
 * issue, errors and warnings; it never throws on any input.
 *
 * @example validateChatRequest({ model: "jamba-mini", messages: [{ role: "user", content: "Hi" }], n: 2, stream: true })
 * // [{ loc: ["body", "n"], msg: "n must be 1 when stream is true; got 2", ... }]
 */
export function validateChatRequest(request: unknown, options?: ValidateOptions): ConstraintIssue[] {
  const { warnings } = readValidateOptions("validateChatRequest", options);
  return runValidator(compileSpecSchema("ChatCompletionRequest"), request, warnings);
}
