// The spec's own keywords (`x-maestro-*`), added to ajv beside JSON Schema's. Each is built by a factory
// from JSON arguments read off the schema, so that the validators compiled ahead of time
// (spec-validators.ts) rebuild the same functions from the arguments they recorded.
import type { ErrorObject } from "ajv/dist/2020.js";
import type { DataValidateFunction, DataValidationCxt, KeywordDefinition } from "ajv/dist/types/index.js";
import type { ConstraintIssue } from "../errors/index.js";
import { formatIssueLocation } from "../errors/index.js";
import { countWords } from "./count-words.js";
import { createIssue, isRecord } from "./create-issue.js";
import { describeValue } from "./describe-value.js";
import { locateInstance } from "./locate-instance.js";
import { CONSTRAINT_RULES } from "./rules/constraint-rules.js";

type Severity = ConstraintIssue["severity"];
/** A keyword's validating function, which leaves its issues in `errors` for ajv to collect. */
export type IssueFunction = DataValidateFunction & { errors?: Partial<ErrorObject>[] };
/** JSON arguments of a keyword's factory. */
export type KeywordArguments = readonly (string | number | readonly string[])[];

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

/** `x-maestro-rules`: the named cross-field rules of constraints/rules/, run on the object. */
function rulesKeyword(names: readonly string[]): IssueFunction {
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
}

/** `x-maestro-max-words`: a string of at most that many words. */
function maxWordsKeyword(max: number): IssueFunction {
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
}

/** `x-maestro-documented-maximum`: a warning above the maximum AI21 documents (the API may still accept it). */
function documentedMaximumKeyword(max: number): IssueFunction {
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
}

/** `x-maestro-known-properties`: fields the spec does not name (`known`), as an error or a warning. */
function knownPropertiesKeyword(severity: Severity, knownNames: readonly string[]): IssueFunction {
  const known = new Set(knownNames);
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
}

/** `x-maestro-deprecated`: a warning whenever the field is sent. */
function deprecatedKeyword(description: string): IssueFunction {
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
}

interface SpecKeyword {
  schemaType: "array" | "number" | "string";
  /** The factory's arguments, read off the keyword's value and the schema holding it. */
  read(value: unknown, parentSchema: Record<string, unknown>): KeywordArguments;
  build(...args: never[]): IssueFunction;
}

const SPEC_KEYWORDS: Record<string, SpecKeyword> = {
  "x-maestro-rules": {
    schemaType: "array",
    read: (names) => [names as string[]],
    build: rulesKeyword,
  },
  "x-maestro-max-words": { schemaType: "number", read: (max) => [max as number], build: maxWordsKeyword },
  "x-maestro-documented-maximum": {
    schemaType: "number",
    read: (max) => [max as number],
    build: documentedMaximumKeyword,
  },
  "x-maestro-known-properties": {
    schemaType: "string",
    read: (severity, parent) => [severity as string, Object.keys((parent.properties ?? {}) as object)],
    build: knownPropertiesKeyword,
  },
  "x-maestro-deprecated": {
    schemaType: "string",
    read: (description) => [description as string],
    build: deprecatedKeyword,
  },
};

/** What each keyword function was built from: the code compiled ahead of time rebuilds it from this. */
const BUILT_FROM = new WeakMap<IssueFunction, { keyword: string; args: KeywordArguments }>();

/**
 * Builds one of the spec's keyword functions from its JSON arguments, as {@link SPEC_KEYWORD_DEFINITIONS}
 * does while ajv compiles.
 */
export function buildSpecKeyword(keyword: string, args: KeywordArguments): IssueFunction {
  const spec = SPEC_KEYWORDS[keyword];
  if (spec === undefined) throw new Error(`buildSpecKeyword: ${keyword} is not one of the spec's keywords`);
  const validate = (spec.build as (...values: KeywordArguments) => IssueFunction)(...args);
  BUILT_FROM.set(validate, { keyword, args });
  return validate;
}

/** The keyword and JSON arguments a keyword function was built from (undefined for any other function). */
export function specKeywordSource(fn: unknown): { keyword: string; args: KeywordArguments } | undefined {
  return typeof fn === "function" ? BUILT_FROM.get(fn as IssueFunction) : undefined;
}

/** The spec's keywords as ajv takes them. */
export const SPEC_KEYWORD_DEFINITIONS: readonly KeywordDefinition[] = Object.entries(SPEC_KEYWORDS).map(
  ([keyword, spec]) => ({
    keyword,
    schemaType: spec.schemaType,
    errors: true,
    compile: (value: unknown, parentSchema: Record<string, unknown>) =>
      buildSpecKeyword(keyword, spec.read(value, parentSchema)),
  }),
);
