import { expect } from "vitest";
import { maestroMatchers } from "./maestro-matchers.js";

/**
 * Adds the Maestro matchers to vitest's `expect`; safe to call more than once.
 *
 * @example
 * // vitest.setup.ts
 * import { installMaestroMatchers } from "maestro-eval/vitest";
 * installMaestroMatchers();
 */
export function installMaestroMatchers(): void {
  expect.extend(maestroMatchers);
}
