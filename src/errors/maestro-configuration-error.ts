import { MaestroEvalError, type MaestroEvalErrorOptions } from "./maestro-eval-error.js";

/** maestro-eval is set up in a way that cannot work (a missing key, a bad URL, a bad config file). */
export class MaestroConfigurationError extends MaestroEvalError {
  override name = "MaestroConfigurationError";

  constructor(message: string, options: MaestroEvalErrorOptions = {}) {
    super(message, options);
  }
}

/** Whether `value` is a {@link MaestroConfigurationError}, even one serialised across a worker boundary. */
export function isMaestroConfigurationError(value: unknown): value is MaestroConfigurationError {
  return (
    value instanceof MaestroConfigurationError ||
    (value as { name?: unknown } | null)?.name === "MaestroConfigurationError"
  );
}
