// README: "Each has an is* guard that also works on errors that crossed vitest's worker boundary", where an
// error arrives as plain data without its prototype.
import { describe, expect, test } from "vitest";
import {
  ConstraintViolationError,
  isConstraintViolationError,
  isMaestroApiError,
  isMaestroCassetteMissError,
  isMaestroConfigurationError,
  isMaestroConnectionError,
  isMaestroEvalError,
  isMaestroRunError,
  isMaestroTimeoutError,
  MaestroApiError,
  MaestroCassetteMissError,
  MaestroConfigurationError,
  MaestroConnectionError,
  MaestroRunError,
  MaestroTimeoutError,
} from "../../../src/errors/index.js";

const errors = {
  api: new MaestroApiError({ status: 500, method: "GET", url: "http://127.0.0.1:9/x", detail: "boom" }),
  connection: new MaestroConnectionError({
    method: "GET",
    url: "http://127.0.0.1:9/x",
    attempts: 1,
    reason: "refused",
  }),
  run: new MaestroRunError({ runId: "r-1", status: "failed", reason: "upstream" }),
  timeout: new MaestroTimeoutError({ runId: "r-1", elapsedMs: 10, lastStatus: "in_progress", polls: 2 }),
  configuration: new MaestroConfigurationError("no key"),
  constraint: new ConstraintViolationError("createRun", [
    { loc: ["body", "input"], msg: "field required", type: "value_error.missing", severity: "error" },
  ]),
  miss: new MaestroCassetteMissError({ cassette: "c.json", requestHash: "abc", cellKey: "s/c/m/low/#0" }),
};

const guards = {
  api: isMaestroApiError,
  connection: isMaestroConnectionError,
  run: isMaestroRunError,
  timeout: isMaestroTimeoutError,
  configuration: isMaestroConfigurationError,
  constraint: isConstraintViolationError,
  miss: isMaestroCassetteMissError,
};

/** What vitest hands over from a worker: the error's own fields and its name and message, no prototype. */
function crossed(error: Error): unknown {
  return JSON.parse(JSON.stringify({ ...error, name: error.name, message: error.message }));
}

describe("the error guards", () => {
  test.each(Object.keys(guards) as (keyof typeof guards)[])(
    "%s: true for its own error, before and after crossing",
    (kind) => {
      const guard = guards[kind];
      expect(guard(errors[kind])).toBe(true);
      expect(guard(crossed(errors[kind]))).toBe(true);
      expect(isMaestroEvalError(errors[kind])).toBe(true);
      expect(isMaestroEvalError(crossed(errors[kind]))).toBe(true);
    },
  );

  test.each(Object.keys(guards) as (keyof typeof guards)[])(
    "%s: false for every other error, and for plain values",
    (kind) => {
      const guard = guards[kind];
      for (const [other, error] of Object.entries(errors)) {
        if (other === kind) continue;
        expect(guard(error)).toBe(false);
        expect(guard(crossed(error))).toBe(false);
      }
      expect(guard(new Error("plain"))).toBe(false);
      expect(guard(null)).toBe(false);
      expect(guard("MaestroApiError")).toBe(false);
    },
  );

  test("isMaestroEvalError is false for errors that are not maestro-eval's", () => {
    expect(isMaestroEvalError(new TypeError("x"))).toBe(false);
    expect(isMaestroEvalError({ name: "Error", message: "x" })).toBe(false);
    expect(isMaestroEvalError(undefined)).toBe(false);
  });
});
