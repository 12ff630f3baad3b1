import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { outcomeOf } from "./fixtures.js";
import { createToolRun, SOURCES } from "./tool-fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

describe("toUseOnlySources", () => {
  test.each<[string, string[], boolean]>([
    ["the bare domain covers www but not other subdomains", ["example.com"], false],
    ["the domain and the subdomain", ["example.com", "docs.example.com"], true],
    ["a scheme is ignored", ["https://example.com", "http://docs.example.com"], true],
    ["a path prefix", ["example.com/help", "docs.example.com/ship"], true],
    ["a path prefix that does not cover", ["example.com/blog", "docs.example.com"], false],
  ])("%s", (_, prefixes, pass) => {
    expect(outcomeOf(() => expect(createToolRun(SOURCES)).toUseOnlySources(prefixes)).passed).toBe(pass);
  });

  test("names the pages outside", () => {
    expect(outcomeOf(() => expect(createToolRun(SOURCES)).toUseOnlySources(["example.com"]))).toEqual({
      passed: false,
      message: `expected web sources to all fall under example.com, got 1 of 2 outside: https://docs.example.com/shipping (${mini})`,
    });
    expect(
      outcomeOf(() =>
        expect(createToolRun(SOURCES)).not.toUseOnlySources(["example.com", "docs.example.com"]),
      ),
    ).toEqual({
      passed: false,
      message: `expected web sources not to all fall under example.com, docs.example.com, got all 2 inside (${mini})`,
    });
  });

  test("a run that found no pages passes; one without data_sources fails either way", () => {
    expect(createToolRun({ file_search: [] })).toUseOnlySources(["example.com"]);
    expect(
      outcomeOf(() => expect(createToolRun(undefined)).not.toUseOnlySources(["example.com"])).passed,
    ).toBe(false);
  });

  test("misuse throws, naming the matcher", () => {
    const run = createToolRun(SOURCES);
    expect(() => expect(run).toUseOnlySources([])).toThrow(
      new TypeError("toUseOnlySources: prefixes must be a non-empty array of URL prefixes, got an array"),
    );
    expect(() => expect(run).toUseOnlySources("example.com" as unknown as string[])).toThrow(
      new TypeError(
        'toUseOnlySources: prefixes must be a non-empty array of URL prefixes, got "example.com"',
      ),
    );
    expect(() => expect(run).toUseOnlySources(["example.com", " "])).toThrow(
      new TypeError('toUseOnlySources: every prefix must be a non-empty string, got " "'),
    );
  });
});
