import type { CellMeta } from "../domain/index.js";
import { redactText } from "../errors/index.js";

/** Errors that mean the suite or its configuration is wrong, not the API or the model. */
const USAGE_ERRORS = new Set([
  "MaestroConstraintViolationError",
  "MaestroConfigurationError",
  "MaestroCassetteMissError",
  "TypeError",
  "RangeError",
]);

/**
 * Sorts a cell's failure to get a run: a usage error (a bad request, a bad configuration, a cassette
 * miss) or an infrastructure error (unreachable, auth, rate limits past the retries, timeouts, a run
 * that ended failed). Assertion failures are never passed here: they are quality results.
 */
export function categoriseError(error: unknown): NonNullable<CellMeta["error"]> {
  const name =
    error instanceof Error
      ? error.name
      : typeof (error as { name?: unknown })?.name === "string"
        ? String((error as { name: string }).name)
        : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return {
    category: USAGE_ERRORS.has(name) ? "usage" : "infrastructure",
    name,
    message: redactText(message.split("\n")[0] ?? ""),
  };
}
