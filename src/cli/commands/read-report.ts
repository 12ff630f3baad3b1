import { readFileSync } from "node:fs";
import { EVAL_REPORT_SCHEMA_VERSION, type EvalReport } from "../../domain/index.js";
import { MaestroConfigurationError } from "../../errors/index.js";

/** Reads a report.json, with errors that name the file and say what is wrong with it. */
export function readReport(path: string): EvalReport {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MaestroConfigurationError(
      code === "ENOENT"
        ? `no report at ${path}; run maestro-eval run first`
        : `cannot read ${path}: ${code ?? (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MaestroConfigurationError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const report = value as Partial<EvalReport>;
  if (
    typeof report !== "object" ||
    report === null ||
    report.schemaVersion !== EVAL_REPORT_SCHEMA_VERSION ||
    !Array.isArray(report.cells)
  ) {
    throw new MaestroConfigurationError(
      `${path} is not a maestro-eval report of schema version ${EVAL_REPORT_SCHEMA_VERSION} (schemaVersion ${JSON.stringify(report?.schemaVersion)})`,
    );
  }
  return report as EvalReport;
}

/**
 * Reads the baseline: a missing file is an error when the user named it, and simply no baseline when it
 * is only the configured default that nobody has blessed yet.
 */
export function readBaseline(path: string, required: boolean): EvalReport | undefined {
  try {
    return readReport(path);
  } catch (error) {
    if (!required && (error as Error).message.startsWith("no report at")) return undefined;
    throw error;
  }
}
