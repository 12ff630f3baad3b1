import { MaestroEvalError, type MaestroEvalErrorOptions } from "./maestro-eval-error.js";

/** What a {@link MaestroConnectionError} knows. */
export interface MaestroConnectionErrorOptions extends MaestroEvalErrorOptions {
  method: string;
  url: string;
  attempts: number;
  /** The low-level reason: `ECONNREFUSED`, `ECONNRESET`, `invalid JSON`, `stream ended early`, ... */
  reason: string;
}

/** The request never got a usable answer: refused, reset, cut short, or not valid JSON. */
export class MaestroConnectionError extends MaestroEvalError {
  override name = "MaestroConnectionError";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly reason: string;

  constructor(options: MaestroConnectionErrorOptions) {
    const tries = options.attempts > 1 ? ` after ${options.attempts} attempts` : "";
    super(`${options.method} ${options.url} failed${tries}: ${options.reason}`, options);
    this.method = options.method;
    this.url = options.url;
    this.attempts = options.attempts;
    this.reason = options.reason;
  }
}

/** Whether `value` is a {@link MaestroConnectionError}, even one serialised across a worker boundary. */
export function isMaestroConnectionError(value: unknown): value is MaestroConnectionError {
  return (
    value instanceof MaestroConnectionError ||
    (value as { name?: unknown } | null)?.name === "MaestroConnectionError"
  );
}
