// The request validators compiled ahead of time (dist/spec-validators.cjs) must report exactly what ajv
// compiling the spec at run time reports: the same issues, in the same order, for valid requests, for
// requests broken by each mutation the arbitraries know, and for anything else.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv/dist/2020.js";
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  chatRequest,
  invalidChatRequest,
  invalidRunRequest,
  runRequest,
} from "../../../src/arbitraries/index.js";
import { mapAjvErrors } from "../../../src/constraints/map-ajv-errors.js";
import { createSpecAjv, specSchemaRef } from "../../../src/constraints/spec-ajv.js";
import { buildSpecKeyword } from "../../../src/constraints/spec-keywords.js";
import {
  generatePrecompiledValidators,
  PRECOMPILED_SCHEMAS,
} from "../../../src/constraints/spec-validators.js";
import { repoRoot } from "../../helpers/run-fixture-suites.js";

const source = generatePrecompiledValidators();

/** Loads the generated module as Node would from dist/ (its requires resolve from the repository). */
function loadGenerated(text: string): Record<string, ValidateFunction> {
  const module = { exports: {} as unknown };
  new Function("module", "exports", "require", text)(
    module,
    module.exports,
    createRequire(`${repoRoot}/dist/x.cjs`),
  );
  return (module.exports as (build: typeof buildSpecKeyword) => Record<string, ValidateFunction>)(
    buildSpecKeyword,
  );
}

const precompiled = loadGenerated(source);
const ajv = createSpecAjv();

function issuesOf(validate: ValidateFunction, value: unknown) {
  return validate(value) ? [] : mapAjvErrors(validate.errors ?? [], value);
}

function sameIssues(schema: string, value: unknown): void {
  const atRunTime = ajv.getSchema(specSchemaRef(schema)) as ValidateFunction;
  expect(issuesOf(precompiled[schema]!, value)).toEqual(issuesOf(atRunTime, value));
}

describe("the request validators compiled ahead of time", () => {
  test("hold every schema they are for, and require only ajv's run-time helpers and ajv-formats", () => {
    expect(Object.keys(precompiled).sort()).toEqual([...PRECOMPILED_SCHEMAS].sort());
    const required = new Set([...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]));
    expect(
      [...required].filter((name) => !/^ajv\/dist\/runtime\/|^ajv-formats\/dist\/formats$/.test(name!)),
    ).toEqual([]);
  });

  test.each([
    ["run requests", "CreateMaestroRunRequest", runRequest(), invalidRunRequest()],
    ["chat requests", "ChatCompletionRequest", chatRequest(), invalidChatRequest()],
  ] as const)(
    "report what ajv compiling at run time reports: %s, valid and broken",
    (_what, schema, valid, broken) => {
      fc.assert(
        fc.property(valid as fc.Arbitrary<unknown>, (request) => sameIssues(schema, request)),
        { numRuns: 200 },
      );
      fc.assert(
        fc.property(broken, ({ request }) => sameIssues(schema, request)),
        { numRuns: 400 },
      );
    },
  );

  test("report what ajv compiling at run time reports: any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const schema of PRECOMPILED_SCHEMAS) sameIssues(schema, value);
      }),
      { numRuns: 300 },
    );
  });

  test("the build writes them to dist/spec-validators.cjs, where the package loads them", () => {
    // This repository's test setup builds dist/ from the current sources before any test runs.
    expect(readFileSync(`${repoRoot}/dist/spec-validators.cjs`, "utf8")).toBe(source);
  });
});
