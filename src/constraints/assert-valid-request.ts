import type { ChatRequest, CreateRunRequest } from "../domain/index.js";
import { type ConstraintIssue, ConstraintViolationError } from "../errors/index.js";
import { hasErrors } from "./has-errors.js";
import { validateChatRequest } from "./validate-chat-request.js";
import { type AssertValidRequestOptions, readValidateOptions } from "./validate-options.js";
import { validateRunRequest } from "./validate-run-request.js";

function throwWhenInvalid(what: string, issues: ConstraintIssue[], strict: boolean): void {
  if (strict && issues.length > 0) {
    // Strict mode makes every warning an error, and the thrown error says so.
    throw new ConstraintViolationError(
      what,
      issues.map((issue) => ({ ...issue, severity: "error" as const })),
    );
  }
  if (hasErrors(issues)) throw new ConstraintViolationError(what, issues);
}

/**
 * Throws a `ConstraintViolationError` listing every issue when a run request has an error (or, with
 * `strict`, any issue at all); otherwise narrows `request` to `CreateRunRequest`.
 *
 * @example assertValidRunRequest(JSON.parse(body)); await client.createRun(body)
 */
export function assertValidRunRequest(
  request: unknown,
  options?: AssertValidRequestOptions,
): asserts request is CreateRunRequest {
  const { warnings, strict } = readValidateOptions("assertValidRunRequest", options);
  throwWhenInvalid("Maestro run request", validateRunRequest(request, { warnings }), strict);
}

/**
 * Throws a `ConstraintViolationError` listing every issue when a chat request has an error (or, with
 * `strict`, any issue at all); otherwise narrows `request` to `ChatRequest`.
 */
export function assertValidChatRequest(
  request: unknown,
  options?: AssertValidRequestOptions,
): asserts request is ChatRequest {
  const { warnings, strict } = readValidateOptions("assertValidChatRequest", options);
  throwWhenInvalid("chat request", validateChatRequest(request, { warnings }), strict);
}
