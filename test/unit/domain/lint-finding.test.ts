import { describe, expect, test } from "vitest";
import {
  LINT_INPUT_META_KEY,
  LINT_META_KEY,
  type LintFinding,
  readLintFindings,
  readSuiteLintInput,
  sortLintFindings,
} from "../../../src/domain/lint-finding.js";

const finding = (overrides: Partial<LintFinding>): LintFinding => ({
  severity: "warning",
  rule: "near-duplicate",
  suite: "s",
  case: "c",
  requirements: ["a", "b"],
  clauses: [],
  message: "m",
  ...overrides,
});

describe("readLintFindings", () => {
  test("reads the findings of a suite's task meta and leaves out what is not a finding", () => {
    const good = finding({});
    expect(readLintFindings({ [LINT_META_KEY]: [good, { severity: "fatal" }, null, "x"] })).toEqual([good]);
    expect(readLintFindings([good])).toEqual([good]);
    expect(readLintFindings({})).toEqual([]);
    expect(readLintFindings(undefined)).toEqual([]);
  });
});

describe("sortLintFindings", () => {
  test("by suite and case, errors first within a case, without repeats", () => {
    const warning = finding({ case: "a", message: "w" });
    const error = finding({ case: "a", severity: "error", message: "z" });
    const later = finding({ case: "b", severity: "error" });
    expect(sortLintFindings([later, warning, error, { ...warning }])).toEqual([error, warning, later]);
  });
});

describe("readSuiteLintInput", () => {
  const input = { suite: "s", kind: "chat", judge: true, cases: [{ name: "c", request: { input: "hi" } }] };

  test.each<[string, unknown, boolean]>([
    ["a suite's recorded input", { [LINT_INPUT_META_KEY]: input }, true],
    ["no input", {}, false],
    ["not an object", "x", false],
    ["an unknown kind", { [LINT_INPUT_META_KEY]: { ...input, kind: "other" } }, false],
    ["judge not a boolean", { [LINT_INPUT_META_KEY]: { ...input, judge: "yes" } }, false],
    ["a case without a name", { [LINT_INPUT_META_KEY]: { ...input, cases: [{ request: {} }] } }, false],
    ["cases not a list", { [LINT_INPUT_META_KEY]: { ...input, cases: {} } }, false],
  ])("%s", (_name, meta, valid) => {
    expect(readSuiteLintInput(meta)).toEqual(valid ? input : undefined);
  });
});
