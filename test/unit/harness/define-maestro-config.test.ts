// defineMaestroConfig merges a user's overrides without loading vite into every worker: its merge must
// give what vite's own mergeConfig gives, for the config it builds and the overrides users write.

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { mergeConfig } from "vitest/config";
import {
  defineMaestroConfig,
  mergeConfigs,
  SUITE_NODE_FLAGS,
} from "../../../src/harness/define-maestro-config.js";

const overrides: [string, Record<string, unknown>][] = [
  ["nothing", {}],
  ["a list joined", { test: { include: ["extra/**/*.eval.ts"], globalSetup: "./my-setup.ts" } }],
  ["a value replaced", { test: { maxConcurrency: 3, testTimeout: 1000 } }],
  ["a new section", { resolve: { conditions: ["custom"] }, test: { reporters: ["verbose"] } }],
  ["undefined and null ignored", { test: { maxConcurrency: undefined, testTimeout: null } }],
  ["objects merged key by key", { test: { provide: { other: 1 }, server: { deps: { inline: [/x/] } } } }],
  ["a RegExp is a value", { test: { exclude: [/skip/], env: { A: "1" } } }],
];

describe("defineMaestroConfig", () => {
  test.each(overrides)("merges overrides as vite's mergeConfig does: %s", (_, override) => {
    const base = defineMaestroConfig({ concurrency: 4 });
    expect(defineMaestroConfig({ concurrency: 4 }, override)).toEqual(mergeConfig(base, override));
  });

  test.each([
    [[1], 2, [1, 2]],
    [1, [2], [1, 2]],
    [undefined, [2], [2]],
    [{ a: 1 }, { a: undefined, b: 2 }, { a: 1, b: 2 }],
    ["x", { a: 1 }, { a: 1 }],
  ])("mergeConfigs(%j, %j) is %j", (base, override, merged) => {
    expect(mergeConfigs(base, override)).toEqual(merged);
    expect(mergeConfig({ key: base } as never, { key: override } as never)).toEqual(
      merged === undefined ? {} : { key: merged },
    );
  });
});

describe("the suites' Node flags", () => {
  test("the workers of a hand-written config compile regular expressions once, to machine code, and grow their heap by half", () => {
    const config = defineMaestroConfig() as { test: { execArgv: string[] } };
    expect(config.test.execArgv).toEqual(["--no-regexp-tier-up", "--heap-growing-percent=50"]);
    expect(SUITE_NODE_FLAGS).toEqual(["--no-regexp-tier-up", "--heap-growing-percent=50"]);
  });

  test("this Node accepts them: a process started with them runs, and warns of nothing", () => {
    const result = spawnSync(process.execPath, [...SUITE_NODE_FLAGS, "-e", "process.stdout.write('ok')"], {
      encoding: "utf8",
    });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: "ok",
      stderr: "",
    });
  });

  test("a user's execArgv is added to them", () => {
    const config = defineMaestroConfig({}, { test: { execArgv: ["--trace-warnings"] } }) as {
      test: { execArgv: string[] };
    };
    expect(config.test.execArgv).toEqual([
      "--no-regexp-tier-up",
      "--heap-growing-percent=50",
      "--trace-warnings",
    ]);
  });
});
