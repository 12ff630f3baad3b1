import { MaestroEvalError, type MaestroEvalErrorOptions } from "./maestro-eval-error.js";

/** What a {@link MaestroRunError} knows. */
export interface MaestroRunErrorOptions extends MaestroEvalErrorOptions {
  runId: string;
  status: string;
  /** The run's `error.message`, when it has one. */
  reason?: string;
}

/** A Maestro run ended without a result: `failed`, or `requires_action` where none can be given. */
export class MaestroRunError extends MaestroEvalError {
  override name = "MaestroRunError";
  readonly runId: string;
  readonly status: string;
  readonly reason: string | undefined;

  constructor(options: MaestroRunErrorOptions) {
    super(
      `Maestro run ${options.runId} ended ${options.status}: ${options.reason ?? "no error message in the run"}`,
      options,
    );
    this.runId = options.runId;
    this.status = options.status;
    this.reason = options.reason;
  }
}

/** Whether `value` is a {@link MaestroRunError}, even one serialised across a worker boundary. */
export function isMaestroRunError(value: unknown): value is MaestroRunError {
  return value instanceof MaestroRunError || (value as { name?: unknown } | null)?.name === "MaestroRunError";
}
