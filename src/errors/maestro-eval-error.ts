/** Options every maestro-eval error accepts: the original failure is kept as `cause`. */
export interface MaestroEvalErrorOptions {
  cause?: unknown;
}

/**
 * Base class of every error maestro-eval throws on purpose.
 *
 * Guards check the `name` as well as `instanceof`, because errors cross vitest's worker boundary as
 * plain data and lose their prototype on the way.
 */
export class MaestroEvalError extends Error {
  override name = "MaestroEvalError";

  constructor(message: string, options: MaestroEvalErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** Whether `value` is a maestro-eval error, even one serialised across a worker boundary. */
export function isMaestroEvalError(value: unknown): value is MaestroEvalError {
  if (value instanceof MaestroEvalError) return true;
  if (typeof value !== "object" || value === null) return false;
  const name = (value as { name?: unknown }).name;
  return typeof name === "string" && name.startsWith("Maestro");
}
