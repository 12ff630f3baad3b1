import { describe, expect, test } from "vitest";
import type { SourceReference } from "../../../src/matchers/index.js";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { outcomeOf } from "./fixtures.js";
import { createToolRun, FILE_IDS, SOURCES } from "./tool-fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";
const files = "refunds.md (aa50de3e…), shipping.md (bb61ef4f…)";
const labels = { [FILE_IDS[0]]: ["refund-policy", "support"], [FILE_IDS[1]]: ["shipping"] };

describe("toCiteSource", () => {
  test.each<[string, SourceReference, boolean]>([
    ["a cited file id", { fileId: FILE_IDS[0] }, true],
    ["an uncited file id", { fileId: "cc72" }, false],
    ["a cited page", { url: "https://docs.example.com/shipping" }, true],
    ["a cited page written differently", { url: "HTTPS://DOCS.example.com/shipping" }, true],
    ["an uncited page", { url: "https://example.com/help/refunds" }, false],
    ["a label of a cited file", { label: "support" }, true],
    ["a label no cited file carries", { label: "legal" }, false],
    ["labels are case-sensitive", { label: "Support" }, false],
  ])("%s", (_, source, pass) => {
    expect(
      outcomeOf(() => expect(createToolRun(SOURCES, { fileLabels: labels })).toCiteSource(source)).passed,
    ).toBe(pass);
    expect(
      outcomeOf(() => expect(createToolRun(SOURCES, { fileLabels: labels })).not.toCiteSource(source)).passed,
    ).toBe(!pass);
  });

  test("messages name what the run cited", () => {
    const run = createToolRun(SOURCES, { fileLabels: labels });
    expect(outcomeOf(() => expect(run).toCiteSource({ fileId: "cc72" }))).toEqual({
      passed: false,
      message: `expected sources to include file "cc72", got ${files} (${mini})`,
    });
    expect(outcomeOf(() => expect(run).toCiteSource({ label: "legal" }))).toEqual({
      passed: false,
      message: `expected sources to include a file labelled "legal", got ${files} (${mini})`,
    });
    expect(
      outcomeOf(() => expect(run).not.toCiteSource({ url: "https://docs.example.com/shipping" })),
    ).toEqual({
      passed: false,
      message: `expected sources not to include page "https://docs.example.com/shipping", got https://www.example.com/help/refunds, https://docs.example.com/shipping (${mini})`,
    });
    expect(outcomeOf(() => expect(createToolRun({ file_search: [] })).toCiteSource({ fileId: "x" }))).toEqual(
      {
        passed: false,
        message: `expected sources to include file "x", got no file sources (${mini})`,
      },
    );
  });

  test("a label needs the local server's file labels; without them it fails either way", () => {
    const hosted = createToolRun(SOURCES);
    const message = `expected sources to include a file labelled "support", but the run does not say which labels its files carry (AI21 reports none; maestro-eval's local server does) (${mini}); match by { fileId } instead`;
    expect(outcomeOf(() => expect(hosted).toCiteSource({ label: "support" }))).toEqual({
      passed: false,
      message,
    });
    expect(outcomeOf(() => expect(hosted).not.toCiteSource({ label: "support" })).passed).toBe(false);
  });

  test("misuse throws, naming the matcher", () => {
    const run = createToolRun(SOURCES);
    expect(() => expect(run).toCiteSource({} as SourceReference)).toThrow(
      new TypeError(
        "toCiteSource: source must be one of { fileId }, { url } or { label }, got an object with none of them",
      ),
    );
    expect(() => expect(run).toCiteSource({ fileId: "a", url: "b" } as unknown as SourceReference)).toThrow(
      new TypeError(
        "toCiteSource: source must be one of { fileId }, { url } or { label }, got an object with fileId and url",
      ),
    );
    expect(() => expect(run).toCiteSource("refunds.md" as unknown as SourceReference)).toThrow(
      new TypeError('toCiteSource: source must be one of { fileId }, { url } or { label }, got "refunds.md"'),
    );
    expect(() => expect(run).toCiteSource({ label: "" })).toThrow(
      new TypeError('toCiteSource: label must be a non-empty string, got ""'),
    );
  });
});
