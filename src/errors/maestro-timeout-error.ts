import { MaestroEvalError, type MaestroEvalErrorOptions } from "./maestro-eval-error.js";

/** What a {@link MaestroTimeoutError} knows. */
export interface MaestroTimeoutErrorOptions extends MaestroEvalErrorOptions {
  runId: string;
  elapsedMs: number;
  /** The run's last status seen while polling. */
  lastStatus: string;
  /** How many GET requests were made. */
  polls: number;
}

/** A run was still unfinished when the polling deadline passed. */
export class MaestroTimeoutError extends MaestroEvalError {
  override name = "MaestroTimeoutError";
  readonly runId: string;
  readonly elapsedMs: number;
  readonly lastStatus: string;
  readonly polls: number;

  constructor(options: MaestroTimeoutErrorOptions) {
    super(
      `Maestro run ${options.runId} was still ${options.lastStatus} after ${options.elapsedMs} ms (${options.polls} polls)`,
      options,
    );
    this.runId = options.runId;
    this.elapsedMs = options.elapsedMs;
    this.lastStatus = options.lastStatus;
    this.polls = options.polls;
  }
}

/** Whether `value` is a {@link MaestroTimeoutError}, even one serialised across a worker boundary. */
export function isMaestroTimeoutError(value: unknown): value is MaestroTimeoutError {
  return (
    value instanceof MaestroTimeoutError ||
    (value as { name?: unknown } | null)?.name === "MaestroTimeoutError"
  );
}
