import { describe, expect, test } from "vitest";
import { type ValidateOptions, validateRunRequest } from "../../../src/constraints/index.js";

function words(count: number, separator = " "): string {
  return Array.from({ length: count }, (_, index) => `w${index}`).join(separator);
}

const valid = {
  input: "Write a product announcement for the Barista Pro espresso machine.",
  requirements: [
    { name: "length", description: "Write up to 3 paragraphs", is_mandatory: true },
    { name: "tone", description: "Use a friendly tone" },
  ],
  budget: "medium",
  include: ["requirements_result"],
  response_language: "english",
  models: ["jamba-large"],
};

const httpTool = {
  type: "http",
  function: {
    name: "lookup",
    description: "Looks up a product",
    parameters: {
      type: "object",
      properties: { sku: { type: "string", description: "The SKU" } },
      required: ["sku"],
    },
  },
  endpoint: { url: "https://api.example.com/lookup", headers: { authorization: "Bearer x" } },
};
const mcpTool = { type: "mcp", server_label: "docs", server_url: "https://mcp.example.com/mcp" };

/** The issues as `[loc, msg, type, severity]` rows, which read well in a failing diff. */
function rows(request: unknown, options?: ValidateOptions) {
  return validateRunRequest(request, options).map((issue) => [
    issue.loc,
    issue.msg,
    issue.type,
    issue.severity,
  ]);
}

describe("validateRunRequest", () => {
  test("returns no issue for a valid request", () => {
    expect(validateRunRequest(valid)).toEqual([]);
    expect(validateRunRequest({ input: "Hi" })).toEqual([]);
    expect(
      validateRunRequest({
        input: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello" },
          { role: "user", content: "Write a haiku" },
        ],
        tools: [httpTool, mcpTool, { type: "file_search", labels_filter_mode: "OR" }, { type: "web_search" }],
        tool_resources: undefined,
      }),
    ).toEqual([]);
  });

  test("reports a body that is not an object", () => {
    expect(rows([])).toEqual([
      [["body"], "body must be an object; got an array", "type_error.dict", "error"],
    ]);
    expect(rows(null)).toEqual([[["body"], "body must be an object; got null", "type_error.dict", "error"]]);
  });

  test("reports a missing, empty or mistyped input", () => {
    expect(rows({})).toEqual([[["body", "input"], "input is required", "value_error.missing", "error"]]);
    expect(rows({ input: "" })).toEqual([
      [["body", "input"], "input must not be empty", "value_error.any_str.min_length", "error"],
    ]);
    expect(rows({ input: [] })).toEqual([
      [["body", "input"], "input must not be empty", "value_error.list.min_items", "error"],
    ]);
    expect(rows({ input: 42 })).toEqual([
      [["body", "input"], "input must be a string or an array; got 42", "type_error.union", "error"],
    ]);
  });

  test("reports turns that do not alternate, start or end with the user", () => {
    const user = (content: string) => ({ role: "user", content });
    const assistant = (content: string) => ({ role: "assistant", content });
    expect(rows({ input: [user("a"), user("b"), assistant("c"), user("d")] })).toEqual([
      [
        ["body", "input", 1, "role"],
        'input[1].role is "user" right after a user turn; user and assistant turns must alternate',
        "value_error.messages.alternation",
        "error",
      ],
    ]);
    expect(rows({ input: [assistant("a"), user("b")] })).toEqual([
      [
        ["body", "input", 0, "role"],
        'input[0].role must be "user"; a conversation starts with a user turn',
        "value_error.messages.first_turn",
        "error",
      ],
    ]);
    expect(rows({ input: [user("a"), assistant("b")] })).toEqual([
      [
        ["body", "input", 1, "role"],
        'input[1].role must be "user"; the last turn is the one Maestro answers',
        "value_error.messages.last_turn",
        "error",
      ],
    ]);
    expect(rows({ input: [user(""), { role: "system", content: "x" }, user("c")] })).toEqual([
      [
        ["body", "input", 0, "content"],
        "input[0].content must not be empty",
        "value_error.any_str.min_length",
        "error",
      ],
      [
        ["body", "input", 1, "role"],
        'input[1].role must be one of user, assistant; got "system"',
        "type_error.enum",
        "error",
      ],
    ]);
  });

  test("reports more than 10 requirements", () => {
    const requirements = Array.from({ length: 11 }, (_, index) => ({
      name: `r${index}`,
      description: "Be brief",
    }));
    expect(rows({ input: "x", requirements })).toEqual([
      [
        ["body", "requirements"],
        "requirements has 11 items; at most 10 are allowed",
        "value_error.list.max_items",
        "error",
      ],
    ]);
  });

  test("reports empty, missing and duplicate requirement names", () => {
    expect(
      rows({
        input: "x",
        requirements: [
          { name: "tone", description: "a" },
          { name: "", description: "b" },
          { description: "c" },
          { name: "tone", description: "d" },
        ],
      }),
    ).toEqual([
      [
        ["body", "requirements", 3, "name"],
        'requirements[3].name "tone" is already used by requirements[0]; requirement names must be unique',
        "value_error.duplicate_name",
        "error",
      ],
      [
        ["body", "requirements", 1, "name"],
        "requirements[1].name must not be empty",
        "value_error.any_str.min_length",
        "error",
      ],
      [
        ["body", "requirements", 2, "name"],
        'requirements[2].name is required: add a name to refer to the requirement by, such as "length"',
        "value_error.missing",
        "error",
      ],
    ]);
  });

  test("allows 128 words in a description and reports 129 or more with the issue's exact message", () => {
    const requirements = [
      { name: "a", description: "x" },
      { name: "b", description: "x" },
      { name: "c", description: words(128, " \n\t") },
      { name: "d", description: words(131) },
    ];
    expect(rows({ input: "x", requirements })).toEqual([
      [
        ["body", "requirements", 3, "description"],
        "requirements[3].description has 131 words; at most 128 are allowed",
        "value_error.too_many_words",
        "error",
      ],
    ]);
  });

  test("reports an empty description and a non-boolean is_mandatory", () => {
    expect(rows({ input: "x", requirements: [{ name: "a", description: "", is_mandatory: "yes" }] })).toEqual(
      [
        [
          ["body", "requirements", 0, "description"],
          "requirements[0].description must not be empty",
          "value_error.any_str.min_length",
          "error",
        ],
        [
          ["body", "requirements", 0, "is_mandatory"],
          'requirements[0].is_mandatory must be a boolean or null; got "yes"',
          "type_error.bool",
          "error",
        ],
      ],
    );
  });

  test("tells tools apart by type, with one issue for a missing or unknown type", () => {
    expect(rows({ input: "x", tools: [{}, { type: "browser" }, "web_search"] })).toEqual([
      [
        ["body", "tools", 0, "type"],
        "tools[0].type is required; one of http, mcp, file_search, web_search",
        "value_error.discriminated_union.missing_discriminator",
        "error",
      ],
      [
        ["body", "tools", 1, "type"],
        'tools[1].type must be one of http, mcp, file_search, web_search; got "browser"',
        "value_error.discriminated_union.invalid_discriminator",
        "error",
      ],
      [["body", "tools", 2], 'tools[2] must be an object; got "web_search"', "type_error.dict", "error"],
    ]);
  });

  test("allows one web_search and one file_search tool, and reports a second of either", () => {
    const tools = [
      { type: "web_search" },
      { type: "file_search" },
      { type: "web_search" },
      { type: "file_search" },
    ];
    expect(rows({ input: "x", tools })).toEqual([
      [
        ["body", "tools"],
        "tools has 2 web_search tools; at most 1 is allowed",
        "value_error.too_many_search_tools",
        "error",
      ],
      [
        ["body", "tools"],
        "tools has 2 file_search tools; at most 1 is allowed",
        "value_error.too_many_search_tools",
        "error",
      ],
    ]);
  });

  test("requires an http tool's function name, description, parameters and an absolute endpoint URL", () => {
    const tool = { type: "http", function: {}, endpoint: { url: "/hook" } };
    expect(rows({ input: "x", tools: [tool] })).toEqual([
      [
        ["body", "tools", 0, "function", "name"],
        "tools[0].function.name is required",
        "value_error.missing",
        "error",
      ],
      [
        ["body", "tools", 0, "function", "description"],
        "tools[0].function.description is required",
        "value_error.missing",
        "error",
      ],
      [
        ["body", "tools", 0, "function", "parameters"],
        "tools[0].function.parameters is required",
        "value_error.missing",
        "error",
      ],
      [
        ["body", "tools", 0, "endpoint", "url"],
        'tools[0].endpoint.url must be an absolute http or https URL; got "/hook"',
        "value_error.url.absolute_http",
        "error",
      ],
    ]);
    for (const url of [
      "ftp://example.com/x",
      "https://",
      " https://example.com",
      "mailto:a@b.c",
      "example.com",
    ]) {
      const issues = validateRunRequest({ input: "x", tools: [{ ...httpTool, endpoint: { url } }] });
      expect(issues.map((issue) => issue.type)).toEqual(["value_error.url.absolute_http"]);
    }
  });

  test("requires an mcp tool's absolute server_url, and a server_label unique among mcp tools when given", () => {
    const tools = [
      mcpTool,
      { type: "mcp", server_label: "docs", server_url: "wss://mcp.example.com" },
      { type: "mcp", server_url: "http://localhost:8080/mcp" },
    ];
    expect(rows({ input: "x", tools })).toEqual([
      [
        ["body", "tools", 1, "server_label"],
        'tools[1].server_label "docs" is already used by tools[0]; MCP server labels must be unique',
        "value_error.duplicate_server_label",
        "error",
      ],
      [
        ["body", "tools", 1, "server_url"],
        'tools[1].server_url must be an absolute http or https URL; got "wss://mcp.example.com"',
        "value_error.url.absolute_http",
        "error",
      ],
    ]);
  });

  test("accepts web_search URLs in the four documented prefix forms and reports others", () => {
    const good = [
      "https://example.com",
      "http://example.com/docs",
      "example.com",
      "example.com/page",
      "sub.example.com",
    ];
    expect(validateRunRequest({ input: "x", tools: [{ type: "web_search", urls: good }] })).toEqual([]);
    const bad = [
      "ftp://example.com",
      "localhost",
      "example.com:8080",
      "*.example.com",
      "10.0.0.1",
      "exa mple.com",
    ];
    const issues = validateRunRequest({ input: "x", tools: [{ type: "web_search", urls: bad }] });
    expect(issues.map((issue) => issue.loc)).toEqual(
      bad.map((_, index) => ["body", "tools", 0, "urls", index]),
    );
    expect(issues[0]?.msg).toBe(
      'tools[0].urls[0] must be a URL prefix like https://example.com, example.com, example.com/page or sub.example.com; got "ftp://example.com"',
    );
  });

  test("reports a labels_filter_mode other than AND or OR", () => {
    expect(rows({ input: "x", tools: [{ type: "file_search", labels_filter_mode: "XOR" }] })).toEqual([
      [
        ["body", "tools", 0, "labels_filter_mode"],
        'tools[0].labels_filter_mode must be one of AND, OR; got "XOR"',
        "type_error.enum",
        "error",
      ],
    ]);
  });

  test("warns when requirements come with tools", () => {
    expect(
      rows({ input: "x", requirements: [{ name: "a", description: "b" }], tools: [{ type: "web_search" }] }),
    ).toEqual([
      [
        ["body", "requirements"],
        "requirements are given together with tools; AI21 documents that requirements work only when no tools are selected",
        "warning.requirements_with_tools",
        "warning",
      ],
    ]);
  });

  test("reports more than one model and values outside the enums", () => {
    expect(
      rows({
        input: "x",
        models: ["jamba-large", "jamba-mini"],
        budget: "max",
        include: ["everything"],
        response_language: "klingon",
      }),
    ).toEqual([
      [["body", "models"], "models has 2 items; at most 1 is allowed", "value_error.list.max_items", "error"],
      [["body", "budget"], 'budget must be one of low, medium, high; got "max"', "type_error.enum", "error"],
      [
        ["body", "include", 0],
        'include[0] must be one of data_sources, requirements_result, requirements_result.metadata; got "everything"',
        "type_error.enum",
        "error",
      ],
      [
        ["body", "response_language"],
        'response_language must be one of arabic, dutch, english, french, german, hebrew, italian, portuguese, spanish, unset; got "klingon"',
        "type_error.enum",
        "error",
      ],
    ]);
  });

  test("reports stream: true, which Maestro does not document", () => {
    expect(rows({ input: "x", stream: true })).toEqual([
      [["body", "stream"], "stream must be false; got true", "value_error.const", "error"],
    ]);
  });

  test("warns on tool_resources, deprecated by AI21", () => {
    expect(rows({ input: "x", tool_resources: { web_search: {} } })).toEqual([
      [
        ["body", "tool_resources"],
        "tool_resources is deprecated by AI21 in October 2025 in favour of tools",
        "warning.deprecated",
        "warning",
      ],
    ]);
  });

  test("warns on unknown fields at any depth, and ignores undefined ones", () => {
    expect(
      rows({
        input: "x",
        budgett: "low",
        requirements: [{ name: "a", description: "b", weight: 2 }],
        extra: undefined,
      }),
    ).toEqual([
      [
        ["body", "budgett"],
        "budgett is not a known field; AI21 ignores unknown fields",
        "warning.unknown_field",
        "warning",
      ],
      [
        ["body", "requirements", 0, "weight"],
        "requirements[0].weight is not a known field; AI21 ignores unknown fields",
        "warning.unknown_field",
        "warning",
      ],
    ]);
  });

  test("passes free-form objects through without warnings", () => {
    expect(
      validateRunRequest({
        input: "x",
        output_type: { type: "object", anything: true },
        context: { user: { id: 1 } },
        custom_retrieval_configs: [{ any: "thing" }],
      }),
    ).toEqual([]);
  });

  test("lists errors before warnings and leaves warnings out on request", () => {
    const request = { input: "", color: "red" };
    expect(validateRunRequest(request).map((issue) => issue.severity)).toEqual(["error", "warning"]);
    expect(validateRunRequest(request, { warnings: false }).map((issue) => issue.type)).toEqual([
      "value_error.any_str.min_length",
    ]);
  });

  test("treats a __proto__ key as a plain unknown field and reads no prototype", () => {
    const request = JSON.parse('{"input":"x","__proto__":{"input":5,"budget":"nope"}}') as unknown;
    expect(rows(request)).toEqual([
      [
        ["body", "__proto__"],
        "__proto__ is not a known field; AI21 ignores unknown fields",
        "warning.unknown_field",
        "warning",
      ],
    ]);
    expect(rows(Object.create({ input: "inherited" }))).toEqual([
      [["body", "input"], "input is required", "value_error.missing", "error"],
    ]);
  });

  test("turns a request that throws while read into an issue", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("boom");
        },
      },
    );
    expect(rows(hostile)).toEqual([
      [["body"], "body could not be read: boom", "value_error.unreadable", "error"],
    ]);
  });

  test("throws a TypeError prefixed with its name on bad options", () => {
    expect(() => validateRunRequest({ input: "x" }, "strict" as unknown as ValidateOptions)).toThrow(
      new TypeError('validateRunRequest: options must be an object, got "strict"'),
    );
    expect(() => validateRunRequest({ input: "x" }, { warnings: 1 as unknown as boolean })).toThrow(
      new TypeError("validateRunRequest: options.warnings must be a boolean, got 1"),
    );
  });
});

describe("validateRunRequest on a value of the wrong type for an enum", () => {
  test("reports the type alone, not the enum as well", () => {
    expect(rows({ input: "x", budget: 1 })).toEqual([
      [["body", "budget"], "budget must be a string or null; got 1", "type_error.str", "error"],
    ]);
  });
});

describe("validateRunRequest on an http tool's additional_properties (the SDKs' spelling)", () => {
  const withParameters = (parameters: Record<string, unknown>) => ({
    input: "x",
    tools: [
      {
        ...httpTool,
        function: { ...httpTool.function, parameters: { ...httpTool.function.parameters, ...parameters } },
      },
    ],
  });

  test("reads it as additionalProperties, with a warning naming the wire spelling", () => {
    expect(rows(withParameters({ additional_properties: false }))).toEqual([
      [
        ["body", "tools", 0, "function", "parameters", "additional_properties"],
        "tools[0].function.parameters.additional_properties is the SDKs' spelling of additionalProperties, AI21's wire name; it is read as additionalProperties",
        "warning.sdk_spelling",
        "warning",
      ],
    ]);
    expect(rows(withParameters({ additionalProperties: true }))).toEqual([]);
    expect(rows(withParameters({ additional_properties: null }))).toEqual([]);
  });

  test("refuses both spellings with different values, and a non-boolean", () => {
    expect(rows(withParameters({ additional_properties: true, additionalProperties: false }))).toEqual([
      [
        ["body", "tools", 0, "function", "parameters", "additional_properties"],
        "tools[0].function.parameters.additional_properties is true but additionalProperties is false; give one of them (additionalProperties is AI21's wire name)",
        "value_error.conflicting_spelling",
        "error",
      ],
    ]);
    expect(rows(withParameters({ additional_properties: "no" })).map((row) => row[2])).toEqual([
      "type_error.bool",
      "warning.sdk_spelling",
    ]);
  });
});
