import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  budget,
  chatMessages,
  chatRequest,
  INVALID_CHAT_REQUEST_RULES,
  INVALID_RUN_REQUEST_RULES,
  invalidChatRequest,
  invalidRunRequest,
  messages,
  requirement,
  requirements,
  runRequest,
  tool,
  tools,
} from "../../../src/arbitraries/index.js";
import {
  countWords,
  ISSUE_TYPES,
  validateChatRequest,
  validateRunRequest,
} from "../../../src/constraints/index.js";

const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = 200) => fc.sample(arbitrary, { numRuns, seed: 7 });

describe("budget", () => {
  test("draws every budget", () => {
    expect(new Set(sample(budget()))).toEqual(new Set(["low", "medium", "high"]));
  });
});

describe("requirement", () => {
  test("keeps the description within the word bounds", () => {
    for (const item of sample(requirement({ minWords: 3, maxWords: 6 }))) {
      expect(countWords(item.description)).toBeGreaterThanOrEqual(3);
      expect(countWords(item.description)).toBeLessThanOrEqual(6);
    }
  });

  test("reaches 128 words and fixes is_mandatory on request", () => {
    for (const item of sample(requirement({ minWords: 128, mandatory: true }), 20)) {
      expect(countWords(item.description)).toBe(128);
      expect(item.is_mandatory).toBe(true);
    }
  });

  test("throws a RangeError prefixed with its name on bad bounds", () => {
    expect(() => requirement({ maxWords: 129 })).toThrow(
      new RangeError("requirement: maxWords must be an integer within [1, 128], got 129"),
    );
    expect(() => requirement({ minWords: 5, maxWords: 4 })).toThrow(
      new RangeError("requirement: minWords must be an integer within [1, 4], got 5"),
    );
  });
});

describe("requirements", () => {
  test("draws at most 10 requirements with unique names", () => {
    for (const list of sample(requirements({ minLength: 8 }))) {
      expect(list.length).toBeGreaterThanOrEqual(8);
      expect(list.length).toBeLessThanOrEqual(10);
      expect(new Set(list.map((item) => item.name)).size).toBe(list.length);
    }
  });

  test("throws a RangeError on more than 10", () => {
    expect(() => requirements({ maxLength: 11 })).toThrow(
      new RangeError("requirements: maxLength must be an integer within [0, 10], got 11"),
    );
  });
});

describe("messages", () => {
  test("alternates from a user turn to a user turn", () => {
    for (const list of sample(messages({ minTurns: 2, maxTurns: 6 }))) {
      expect(list.length % 2).toBe(1);
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(list.length).toBeLessThanOrEqual(5);
      list.forEach((message, index) => {
        expect(message.role).toBe(index % 2 === 0 ? "user" : "assistant");
        expect(message.content).not.toBe("");
      });
    }
  });

  test("throws a RangeError when no odd count fits", () => {
    expect(() => messages({ minTurns: 2, maxTurns: 2 })).toThrow(
      new RangeError("messages: no odd number of turns within [2, 2]"),
    );
  });
});

describe("tool and tools", () => {
  test("draws each type on request", () => {
    for (const type of ["http", "mcp", "file_search", "web_search"] as const) {
      for (const item of sample(tool({ types: [type] }), 20)) expect(item.type).toBe(type);
    }
  });

  test("keeps one search tool of each type and unique MCP labels", () => {
    for (const list of sample(tools({ minLength: 1, maxLength: 8 }))) {
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.filter((item) => item.type === "web_search").length).toBeLessThanOrEqual(1);
      expect(list.filter((item) => item.type === "file_search").length).toBeLessThanOrEqual(1);
      const labels = list.flatMap((item) => (item.type === "mcp" ? [item.server_label] : []));
      expect(new Set(labels).size).toBe(labels.length);
      expect(validateRunRequest({ input: "x", tools: list })).toEqual([]);
    }
  });

  test("throws a TypeError on unknown types", () => {
    expect(() => tool({ types: ["browser" as never] })).toThrow(
      new TypeError("tool: types must be a non-empty list of http, mcp, file_search, web_search"),
    );
  });
});

describe("runRequest and chatRequest", () => {
  test("replay the same values from the same seed", () => {
    expect(fc.sample(runRequest(), { numRuns: 5, seed: 42 })).toEqual(
      fc.sample(runRequest(), { numRuns: 5, seed: 42 }),
    );
    expect(fc.sample(chatRequest(), { numRuns: 5, seed: 42 })).toEqual(
      fc.sample(chatRequest(), { numRuns: 5, seed: 42 }),
    );
  });

  test("respect their constraints", () => {
    for (const request of sample(
      runRequest({ input: "string", withTools: false, withOptionalFields: false }),
    )) {
      expect(typeof request.input).toBe("string");
      expect(request.tools).toBeUndefined();
      expect(Object.keys(request).filter((key) => !["input", "requirements"].includes(key))).toEqual([]);
    }
    for (const request of sample(chatRequest({ withSystem: false, minTurns: 3, maxTurns: 3 }))) {
      expect(request.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    }
    for (const list of sample(chatMessages({ withSystem: false }), 50)) expect(list[0]?.role).toBe("user");
  });

  test("throw a TypeError on a bad input form", () => {
    expect(() => runRequest({ input: "turns" as never })).toThrow(
      new TypeError('runRequest: input must be "string", "messages" or "either", got turns'),
    );
  });
});

describe("invalidRunRequest and invalidChatRequest", () => {
  const suites = [
    ["invalidRunRequest", INVALID_RUN_REQUEST_RULES, invalidRunRequest, validateRunRequest],
    ["invalidChatRequest", INVALID_CHAT_REQUEST_RULES, invalidChatRequest, validateChatRequest],
  ] as const;

  for (const [name, rules, arbitrary, validate] of suites) {
    test(`${name}: every mutation triggers exactly its error`, () => {
      expect(new Set(rules).size).toBe(rules.length);
      for (const rule of rules) {
        for (const { request, expected, rule: applied } of sample(arbitrary({ rules: [rule] }), 25)) {
          expect(applied).toBe(rule);
          const errors = validate(request).filter((issue) => issue.severity === "error");
          expect({ rule, errors: errors.map(({ loc, type }) => ({ loc, type })) }).toEqual({
            rule,
            errors: [expected],
          });
        }
      }
    });

    test(`${name}: throws a TypeError naming the known rules on an unknown one`, () => {
      expect(() => arbitrary({ rules: ["nope"] })).toThrow(
        new RegExp(`^${name}: unknown rule nope; known: `),
      );
    });
  }

  test("together cover every error type a request can trigger", () => {
    const covered = new Set(
      [invalidRunRequest(), invalidChatRequest()].flatMap((arbitrary) =>
        sample(arbitrary, 3000).map((item) => item.expected.type),
      ),
    );
    // Types no request schema can produce today: no maxLength, exclusiveMaximum, format, null type or
    // forbidden field in the request schemas, no ambiguous union; unreadable needs a hostile object.
    const unreachable = [
      "type_error.none.allowed",
      "value_error.any_str.max_length",
      "value_error.number.not_lt",
      "value_error.format",
      "value_error.extra",
      "value_error.union",
      "value_error.unreadable",
      "value_error",
    ];
    const errorTypes = Object.keys(ISSUE_TYPES).filter((type) => !type.startsWith("warning."));
    expect(errorTypes.filter((type) => !covered.has(type) && !unreachable.includes(type))).toEqual([]);
  });
});
