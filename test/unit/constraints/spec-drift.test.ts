// The spec and the validator cannot drift: every rule, extension and enum is checked both ways.
import { describe, expect, test } from "vitest";
import {
  loadSpec,
  readSpecDefaults,
  readSpecSchema,
  validateChatRequest,
  validateRunRequest,
} from "../../../src/constraints/index.js";
import { SPEC_EXTENSIONS } from "../../../src/constraints/prepare-spec-schemas.js";
import { CONSTRAINT_RULES } from "../../../src/constraints/rules/constraint-rules.js";
import { BUDGETS, INCLUDE_FIELDS, RESPONSE_LANGUAGES } from "../../../src/domain/index.js";

/** Every `[key, value]` pair anywhere in the spec document. */
function collectEntries(value: unknown, found: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) for (const item of value) collectEntries(item, found);
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      found.push([key, child]);
      collectEntries(child, found);
    }
  }
  return found;
}

const entries = collectEntries(loadSpec());

const JSON_SCHEMA_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "properties",
  "additionalProperties",
  "required",
  "items",
  "prefixItems",
  "oneOf",
  "anyOf",
  "allOf",
  "not",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "format",
  "pattern",
  "uniqueItems",
  "default",
  "description",
  "title",
  "examples",
  "deprecated",
  "discriminator",
]);

describe("the spec and the validator", () => {
  test("every rule the spec names has an implementation, and every implementation is named", () => {
    const named = new Set(
      entries.filter(([key]) => key === "x-maestro-rules").flatMap(([, value]) => value as string[]),
    );
    expect([...named].sort()).toEqual(Object.keys(CONSTRAINT_RULES).sort());
  });

  test("every x-maestro extension the spec uses inside its schemas is one the validator reads", () => {
    const schemaEntries = collectEntries(loadSpec().components.schemas);
    const used = new Set(schemaEntries.map(([key]) => key).filter((key) => key.startsWith("x-maestro-")));
    expect([...used].filter((key) => !SPEC_EXTENSIONS.includes(key))).toEqual([]);
  });

  test("every keyword of every component schema is a JSON Schema or OpenAPI keyword ajv understands", () => {
    const unknown = new Set<string>();
    const visit = (schema: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(schema)) {
        if (key.startsWith("x-")) continue;
        if (!JSON_SCHEMA_KEYWORDS.has(key)) unknown.add(key);
        if (key === "properties") for (const child of Object.values(value as object)) visit(child);
        else if (key === "items" || key === "additionalProperties" || key === "not") {
          if (typeof value === "object" && value !== null) visit(value as Record<string, unknown>);
        } else if (key === "oneOf" || key === "anyOf" || key === "allOf" || key === "prefixItems") {
          for (const child of value as Record<string, unknown>[]) visit(child);
        }
      }
    };
    for (const schema of Object.values(loadSpec().components.schemas))
      visit(schema as Record<string, unknown>);
    expect([...unknown]).toEqual([]);
  });

  test("the runtime enums of src/domain equal the spec's", () => {
    expect(BUDGETS).toEqual(readSpecSchema("Budget").enum);
    expect(RESPONSE_LANGUAGES).toEqual(readSpecSchema("ResponseLanguage").enum);
    expect(INCLUDE_FIELDS).toEqual(readSpecSchema("IncludeField").enum);
  });

  test("the description limit comes from x-maestro-max-words", () => {
    const limit = (readSpecSchema("Requirement").properties as Record<string, Record<string, unknown>>)
      .description?.["x-maestro-max-words"];
    expect(limit).toBe(128);
  });

  test("every x-maestro-default is a valid value of its field", () => {
    expect(validateRunRequest({ input: "x", ...readSpecDefaults("CreateMaestroRunRequest") })).toEqual([]);
    expect(
      validateChatRequest({
        model: "jamba-mini",
        messages: [{ role: "user", content: "x" }],
        ...readSpecDefaults("ChatCompletionRequest"),
      }),
    ).toEqual([]);
    const tools = [
      { ...readSpecDefaults("FileSearchTool"), type: "file_search" },
      { ...readSpecDefaults("WebSearchTool"), type: "web_search" },
      {
        type: "http",
        function: {
          name: "f",
          description: "d",
          parameters: { ...readSpecDefaults("HttpToolParameters"), properties: {}, required: [] },
        },
        endpoint: { url: "https://example.com" },
      },
    ];
    expect(validateRunRequest({ input: "x", tools })).toEqual([]);
    expect(
      validateRunRequest({
        input: "x",
        requirements: [{ name: "a", description: "b", ...readSpecDefaults("Requirement") }],
      }),
    ).toEqual([]);
    // Every schema with x-maestro-default is covered above.
    const covered = [
      "CreateMaestroRunRequest",
      "ChatCompletionRequest",
      "FileSearchTool",
      "WebSearchTool",
      "HttpToolParameters",
      "Requirement",
    ];
    const withDefaults = Object.entries(loadSpec().components.schemas)
      .filter(([, schema]) => collectEntries(schema).some(([key]) => key === "x-maestro-default"))
      .map(([name]) => name);
    expect(withDefaults.filter((name) => !covered.includes(name))).toEqual([]);
  });
});

describe("the spec the built package reads", () => {
  test("dist/openapi-spec.json, written by the build, is openapi/maestro.yaml as JSON", async () => {
    const { readFileSync } = await import("node:fs");
    const { parse } = await import("yaml");
    const root = new URL("../../../", import.meta.url);
    // This repository's test setup builds dist/ from the current sources before any test runs.
    const built = JSON.parse(readFileSync(new URL("dist/openapi-spec.json", root), "utf8")) as unknown;
    expect(built).toEqual(parse(readFileSync(new URL("openapi/maestro.yaml", root), "utf8")));
    // From the sources, the spec is read from the YAML itself.
    expect(loadSpec()).toEqual(built);
  });
});
