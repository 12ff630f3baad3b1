// Property tests of the request validators. The seed comes from MAESTRO_EVAL_SEED when set; on a
// failure fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  chatRequest,
  invalidChatRequest,
  invalidRunRequest,
  runRequest,
} from "../../src/arbitraries/index.js";
import {
  dropNullFields,
  ISSUE_TYPES,
  readSpecSchema,
  validateChatRequest,
  validateRunRequest,
} from "../../src/constraints/index.js";
import type { ConstraintIssue } from "../../src/errors/index.js";

const params: fc.Parameters<unknown> = { numRuns: 1000 };

const validators = [
  ["validateRunRequest", validateRunRequest],
  ["validateChatRequest", validateChatRequest],
] as const;

function errorsOf(issues: readonly ConstraintIssue[]): ConstraintIssue[] {
  return issues.filter((issue) => issue.severity === "error");
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor && "value" in descriptor) deepFreeze(descriptor.value, seen);
  }
  // Typed arrays with elements cannot be frozen; they are left as they are.
  if (!ArrayBuffer.isView(value)) Object.freeze(value);
  return value;
}

/** Keys that stress lookups: prototype names, and the fields validators read. */
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "input",
      "messages",
      "requirements",
      "tools",
      "type",
      "role",
      "content",
      "name",
      "description",
      "model",
      "n",
      "stream",
      "temperature",
      "urls",
      "server_label",
      "function",
      "endpoint",
      "url",
    ),
  },
);
const anything = fc.anything({
  key,
  maxDepth: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** A valid request with one subtree, found by following `path`, replaced by `value`. */
function graft(base: unknown, path: readonly number[], value: unknown): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  let parent: Record<string, unknown> | unknown[] = root;
  let slot: string | number | undefined;
  for (const step of path) {
    const current: unknown = slot === undefined ? parent : (parent as Record<string | number, unknown>)[slot];
    if (typeof current !== "object" || current === null) break;
    const keys = Array.isArray(current) ? current.map((_, index) => index) : Object.keys(current);
    if (keys.length === 0) break;
    if (slot !== undefined) parent = current as Record<string, unknown>;
    slot = keys[step % keys.length];
  }
  if (slot === undefined) return value;
  (parent as Record<string | number, unknown>)[slot] = value;
  return root;
}

const path = fc.array(fc.nat(), { maxLength: 6 });
const nearRun = fc
  .tuple(runRequest(), path, anything)
  .map(([base, steps, value]) => graft(base, steps, value));
const nearChat = fc
  .tuple(chatRequest(), path, anything)
  .map(([base, steps, value]) => graft(base, steps, value));
const jsonRun = fc
  .tuple(runRequest(), path, fc.jsonValue())
  .map(([base, steps, value]) => graft(base, steps, value));
const jsonChat = fc
  .tuple(chatRequest(), path, fc.jsonValue())
  .map(([base, steps, value]) => graft(base, steps, value));

describe("validateRunRequest and validateChatRequest (properties)", () => {
  test("every generated run request validates with no issue at all", () => {
    fc.assert(
      fc.property(runRequest(), (request) => {
        expect(validateRunRequest(request)).toEqual([]);
      }),
      params,
    );
  });

  test("every generated chat request validates with no issue at all", () => {
    fc.assert(
      fc.property(chatRequest(), (request) => {
        expect(validateChatRequest(request)).toEqual([]);
      }),
      params,
    );
  });

  test("every invalid run mutation yields the expected error at the expected loc, and no other error", () => {
    fc.assert(
      fc.property(invalidRunRequest(), ({ request, expected }) => {
        const errors = errorsOf(validateRunRequest(request));
        expect(errors.map(({ loc, type }) => ({ loc, type }))).toEqual([expected]);
      }),
      params,
    );
  });

  test("every invalid chat mutation yields the expected error at the expected loc, and no other error", () => {
    fc.assert(
      fc.property(invalidChatRequest(), ({ request, expected }) => {
        const errors = errorsOf(validateChatRequest(request));
        expect(errors.map(({ loc, type }) => ({ loc, type }))).toEqual([expected]);
      }),
      params,
    );
  });

  for (const [name, validate] of validators) {
    const near = name === "validateRunRequest" ? nearRun : nearChat;
    const nearJson = name === "validateRunRequest" ? jsonRun : jsonChat;

    test(`${name} is total, deterministic and leaves its input alone on any value`, () => {
      fc.assert(
        fc.property(fc.oneof(anything, near), (value) => {
          const frozen = deepFreeze(value);
          const first = validate(frozen);
          const second = validate(frozen);
          expect(second).toEqual(first);
          expect(Array.isArray(first)).toBe(true);
          for (const issue of first) {
            expect(issue.loc[0]).toBe("body");
            expect(typeof issue.msg).toBe("string");
            expect(Object.keys(ISSUE_TYPES)).toContain(issue.type);
          }
          // A frozen input that the validator tried to change would surface as an unreadable body.
          expect(first.map((issue) => issue.type)).not.toContain("value_error.unreadable");
        }),
        params,
      );
    });

    test(`${name} leaves a JSON request exactly as it was`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), nearJson), (json) => {
          const before = JSON.stringify(json);
          validate(json);
          expect(JSON.stringify(json)).toBe(before);
        }),
        params,
      );
    });
  }
});

/** The optional properties of a component schema. */
function optionalKeys(name: string): string[] {
  const schema = readSpecSchema(name);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.keys(schema.properties as object).filter((key) => !required.has(key));
}

const TOOL_SCHEMAS: Record<string, string> = {
  http: "HttpTool",
  mcp: "McpTool",
  file_search: "FileSearchTool",
  web_search: "WebSearchTool",
};

/** A copy of `request` with `null` in each optional field of `keys` that `request` leaves out. */
function fillNulls(request: Record<string, unknown>, keys: readonly string[], pick: readonly boolean[]) {
  const out = { ...request };
  keys.forEach((key, index) => {
    if (pick[index % pick.length] === true && !Object.hasOwn(out, key)) out[key] = null;
  });
  return out;
}

describe("explicit null in optional fields (properties)", () => {
  const picks = fc.array(fc.boolean(), { minLength: 1, maxLength: 40 });

  test("a valid run request with null in any of its absent optional fields stays valid, and null reads as absent", () => {
    fc.assert(
      fc.property(runRequest(), picks, (request, pick) => {
        const withNulls = fillNulls(
          request as Record<string, unknown>,
          optionalKeys("CreateMaestroRunRequest"),
          pick,
        );
        if (Array.isArray(request.requirements)) {
          withNulls.requirements = request.requirements.map((item) =>
            fillNulls(item as Record<string, unknown>, optionalKeys("Requirement"), pick),
          );
        }
        if (Array.isArray(request.tools)) {
          withNulls.tools = request.tools.map((tool) =>
            fillNulls(tool as Record<string, unknown>, optionalKeys(TOOL_SCHEMAS[tool.type]!), pick),
          );
        }
        expect(errorsOf(validateRunRequest(withNulls))).toEqual([]);
        expect(dropNullFields("CreateMaestroRunRequest", withNulls)).toEqual(request);
      }),
      { ...params, numRuns: 200 },
    );
  });

  test("a valid chat request with null in any of its absent optional fields stays valid, and null reads as absent", () => {
    fc.assert(
      fc.property(chatRequest(), picks, (request, pick) => {
        const withNulls = fillNulls(
          request as Record<string, unknown>,
          optionalKeys("ChatCompletionRequest"),
          pick,
        );
        expect(errorsOf(validateChatRequest(withNulls))).toEqual([]);
        expect(dropNullFields("ChatCompletionRequest", withNulls)).toEqual(request);
      }),
      { ...params, numRuns: 200 },
    );
  });
});

describe("the 128-word limit (properties)", () => {
  const wordy = fc.constantFrom(
    "a",
    "Z",
    "é",
    "ß",
    "Ж",
    "א",
    "ع",
    "中",
    "日本",
    "한",
    "ก",
    "7",
    "٣",
    "½",
    "$",
    "€",
    "+",
    "©",
    "👍",
    "🇫🇷",
    "e\u0301",
  );
  const inner = fc.constantFrom("", "", "'", "-", ".", "\u200b", "\u00ad", "’");
  const word = fc
    .array(fc.tuple(wordy, inner), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.map(([char, joiner]) => char + joiner).join(""));
  const space = fc
    .array(
      fc.constantFrom(
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u00a0",
        "\u2003",
        "\u3000",
        "\u2028",
        "\u0085",
        "\u1680",
        "\u202f",
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((parts) => parts.join(""));
  const noise = fc.constantFrom("-", "—", "…", "!", "?!", "«»", "\u200b", "\u200d", "(", "...");

  /** A description of exactly `count` words, joined by any white space, with punctuation-only pieces between. */
  const description = (count: number) =>
    fc
      .tuple(
        fc.array(fc.tuple(word, space, fc.option(noise, { nil: undefined }), space), {
          minLength: count,
          maxLength: count,
        }),
        fc.boolean(),
      )
      .map(([pieces, lead]) => {
        const text = pieces
          .map(([w, s1, extra, s2]) => `${w}${s1}${extra === undefined ? "" : `${extra}${s2}`}`)
          .join("");
        return lead ? ` \n${text}` : text;
      });

  const runWith = (text: string) => ({ input: "Write", requirements: [{ name: "r", description: text }] });

  test("a description of exactly 128 words passes, whatever its white space and characters", () => {
    fc.assert(
      fc.property(description(128), (text) => {
        expect(validateRunRequest(runWith(text))).toEqual([]);
      }),
      params,
    );
  });

  test("a description of 129 words fails with the exact message", () => {
    fc.assert(
      fc.property(description(129), (text) => {
        expect(validateRunRequest(runWith(text))).toEqual([
          {
            loc: ["body", "requirements", 0, "description"],
            msg: "requirements[0].description has 129 words; at most 128 are allowed",
            type: "value_error.too_many_words",
            severity: "error",
          },
        ]);
      }),
      params,
    );
  });
});

describe("deeply nested input", () => {
  test("returns issues without throwing or hanging", () => {
    const nest = (depth: number, wrap: (inner: unknown) => unknown) => {
      let value: unknown = "x";
      for (let level = 0; level < depth; level += 1) value = wrap(value);
      return value;
    };
    const deep = [
      nest(100_000, (inner) => [inner]),
      nest(100_000, (inner) => ({ input: inner })),
      { input: "x", context: nest(100_000, (inner) => ({ a: inner })) },
      { input: nest(100_000, (inner) => [inner]) },
      {
        input: "x",
        requirements: nest(50_000, (inner) => [inner]),
        tools: [nest(50_000, (inner) => ({ type: inner }))],
      },
    ];
    const started = performance.now();
    for (const value of deep) {
      expect(Array.isArray(validateRunRequest(value))).toBe(true);
      expect(Array.isArray(validateChatRequest(value))).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
