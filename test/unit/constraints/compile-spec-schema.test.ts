import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import {
  compileSpecSchema,
  listSpecSchemaNames,
  loadSpec,
  readSpecDefaults,
  readSpecSchema,
} from "../../../src/constraints/index.js";
import { prepareSpecSchemas } from "../../../src/constraints/prepare-spec-schemas.js";

describe("compileSpecSchema", () => {
  // The validators skip this check in every process (validateSchema: false); it is made here, once.
  test("every component schema of the spec, as the validators compile it, is valid JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false });
    const { schemas } = prepareSpecSchemas(loadSpec().components.schemas);
    expect(Object.keys(schemas).length).toBeGreaterThan(10);
    for (const [name, schema] of Object.entries(schemas)) {
      expect({ name, valid: ajv.validateSchema(schema), errors: ajv.errors ?? null }).toEqual({
        name,
        valid: true,
        errors: null,
      });
    }
    // The check catches what it is for: a schema that is not valid.
    expect(ajv.validateSchema({ type: "strin" })).toBe(false);
    expect(ajv.validateSchema({ properties: { a: { minLength: -1 } } })).toBe(false);
  });

  test("compiles every component schema of the spec", () => {
    for (const name of listSpecSchemaNames()) expect(typeof compileSpecSchema(name)).toBe("function");
  });

  test("returns the same validator for the same name", () => {
    expect(compileSpecSchema("MaestroRun")).toBe(compileSpecSchema("MaestroRun"));
  });

  test("validates responses: a run", () => {
    const validateRun = compileSpecSchema("MaestroRun");
    expect(
      validateRun({
        id: "9b2f6a4e-3c1d-4f6b-9a8e-1d2c3b4a5f60",
        status: "in_progress",
        result: null,
        error: null,
      }),
    ).toEqual([]);
    expect(
      validateRun({ id: "x", status: "done", error: 5 }).map((issue) => [issue.loc, issue.msg, issue.type]),
    ).toEqual([
      [["body", "result"], "result is required", "value_error.missing"],
      [["body", "id"], 'id must be a valid uuid; got "x"', "value_error.format"],
      [
        ["body", "status"],
        'status must be one of in_progress, completed, failed, requires_action; got "done"',
        "type_error.enum",
      ],
      [["body", "error"], "error must be an object or null; got 5", "type_error.dict"],
    ]);
  });

  test("validates responses: a chat completion, a chunk and a 422 body", () => {
    const completion = {
      id: "c1",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    expect(compileSpecSchema("ChatCompletion")(completion)).toEqual([]);
    expect(compileSpecSchema("ChatCompletionChunk")({ id: "c1", choices: [], usage: null })).toEqual([]);
    expect(
      compileSpecSchema("ChatCompletionChunk")({ id: "c1", choices: [], usage: "none" }).map(
        (issue) => issue.msg,
      ),
    ).toEqual(['usage must be an object or null; got "none"']);
    expect(
      compileSpecSchema("HTTPValidationError")({
        detail: [{ loc: ["body", 1, true], msg: "m", type: "t" }],
      }).map((issue) => [issue.loc, issue.msg, issue.type]),
    ).toEqual([
      [
        ["body", "detail", 0, "loc", 2],
        "detail[0].loc[2] must be a string or an integer; got true",
        "type_error.union",
      ],
    ]);
  });

  test("throws a TypeError naming the known schemas for an unknown name", () => {
    expect(() => compileSpecSchema("Nope")).toThrow(
      /^compileSpecSchema: unknown schema "Nope"; the spec has ErrorDetail, /,
    );
  });
});

describe("readSpecSchema", () => {
  test("throws a TypeError naming the known schemas for an unknown name", () => {
    expect(() => readSpecSchema("Nope")).toThrow(
      /^readSpecSchema: unknown schema "Nope"; the spec has ErrorDetail, /,
    );
  });
});

describe("readSpecDefaults", () => {
  test("reads x-maestro-default and the defaults of referenced components", () => {
    expect(readSpecDefaults("CreateMaestroRunRequest")).toEqual({
      budget: "low",
      response_language: "unset",
      verbose: false,
      structured_rag_enabled: false,
      dynamic_planning_enabled: false,
      variant: "main",
    });
    expect(readSpecDefaults("ChatCompletionRequest")).toEqual({
      max_tokens: 4096,
      temperature: 0.4,
      top_p: 1,
      n: 1,
      stream: false,
    });
  });
});
