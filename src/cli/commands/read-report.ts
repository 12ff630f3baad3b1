import { readFileSync } from "node:fs";
import type { ErrorObject } from "ajv/dist/2020.js";
import { EVAL_REPORT_SCHEMA_VERSION, type EvalReport } from "../../domain/index.js";
import { MaestroConfigurationError } from "../../errors/index.js";
import { reportValidator } from "../report-validator.js";

/**
 * Reads a report.json and checks it against its JSON Schema before anything trusts it, with errors that
 * name the file and the field that is wrong (`cells[3].score must be number,null`).
 */
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
  const report = value as Partial<EvalReport> | null;
  if (typeof report !== "object" || report === null || Array.isArray(report)) {
    throw new MaestroConfigurationError(`${path} is not a maestro-eval report: it holds ${describe(value)}`);
  }
  if (report.schemaVersion !== EVAL_REPORT_SCHEMA_VERSION) {
    throw new MaestroConfigurationError(
      `${path} is not a maestro-eval report of schema version ${EVAL_REPORT_SCHEMA_VERSION} (schemaVersion ${JSON.stringify(report.schemaVersion)})${typeof report.schemaVersion === "number" && report.schemaVersion < EVAL_REPORT_SCHEMA_VERSION ? "; an older maestro-eval wrote it: run again (and bless again, if it is the baseline)" : ""}`,
    );
  }
  const validate = reportValidator();
  if (!validate(report)) {
    throw new MaestroConfigurationError(
      `${path} does not match schemas/eval-report.schema.json: ${describeSchemaError(validate.errors?.[0])}`,
    );
  }
  const checked = report as EvalReport;
  if (checked.totals.cells !== checked.cells.length) {
    throw new MaestroConfigurationError(
      `${path} is inconsistent: totals.cells is ${checked.totals.cells} but cells holds ${checked.cells.length}`,
    );
  }
  const suites = new Set(checked.suites.map((suite) => suite.name));
  const stray = checked.cells.find((cell) => !suites.has(cell.suite));
  if (stray !== undefined) {
    throw new MaestroConfigurationError(
      `${path} is inconsistent: cell ${JSON.stringify(stray.key)} belongs to suite ${JSON.stringify(stray.suite)}, which suites does not list`,
    );
  }
  const cellSuites = new Set(checked.cells.map((cell) => cell.suite));
  const empty = checked.suites.find((suite) => !cellSuites.has(suite.name));
  if (empty !== undefined) {
    throw new MaestroConfigurationError(
      `${path} is inconsistent: suites lists ${JSON.stringify(empty.name)}, which no cell belongs to`,
    );
  }
  return checked;
}

/** `cells[3].score must be number,null`, `suites must be array`, `cells[0] must have required property 'key'`. */
function describeSchemaError(error: ErrorObject | undefined): string {
  if (error === undefined) return "it does not match";
  const field =
    error.instancePath === ""
      ? "the report"
      : error.instancePath
          .slice(1)
          .split("/")
          .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
          .reduce(
            (path, part) =>
              /^\d+$/.test(part) ? `${path}[${part}]` : path === "" ? part : `${path}.${part}`,
            "",
          );
  if (error.keyword === "additionalProperties") {
    return `${field} has a field the schema does not know: ${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)}`;
  }
  if (error.keyword === "enum") {
    return `${field} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((item) => JSON.stringify(item)).join(", ")}`;
  }
  return `${field} ${error.message ?? "is wrong"}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
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
