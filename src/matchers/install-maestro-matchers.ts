import { beforeAll, expect } from "vitest";
import { loadVerifiers } from "../verifiers/load-verifiers.js";
import { maestroMatchers } from "./maestro-matchers.js";

/**
 * Adds the Maestro matchers to vitest's `expect`; safe to call more than once. Called in a test file or a
 * setup file, it also loads the verifiers before the file's tests run (a `beforeAll`), so that
 * `toAgreeWithVerifiers` answers synchronously there.
 *
 * @example
 * // vitest.setup.ts
 * import { installMaestroMatchers } from "maestro-eval/vitest";
 * installMaestroMatchers();
 */
export function installMaestroMatchers(): void {
  extendExpect();
  beforeAll(async () => {
    await loadVerifiers();
  });
}

/**
 * Adds the Maestro matchers to vitest's `expect`, without loading the verifiers: a suite's cells load them
 * while their runs are under way, and await them before their assertions.
 */
export function extendExpect(): void {
  expect.extend(maestroMatchers);
}
