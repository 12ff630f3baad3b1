import type { ErrorObject } from "ajv/dist/2020.js";
import type { ConstraintIssue } from "../errors/index.js";
import { formatIssueLocation } from "../errors/index.js";
import { createIssue } from "./create-issue.js";
import { describeChoices, describeTypes, describeValue, plural } from "./describe-value.js";
import { locateInstance } from "./locate-instance.js";

/** Keywords of compile-spec-schema.ts whose errors carry a finished issue in `params.issue`. */
export const ISSUE_KEYWORDS: ReadonlySet<string> = new Set([
  "x-maestro-rules",
  "x-maestro-max-words",
  "x-maestro-documented-maximum",
  "x-maestro-known-properties",
  "x-maestro-deprecated",
]);

const TYPE_ERROR_NAMES: Record<string, string> = {
  string: "str",
  integer: "integer",
  number: "float",
  boolean: "bool",
  array: "list",
  object: "dict",
  null: "none.allowed",
};

function readTypes(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(",");
}

function typeErrorName(types: readonly string[]): string {
  const meaningful = types.length > 1 ? types.filter((type) => type !== "null") : types;
  if (meaningful.length !== 1) return "type_error.union";
  return `type_error.${TYPE_ERROR_NAMES[meaningful[0]!] ?? meaningful[0]}`;
}

function lengthOf(value: unknown): number {
  if (typeof value === "string") {
    // ajv measures strings in code points; so do the messages.
    let count = 0;
    for (const _ of value) count += 1;
    return count;
  }
  return Array.isArray(value) ? value.length : 0;
}

// ajv's error list is flat: the errors of a union's branches come right before the union's own error.
// A union becomes one issue, never a cascade.
function collapseUnions(errors: readonly ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = [];
  // A value of the wrong type also fails its enum or const; the type error alone says it all.
  const mistyped = new Set(
    errors.filter((error) => error.keyword === "type").map((error) => error.instancePath),
  );
  for (const error of errors) {
    if (error.keyword === "if") continue; // the branch's own errors say what is wrong
    if ((error.keyword === "enum" || error.keyword === "const") && mistyped.has(error.instancePath)) continue;
    if (error.keyword === "oneOf" || error.keyword === "anyOf") {
      const path = error.instancePath;
      while (kept.length > 0) {
        const last = kept[kept.length - 1]!.instancePath;
        if (last !== path && !last.startsWith(`${path}/`)) break;
        kept.pop();
      }
    }
    kept.push(error);
  }
  return kept;
}

/** Maps ajv's errors (compiled with `allErrors` and `verbose`) to FastAPI-shaped issues. */
export function mapAjvErrors(errors: readonly ErrorObject[], root: unknown): ConstraintIssue[] {
  const issues: ConstraintIssue[] = [];
  for (const error of collapseUnions(errors)) {
    if (ISSUE_KEYWORDS.has(error.keyword)) {
      const issue = (error.params as { issue?: ConstraintIssue }).issue;
      if (issue) issues.push(issue);
      continue;
    }
    issues.push(mapSchemaError(error, root));
  }
  return issues;
}

function mapSchemaError(error: ErrorObject, root: unknown): ConstraintIssue {
  const loc = locateInstance(error.instancePath, root);
  const where = formatIssueLocation(loc);
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  const got = describeValue(data);
  const limit = params.limit as number;
  switch (error.keyword) {
    case "required":
      return missingFieldIssue(error, loc);
    case "type": {
      const types = readTypes(params.type);
      return createIssue(loc, `${where} must be ${describeTypes(types)}; got ${got}`, typeErrorName(types));
    }
    case "enum": {
      // A nullable field lists null among its values (null means unset); the message names the others.
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const choices = allowed.length > 1 ? allowed.filter((value) => value !== null) : allowed;
      return choices.length === 1
        ? createIssue(loc, `${where} must be ${describeValue(choices[0])}; got ${got}`, "value_error.const")
        : createIssue(
            loc,
            `${where} must be one of ${describeChoices(choices)}; got ${got}`,
            "type_error.enum",
          );
    }
    case "const":
      return createIssue(
        loc,
        `${where} must be ${describeValue(params.allowedValue)}; got ${got}`,
        "value_error.const",
      );
    case "minLength":
      return limit === 1
        ? createIssue(loc, `${where} must not be empty`, "value_error.any_str.min_length")
        : createIssue(
            loc,
            `${where} has ${plural(lengthOf(data), "character")}; at least ${limit} are required`,
            "value_error.any_str.min_length",
          );
    case "maxLength":
      return createIssue(
        loc,
        `${where} has ${plural(lengthOf(data), "character")}; at most ${limit} ${limit === 1 ? "is" : "are"} allowed`,
        "value_error.any_str.max_length",
      );
    case "minItems":
      return limit === 1
        ? createIssue(loc, `${where} must not be empty`, "value_error.list.min_items")
        : createIssue(
            loc,
            `${where} has ${plural(lengthOf(data), "item")}; at least ${limit} are required`,
            "value_error.list.min_items",
          );
    case "maxItems":
      return createIssue(
        loc,
        `${where} has ${plural(lengthOf(data), "item")}; at most ${limit} ${limit === 1 ? "is" : "are"} allowed`,
        "value_error.list.max_items",
      );
    case "minimum":
      return createIssue(loc, `${where} must be at least ${limit}; got ${got}`, "value_error.number.not_ge");
    case "maximum":
      return createIssue(loc, `${where} must be at most ${limit}; got ${got}`, "value_error.number.not_le");
    case "exclusiveMinimum":
      return createIssue(
        loc,
        `${where} must be greater than ${limit}; got ${got}`,
        "value_error.number.not_gt",
      );
    case "exclusiveMaximum":
      return createIssue(loc, `${where} must be less than ${limit}; got ${got}`, "value_error.number.not_lt");
    case "discriminator":
      return discriminatorIssue(error, loc);
    case "format":
      return createIssue(
        loc,
        `${where} must be a valid ${String(params.format)}; got ${got}`,
        "value_error.format",
      );
    case "additionalProperties": {
      const extra = [...loc, String(params.additionalProperty)];
      return createIssue(extra, `${formatIssueLocation(extra)} is not allowed`, "value_error.extra");
    }
    case "oneOf":
    case "anyOf":
      return Array.isArray(params.passing)
        ? createIssue(loc, `${where} matches more than one of the allowed shapes`, "value_error.union")
        : createIssue(loc, `${where} matches none of the allowed shapes; got ${got}`, "value_error.union");
    default:
      return createIssue(loc, `${where} is invalid (${error.keyword})`, "value_error");
  }
}

/** A missing field, with the spec's hint of what to add where the SDKs make it optional. */
function missingFieldIssue(error: ErrorObject, loc: (string | number)[]): ConstraintIssue {
  const params = error.params as Record<string, unknown>;
  const name = String(params.missingProperty);
  const missing = [...loc, name];
  // The spec's x-maestro-required-hints says what to add where the SDKs make a field optional.
  const hints = (error.parentSchema as Record<string, unknown> | undefined)?.["x-maestro-required-hints"];
  const hint =
    typeof hints === "object" && hints !== null ? (hints as Record<string, unknown>)[name] : undefined;
  return createIssue(
    missing,
    typeof hint === "string"
      ? `${formatIssueLocation(missing)} is required: add ${hint}`
      : `${formatIssueLocation(missing)} is required`,
    "value_error.missing",
  );
}

/** A union's tag missing or not one of its values, located at the tag. */
function discriminatorIssue(error: ErrorObject, loc: (string | number)[]): ConstraintIssue {
  const params = error.params as Record<string, unknown>;
  const tagName = String(params.tag);
  const tagLoc = [...loc, tagName];
  const tagWhere = formatIssueLocation(tagLoc);
  const tags = ((error.parentSchema as Record<string, unknown> | undefined)?.["x-maestro-tags"] ??
    []) as string[];
  return params.tagValue === undefined
    ? createIssue(
        tagLoc,
        `${tagWhere} is required; one of ${describeChoices(tags)}`,
        "value_error.discriminated_union.missing_discriminator",
      )
    : createIssue(
        tagLoc,
        `${tagWhere} must be one of ${describeChoices(tags)}; got ${describeValue(params.tagValue)}`,
        "value_error.discriminated_union.invalid_discriminator",
      );
}
