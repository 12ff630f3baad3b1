import { MaestroEvalError } from "./maestro-eval-error.js";

/** What a {@link MaestroCassetteMissError} knows. */
export interface MaestroCassetteMissErrorOptions {
  cassette: string;
  requestHash: string;
  cellKey: string;
  /** The recorded request closest to the one asked for, and how they differ. */
  closest?: { requestHash: string; difference: string };
}

/** In replay mode, a cell's request has no recording in its cassette. */
export class MaestroCassetteMissError extends MaestroEvalError {
  override name = "MaestroCassetteMissError";
  readonly cassette: string;
  readonly requestHash: string;
  readonly cellKey: string;
  readonly closest: MaestroCassetteMissErrorOptions["closest"];

  constructor(options: MaestroCassetteMissErrorOptions) {
    const closest =
      options.closest === undefined
        ? "the cassette is empty"
        : `closest recording ${options.closest.requestHash} differs: ${options.closest.difference}`;
    super(
      `no recording for ${options.cellKey} (request ${options.requestHash}) in ${options.cassette}; ${closest}. Record it with MAESTRO_EVAL_CASSETTES=record or auto`,
    );
    this.cassette = options.cassette;
    this.requestHash = options.requestHash;
    this.cellKey = options.cellKey;
    this.closest = options.closest;
  }
}

/** Whether `value` is a {@link MaestroCassetteMissError}, even one serialised across a worker boundary. */
export function isMaestroCassetteMissError(value: unknown): value is MaestroCassetteMissError {
  return (
    value instanceof MaestroCassetteMissError ||
    (value as { name?: unknown } | null)?.name === "MaestroCassetteMissError"
  );
}
