import { MaestroEvalError, type MaestroEvalErrorOptions } from "./maestro-eval-error.js";

/** What a {@link MaestroApiError} knows about the failed request. */
export interface MaestroApiErrorOptions extends MaestroEvalErrorOptions {
  status: number;
  method: string;
  url: string;
  /** The response body's `detail` (FastAPI style), a string or the list of issues, secrets removed. */
  detail?: unknown;
  /** How many attempts were made before giving up. */
  attempts?: number;
}

/** The API answered with a non-2xx status. */
export class MaestroApiError extends MaestroEvalError {
  override name = "MaestroApiError";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly detail: unknown;
  readonly attempts: number;

  constructor(options: MaestroApiErrorOptions) {
    const attempts = options.attempts ?? 1;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    super(
      `${options.method} ${options.url} failed with status ${options.status}${tries}: ${describeDetail(options.detail)}`,
      options,
    );
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.detail = options.detail;
    this.attempts = attempts;
  }
}

function describeDetail(detail: unknown): string {
  if (detail === undefined || detail === null || detail === "") return "no detail in the response body";
  if (typeof detail === "string") return oneLine(detail);
  if (Array.isArray(detail)) {
    return detail
      .map((item) => {
        if (typeof item !== "object" || item === null) return String(item);
        const { loc, msg } = item as { loc?: unknown; msg?: unknown };
        const where = Array.isArray(loc) ? loc.join(".") : "";
        return where ? `${where}: ${String(msg)}` : String(msg);
      })
      .join("; ");
  }
  return oneLine(JSON.stringify(detail));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}

/** Whether `value` is a {@link MaestroApiError}, even one serialised across a worker boundary. */
export function isMaestroApiError(value: unknown): value is MaestroApiError {
  return value instanceof MaestroApiError || (value as { name?: unknown } | null)?.name === "MaestroApiError";
}
