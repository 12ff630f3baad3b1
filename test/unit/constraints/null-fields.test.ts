// Explicit nulls: on the wire, null means unset wherever a field is optional (FastAPI/pydantic
// `Optional`), which is what AI21's Python SDK sends for `None`. The table is read from the spec, so a
// field added to the spec later is covered without touching this file.
import { describe, expect, test } from "vitest";
import {
  compileSpecSchema,
  dropNullFields,
  readSpecSchema,
  validateChatRequest,
  validateRunRequest,
} from "../../../src/constraints/index.js";

type Json = Record<string, unknown>;

/** The optional properties of a component schema, or of an object nested in it (`path` of property names). */
function optionalFields(schemaName: string, path: readonly string[] = []): string[] {
  let schema = readSpecSchema(schemaName) as Json;
  for (const name of path) {
    const child = (schema.properties as Record<string, Json>)[name]!;
    schema = child;
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.keys(schema.properties as Json).filter((name) => !required.has(name));
}

function requiredFields(schemaName: string): string[] {
  return (readSpecSchema(schemaName).required as string[] | undefined) ?? [];
}

const httpTool = {
  type: "http",
  function: {
    name: "lookup",
    description: "Looks up an order",
    parameters: {
      type: "object",
      properties: { id: { type: "string", description: "Order id" } },
      required: [],
    },
  },
  endpoint: { url: "https://api.example.com/orders" },
};
const chatTool = { type: "function", function: { name: "lookup", parameters: { properties: {} } } };
const userTurn = [{ role: "user", content: "Hello" }];

/** Puts `null` at `field` of the object `at` reaches in a copy of `base`. */
function withNull(base: Json, at: (request: Json) => Json, field: string): Json {
  const request = structuredClone(base);
  at(request)[field] = null;
  return request;
}

interface Row {
  where: string;
  request: Json;
  field: string;
  at: (request: Json) => Json;
  validate: (request: unknown) => { severity: string }[];
  schema: string;
}

function rows(
  where: string,
  schema: string,
  base: Json,
  at: (request: Json) => Json,
  fields: string[],
  validate: Row["validate"],
): Row[] {
  return fields.map((field) => ({
    where: `${where}.${field}`,
    request: withNull(base, at, field),
    field,
    at,
    validate,
    schema,
  }));
}

const run = { input: "Write a haiku about tea." };
const chat = { model: "jamba-mini", messages: userTurn };
const tool = (request: Json) => (request.tools as Json[])[0]!;
const TABLE: Row[] = [
  ...rows(
    "run",
    "CreateMaestroRunRequest",
    run,
    (r) => r,
    optionalFields("CreateMaestroRunRequest"),
    validateRunRequest,
  ),
  ...rows(
    "run.requirements[0]",
    "CreateMaestroRunRequest",
    { ...run, requirements: [{ name: "length", description: "Write up to 3 lines" }] },
    (r) => (r.requirements as Json[])[0]!,
    optionalFields("Requirement"),
    validateRunRequest,
  ),
  ...rows(
    "run.tools[http].parameters",
    "CreateMaestroRunRequest",
    { ...run, tools: [httpTool] },
    (r) => {
      const fn = tool(r).function as Json;
      return fn.parameters as Json;
    },
    optionalFields("HttpToolParameters"),
    validateRunRequest,
  ),
  ...rows(
    "run.tools[http].endpoint",
    "CreateMaestroRunRequest",
    { ...run, tools: [httpTool] },
    (r) => tool(r).endpoint as Json,
    optionalFields("HttpToolEndpoint"),
    validateRunRequest,
  ),
  ...(["McpTool", "FileSearchTool", "WebSearchTool"] as const).flatMap((name) => {
    const type = { McpTool: "mcp", FileSearchTool: "file_search", WebSearchTool: "web_search" }[name];
    const base = type === "mcp" ? { type, server_url: "https://mcp.example.com/mcp" } : { type };
    return rows(
      `run.tools[${type}]`,
      "CreateMaestroRunRequest",
      { ...run, tools: [base] },
      tool,
      optionalFields(name),
      validateRunRequest,
    );
  }),
  ...rows(
    "run.tool_resources",
    "CreateMaestroRunRequest",
    { ...run, tool_resources: { file_search: {}, web_search: {} } },
    (r) => r.tool_resources as Json,
    optionalFields("ToolResources"),
    // tool_resources itself is deprecated: its warning stays, whatever its fields hold.
    (request) => validateRunRequest(request).filter((issue) => issue.type !== "warning.deprecated"),
  ),
  ...rows(
    "chat",
    "ChatCompletionRequest",
    chat,
    (r) => r,
    optionalFields("ChatCompletionRequest"),
    validateChatRequest,
  ),
  ...rows(
    "chat.tools[0].function",
    "ChatCompletionRequest",
    { ...chat, tools: [chatTool] },
    (r) => (r.tools as Json[])[0]!.function as Json,
    optionalFields("ChatFunctionTool", ["function"]),
    validateChatRequest,
  ),
  ...rows(
    "chat.tools[0].function.parameters",
    "ChatCompletionRequest",
    { ...chat, tools: [chatTool] },
    (r) => ((r.tools as Json[])[0]!.function as Json).parameters as Json,
    optionalFields("ChatFunctionTool", ["function", "parameters"]),
    validateChatRequest,
  ),
  ...rows(
    "chat.documents[0]",
    "ChatCompletionRequest",
    { ...chat, documents: [{ content: "Tea is a drink." }] },
    (r) => (r.documents as Json[])[0]!,
    optionalFields("ChatDocument"),
    validateChatRequest,
  ),
  ...rows(
    "chat.messages[1] (assistant)",
    "ChatCompletionRequest",
    {
      ...chat,
      messages: [...userTurn, { role: "assistant", content: "Hi" }, { role: "user", content: "Tea?" }],
    },
    (r) => (r.messages as Json[])[1]!,
    // An assistant turn without tool calls needs its content: only tool_calls and reasoning may be null.
    optionalFields("ChatAssistantMessage").filter((field) => field !== "content"),
    validateChatRequest,
  ),
  ...rows(
    "library update",
    "LibraryFileUpdate",
    { labels: ["a"], publicUrl: "https://example.com/a" },
    (r) => r,
    optionalFields("LibraryFileUpdate"),
    compileSpecSchema("LibraryFileUpdate"),
  ),
];

describe("explicit null in an optional field", () => {
  test("the table covers every optional field of run, chat and library requests", () => {
    expect(TABLE.length).toBeGreaterThan(60);
    expect(TABLE.map((row) => row.where)).toContain("run.requirements");
    expect(TABLE.map((row) => row.where)).toContain("run.tools[mcp].server_label");
    expect(TABLE.map((row) => row.where)).toContain("chat.stop");
    expect(TABLE.map((row) => row.where)).toContain("library update.publicUrl");
  });

  test.each(TABLE.map((row) => [row.where, row] as const))(
    "%s: null is accepted and means unset",
    (_, row) => {
      expect(row.validate(row.request)).toEqual([]);
      const dropped = dropNullFields(row.schema, row.request) as Json;
      const expected = structuredClone(row.request);
      delete row.at(expected)[row.field];
      expect(dropped).toEqual(expected);
      expect(Object.hasOwn(row.at(dropped), row.field)).toBe(false);
    },
  );
});

describe("explicit null in a required field", () => {
  test("is still an error naming the field, with what to add where the spec has a hint", () => {
    expect(requiredFields("Requirement")).toEqual(["name", "description"]);
    expect(
      validateRunRequest({ input: "x", requirements: [{ name: "tone" }] }).map(({ loc, msg }) => [loc, msg]),
    ).toEqual([
      [
        ["body", "requirements", 0, "description"],
        'requirements[0].description is required: add the condition itself, such as "Write up to 3 paragraphs"',
      ],
    ]);
    expect(validateRunRequest({ input: null }).map(({ loc, msg }) => [loc, msg])).toEqual([
      [["body", "input"], "input must be a string or an array; got null"],
    ]);
    expect(validateChatRequest({ model: "jamba-mini", messages: null }).map(({ loc }) => loc)).toEqual([
      ["body", "messages"],
    ]);
  });
});

describe("dropNullFields", () => {
  test("leaves free-form objects and null inside them as sent", () => {
    const request = {
      input: "x",
      context: { a: null },
      output_type: { type: "object", b: null },
      budget: null,
    };
    expect(dropNullFields("CreateMaestroRunRequest", request)).toEqual({
      input: "x",
      context: { a: null },
      output_type: { type: "object", b: null },
    });
  });

  test("follows tools by their type and messages by their role", () => {
    const request = {
      input: [{ role: "user", content: "Hi" }],
      tools: [
        { type: "file_search", labels: null, file_ids: ["f"] },
        { type: "mcp", server_url: "https://mcp.example.com/mcp", server_label: null, allowed_tools: null },
      ],
    };
    expect(dropNullFields("CreateMaestroRunRequest", request)).toEqual({
      input: [{ role: "user", content: "Hi" }],
      tools: [
        { type: "file_search", file_ids: ["f"] },
        { type: "mcp", server_url: "https://mcp.example.com/mcp" },
      ],
    });
    expect(
      dropNullFields("ChatCompletionRequest", {
        model: "jamba-mini",
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Yo", tool_calls: null },
        ],
        stop: null,
      }),
    ).toEqual({
      model: "jamba-mini",
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Yo" },
      ],
    });
  });
});
