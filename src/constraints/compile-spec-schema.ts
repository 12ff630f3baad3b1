import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { DataValidateFunction, DataValidationCxt, KeywordDefinition } from "ajv/dist/types/index.js";
import type { ConstraintIssue } from "../errors/index.js";
import { formatIssueLocation } from "../errors/index.js";
import { countWords } from "./count-words.js";
import { createIssue, isRecord } from "./create-issue.js";
import { describeValue } from "./describe-value.js";
import { loadSpec } from "./load-spec.js";
import { locateInstance } from "./locate-instance.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import { prepareSpecSchemas } from "./prepare-spec-schemas.js";
import { createAjv2020 } from "./require-ajv.js";
import { CONSTRAINT_RULES } from "./rules/constraint-rules.js";

/** Validates a value against one of the spec's component schemas and returns every issue found. */
export type SpecSchemaValidator = (value: unknown) => ConstraintIssue[];

const SPEC_ID = "maestro.yaml";

type Severity = ConstraintIssue["severity"];
type IssueFunction = DataValidateFunction & { errors?: Partial<ErrorObject>[] };

function report(validate: IssueFunction, keyword: string, issues: readonly ConstraintIssue[]): false {
  validate.errors = issues.map((issue) => ({ keyword, params: { issue } }));
  return false;
}

function locate(context: DataValidationCxt | undefined): (string | number)[] {
  return locateInstance(context?.instancePath ?? "", context?.rootData);
}

function deprecationMessage(where: string, description: string): string {
  // The spec's description reads "Deprecated by AI21 in October 2025 in favour of `tools`; ...":
  // its first clause completes "<field> is deprecated ...".
  const clause = (description.split(/;|\.\s/)[0] ?? "").replace(/`/g, "").replace(/\.$/, "").trim();
  if (clause === "") return `${where} is deprecated`;
  if (/^deprecated\b/i.test(clause)) return `${where} is d${clause.slice(1)}`;
  return `${where} is deprecated: ${clause}`;
}

/** The spec's `x-maestro-rules`: the named cross-field rules of constraints/rules/, run on the object. */
const RULES_KEYWORD: KeywordDefinition = {
  keyword: "x-maestro-rules",
  schemaType: "array",
  errors: true,
  compile(names: unknown[]) {
    const rules = names.map((name) => {
      const rule = typeof name === "string" ? CONSTRAINT_RULES[name] : undefined;
      if (!rule)
        throw new Error(`x-maestro-rules: the spec names ${String(name)}, which has no implementation`);
      return rule;
    });
    const validate: IssueFunction = (data: unknown, context?: DataValidationCxt) => {
      const found: ConstraintIssue[] = [];
      const where = { loc: () => locate(context) };
      for (const rule of rules) {
        const issues = rule(data, where);
        if (issues) found.push(...issues);
      }
      return found.length > 0 ? report(validate, "x-maestro-rules", found) : true;
    };
    return validate;
  },
};

/** `x-maestro-max-words`: a string of at most that many words. */
const MAX_WORDS_KEYWORD: KeywordDefinition = {
  keyword: "x-maestro-max-words",
  schemaType: "number",
  errors: true,
  compile(max: number) {
    const validate: IssueFunction = (data: unknown, context?: DataValidationCxt) => {
      if (typeof data !== "string") return true;
      const words = countWords(data);
      if (words <= max) return true;
      const loc = locate(context);
      return report(validate, "x-maestro-max-words", [
        createIssue(
          loc,
          `${formatIssueLocation(loc)} has ${words} words; at most ${max} ${max === 1 ? "is" : "are"} allowed`,
          "value_error.too_many_words",
        ),
      ]);
    };
    return validate;
  },
};

/** `x-maestro-documented-maximum`: a warning above the maximum AI21 documents (the API may still accept it). */
const DOCUMENTED_MAXIMUM_KEYWORD: KeywordDefinition = {
  keyword: "x-maestro-documented-maximum",
  schemaType: "number",
  errors: true,
  compile(max: number) {
    const validate: IssueFunction = (data: unknown, context?: DataValidationCxt) => {
      if (typeof data !== "number" || !(data > max)) return true;
      const loc = locate(context);
      return report(validate, "x-maestro-documented-maximum", [
        createIssue(
          loc,
          `${formatIssueLocation(loc)} is ${describeValue(data)}, above the ${max} AI21 documents; it may be rejected`,
          "warning.above_documented_maximum",
          "warning",
        ),
      ]);
    };
    return validate;
  },
};

/** `x-maestro-known-properties`: fields the spec does not name, as an error or a warning. */
const KNOWN_PROPERTIES_KEYWORD: KeywordDefinition = {
  keyword: "x-maestro-known-properties",
  schemaType: "string",
  errors: true,
  compile(severity: Severity, parentSchema: Record<string, unknown>) {
    const known = new Set(Object.keys((parentSchema.properties ?? {}) as object));
    const validate: IssueFunction = (data: unknown, context?: DataValidationCxt) => {
      if (!isRecord(data)) return true;
      const found: ConstraintIssue[] = [];
      for (const key of Object.keys(data)) {
        // An undefined value is what JSON.stringify drops: it never reaches the wire.
        if (known.has(key) || data[key] === undefined) continue;
        const loc = [...locate(context), key];
        found.push(
          createIssue(
            loc,
            `${formatIssueLocation(loc)} is not a known field; AI21 ignores unknown fields`,
            severity === "error" ? "value_error.extra" : "warning.unknown_field",
            severity,
          ),
        );
      }
      return found.length > 0 ? report(validate, "x-maestro-known-properties", found) : true;
    };
    return validate;
  },
};

/** `x-maestro-deprecated`: a warning whenever the field is sent. */
const DEPRECATED_KEYWORD: KeywordDefinition = {
  keyword: "x-maestro-deprecated",
  schemaType: "string",
  errors: true,
  compile(description: string) {
    const validate: IssueFunction = (_data: unknown, context?: DataValidationCxt) => {
      const loc = locate(context);
      return report(validate, "x-maestro-deprecated", [
        createIssue(
          loc,
          deprecationMessage(formatIssueLocation(loc), description),
          "warning.deprecated",
          "warning",
        ),
      ]);
    };
    return validate;
  },
};

/** The spec's own keywords, added to ajv by {@link createAjv}. */
const SPEC_KEYWORDS: readonly KeywordDefinition[] = [
  RULES_KEYWORD,
  MAX_WORDS_KEYWORD,
  DOCUMENTED_MAXIMUM_KEYWORD,
  KNOWN_PROPERTIES_KEYWORD,
  DEPRECATED_KEYWORD,
];

function createAjv(): Ajv2020 {
  const ajv = createAjv2020({
    allErrors: true,
    verbose: true,
    discriminator: true,
    // OpenAPI keywords (example, deprecated, discriminator's siblings, x-*) are annotations here.
    strict: false,
    strictNumbers: true,
    ownProperties: true,
    messages: false,
    // The spec's schemas are not checked against JSON Schema's meta-schema in every process that loads
    // them (a third of the compile, about 40 ms): they are checked once, by a test
    // (test/unit/constraints/compile-spec-schema.test.ts).
    validateSchema: false,
  });
  for (const keyword of SPEC_KEYWORDS) ajv.addKeyword(keyword);

  const { schemas } = prepareSpecSchemas(loadSpec().components.schemas);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  return ajv;
}

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

/**
 * Compiles (once, then from a cache) one of the spec's component schemas, such as
 * `CreateMaestroRunRequest`, `MaestroRun`, `ChatCompletion` or `HTTPValidationError`, with the same
 * ajv set-up, rules and error mapping as the request validators.
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
  ajvInstance ??= createAjv();
  const compiled = ajvInstance.getSchema(`${SPEC_ID}#/components/schemas/${name}`) as
    | ValidateFunction
    | undefined;
  if (!compiled) throw new Error(`compileSpecSchema: ajv could not compile ${name}`);
  const validator: SpecSchemaValidator = (value) => {
    if (compiled(value)) return [];
    return sortBySeverity(mapAjvErrors(compiled.errors ?? [], value));
  };
  validators.set(name, validator);
  return validator;
}
