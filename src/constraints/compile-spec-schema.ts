import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import type { ConstraintIssue } from "../errors/index.js";
import { loadSpec } from "./load-spec.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import { createSpecAjv, specSchemaRef } from "./spec-ajv.js";
import { loadPrecompiledValidators } from "./spec-validators.js";

/** Validates a value against one of the spec's component schemas and returns every issue found. */
export type SpecSchemaValidator = (value: unknown) => ConstraintIssue[];

let ajvInstance: Ajv2020 | undefined;
const validators = new Map<string, SpecSchemaValidator>();

function sortBySeverity(issues: ConstraintIssue[]): ConstraintIssue[] {
  // Errors first, each group in the spec's order; a stable sort keeps the result deterministic.
  if (issues.every((issue) => issue.severity === "error")) return issues;
  return [
    ...issues.filter((issue) => issue.severity === "error"),
    ...issues.filter((issue) => issue.severity !== "error"),
  ];
}

/** The compiled validator of one component schema: compiled ahead of time when the build did, else by ajv. */
function compiledValidator(name: string): ValidateFunction {
  const precompiled = loadPrecompiledValidators()?.[name];
  if (precompiled !== undefined) return precompiled;
  ajvInstance ??= createSpecAjv();
  const compiled = ajvInstance.getSchema(specSchemaRef(name)) as ValidateFunction | undefined;
  if (!compiled) throw new Error(`compileSpecSchema: ajv could not compile ${name}`);
  return compiled;
}

/**
 * Compiles (once, then from a cache) one of the spec's component schemas, such as
 * `CreateMaestroRunRequest`, `MaestroRun`, `ChatCompletion` or `HTTPValidationError`, with the same
 * ajv set-up, rules and error mapping as the request validators. The request schemas come compiled ahead
 * of time in the built package (dist/spec-validators.cjs), which saves loading ajv and compiling them in
 * every process that validates (about 0.15 s).
 *
 * @example compileSpecSchema("MaestroRun")({ id: "x", status: "done" }) // issues at body.id, body.status, body.result
 */
export function compileSpecSchema(name: string): SpecSchemaValidator {
  const cached = validators.get(name);
  if (cached) return cached;
  const schemas = loadSpec().components.schemas;
  if (typeof name !== "string" || !Object.hasOwn(schemas, name)) {
    throw new TypeError(
      `compileSpecSchema: unknown schema ${JSON.stringify(String(name))}; the spec has ${Object.keys(schemas).join(", ")}`,
    );
  }
  const compiled = compiledValidator(name);
  const validator: SpecSchemaValidator = (value) => {
    if (compiled(value)) return [];
    return sortBySeverity(mapAjvErrors(compiled.errors ?? [], value));
  };
  validators.set(name, validator);
  return validator;
}
