import { describe, expect, test } from "vitest";
import { assertValidChatRequest, assertValidRunRequest, hasErrors } from "../../../src/constraints/index.js";
import { ConstraintViolationError, isConstraintViolationError } from "../../../src/errors/index.js";

function caught(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("assertValidRunRequest", () => {
  test("returns for a valid request and for one with warnings only", () => {
    expect(() => assertValidRunRequest({ input: "x" })).not.toThrow();
    expect(() => assertValidRunRequest({ input: "x", colour: "red" })).not.toThrow();
  });

  test("throws a ConstraintViolationError listing every issue", () => {
    const error = caught(() => assertValidRunRequest({ input: "", budget: "max", colour: "red" }));
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(isConstraintViolationError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Maestro run request is invalid (2 errors): input must not be empty; budget must be one of low, medium, high; got "max"',
    );
    expect((error as ConstraintViolationError).issues.map((issue) => issue.type)).toEqual([
      "value_error.any_str.min_length",
      "type_error.enum",
      "warning.unknown_field",
    ]);
  });

  test("throws on warnings in strict mode, counting them as errors", () => {
    const error = caught(() => assertValidRunRequest({ input: "x", colour: "red" }, { strict: true }));
    expect((error as Error).message).toBe(
      "Maestro run request is invalid (1 error): colour is not a known field; AI21 ignores unknown fields",
    );
    expect((error as ConstraintViolationError).issues[0]?.severity).toBe("error");
  });

  test("throws a TypeError prefixed with its name on bad options", () => {
    expect(() => assertValidRunRequest({ input: "x" }, { strict: "yes" as unknown as boolean })).toThrow(
      new TypeError('assertValidRunRequest: options.strict must be a boolean, got "yes"'),
    );
  });
});

describe("assertValidChatRequest", () => {
  test("narrows a valid request and throws for an invalid one", () => {
    const request: unknown = { model: "jamba-mini", messages: [{ role: "user", content: "Hi" }] };
    assertValidChatRequest(request);
    expect(request.model).toBe("jamba-mini");
    expect(() => assertValidChatRequest({ model: "jamba-mini", messages: [] })).toThrow(
      "chat request is invalid (1 error): messages must not be empty",
    );
  });
});

describe("hasErrors", () => {
  test("is true only when an issue is an error", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([{ loc: ["body"], msg: "m", type: "warning.deprecated", severity: "warning" }])).toBe(
      false,
    );
    expect(hasErrors([{ loc: ["body"], msg: "m", type: "value_error.missing", severity: "error" }])).toBe(
      true,
    );
  });

  test("throws a TypeError prefixed with its name on a non-array", () => {
    expect(() => hasErrors("x" as never)).toThrow(
      new TypeError('hasErrors: issues must be an array, got "x"'),
    );
  });
});
