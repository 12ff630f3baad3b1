// Which cassette mode a run uses, on its own: the global setup reads it without loading the cassettes' diffing.
import { MaestroConfigurationError } from "../errors/index.js";

/** off: always call the API; record: call and store; replay: only stored runs; auto: stored when there, else call and store. */
export type CassetteMode = "off" | "record" | "replay" | "auto";

const MODES: readonly CassetteMode[] = ["off", "record", "replay", "auto"];

/** Reads `MAESTRO_EVAL_CASSETTES`; `off` when unset. */
export function readCassetteMode(env: Record<string, string | undefined> = process.env): CassetteMode {
  const value = env.MAESTRO_EVAL_CASSETTES?.trim();
  if (value === undefined || value === "") return "off";
  if ((MODES as readonly string[]).includes(value)) return value as CassetteMode;
  throw new MaestroConfigurationError(
    `MAESTRO_EVAL_CASSETTES must be one of ${MODES.join(", ")}, got ${JSON.stringify(value)}`,
  );
}
