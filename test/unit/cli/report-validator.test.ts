// report.json's validator compiled ahead of time (dist/report-validator.cjs) must judge a report exactly
// as ajv compiling the schema at run time does: the same verdict and the same first error, which the CLI
// names in its message.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { generateReportValidator, reportValidator } from "../../../src/cli/report-validator.js";
import { repoRoot } from "../../helpers/run-fixture-suites.js";
import { fixtureReport } from "../reporter/fixtures.js";

const source = generateReportValidator();

function loadGenerated(text: string): ValidateFunction {
  const module = { exports: {} as { report?: ValidateFunction } };
  new Function("module", "exports", "require", text)(
    module,
    module.exports,
    createRequire(`${repoRoot}/dist/x.cjs`),
  );
  return module.exports.report!;
}

const precompiled = loadGenerated(source);
// From the sources there is no precompiled file: this is ajv compiling the schema at run time.
const atRunTime = reportValidator();

type FirstError = Pick<ErrorObject, "instancePath" | "keyword" | "params"> & { message: string | undefined };

function verdict(validate: ValidateFunction, value: unknown): { valid: boolean; first?: FirstError } {
  if (validate(structuredClone(value))) return { valid: true };
  const { instancePath, keyword, params, message } = validate.errors![0]!;
  return { valid: false, first: { instancePath, keyword, params, message } };
}

/** The report broken one way at each place: each field dropped, given a wrong type, and an unknown field added. */
function* variants(value: unknown, path: (string | number)[] = []): Generator<unknown> {
  const report = fixtureReport();
  const at = (
    root: unknown,
    edit: (parent: Record<string | number, unknown>, key: string | number) => void,
  ) => {
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    edit(parent, path.at(-1)!);
    return copy;
  };
  if (path.length > 0) {
    yield at(report, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    });
    yield at(report, (parent, key) => {
      parent[key] = typeof parent[key] === "string" ? 42 : "not this";
    });
  }
  if (value !== null && typeof value === "object") {
    if (!Array.isArray(value))
      yield at(report, (parent, key) => {
        const target = (path.length === 0 ? parent : parent[key]) as Record<string, unknown>;
        target.unknownField = true;
      });
    for (const [key, child] of Object.entries(value).slice(0, 4)) {
      yield* variants(child, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  }
}

describe("report.json's validator compiled ahead of time", () => {
  test("judges the fixture report, and every variant of it broken at one place, as ajv at run time does", () => {
    const report = fixtureReport();
    expect(verdict(precompiled, report)).toEqual({ valid: true });
    let broken = 0;
    for (const variant of variants(report)) {
      const expected = verdict(atRunTime, variant);
      expect(verdict(precompiled, variant)).toEqual(expected);
      if (!expected.valid) broken += 1;
    }
    // Most variants break the report (a few drop or retype something optional).
    expect(broken).toBeGreaterThan(25);
  });

  test("the build writes it to dist/report-validator.cjs, where the CLI loads it", () => {
    // This repository's test setup builds dist/ from the current sources before any test runs.
    expect(readFileSync(`${repoRoot}/dist/report-validator.cjs`, "utf8")).toBe(source);
  });
});
