import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { loadConfig, parseConfig } from "../../../src/cli/config.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("loadConfig", () => {
  test("a config with a syntax error names the file, line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maestro-eval-config-test-"));
    folders.push(dir);
    const path = join(dir, "maestro-eval.config.ts");
    writeFileSync(path, 'export default {\n  suites: ["suites/*.eval.ts"],\n  concurrency: 4,,\n};\n');
    await expect(loadConfig(dir)).rejects.toThrow(
      `cannot load ${path}: syntax error at ${path}:3:17 (line 3, column 17): Expected identifier but found ","`,
    );
  });

  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "maestro-eval-config-test-"));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  test("a TypeScript config loads, its types removed, and leaves no file behind", async () => {
    const dir = project({
      "maestro-eval.config.ts": [
        "interface Options { suites: string[]; concurrency: number }",
        'const options: Options = { suites: ["suites/*.eval.ts"], concurrency: 3 as number };',
        "export default options;",
      ].join("\n"),
    });
    const { config, path } = await loadConfig(dir);
    expect(config).toEqual({ suites: ["suites/*.eval.ts"], concurrency: 3 });
    expect(path).toBe(join(dir, "maestro-eval.config.ts"));
    expect(readdirSync(dir)).toEqual(["maestro-eval.config.ts"]);
  });

  test("a config that imports another TypeScript file loads too (through tsx)", async () => {
    const dir = project({
      "gate.ts": "export const gate: Record<string, unknown> = { overall: { min: 0.7 } };",
      "maestro-eval.config.ts": 'import { gate } from "./gate.ts";\nexport default { concurrency: 2, gate };',
    });
    const { config } = await loadConfig(dir);
    expect(config).toEqual({ concurrency: 2, gate: { overall: { min: 0.7 } } });
    expect(readdirSync(dir).sort()).toEqual(["gate.ts", "maestro-eval.config.ts"]);
  });
});

describe("parseConfig: the embedded server's tool options", () => {
  test("are kept as given", () => {
    const local = { timeScale: 0, toolNetwork: "any", toolTimeoutMs: 200, toolMaxResponseBytes: 4096 };
    expect(parseConfig({ local }, "maestro-eval.config.ts").local).toEqual(local);
  });

  test.each([
    [{ toolTimeoutMs: 0 }, "maestro-eval.config.ts: local.toolTimeoutMs must be a number > 0, got 0"],
    [{ toolTimeoutMs: "5s" }, 'maestro-eval.config.ts: local.toolTimeoutMs must be a number > 0, got "5s"'],
    [
      { toolMaxResponseBytes: -1 },
      "maestro-eval.config.ts: local.toolMaxResponseBytes must be a number > 0, got -1",
    ],
    [
      { toolNetwork: "everything" },
      'maestro-eval.config.ts: local.toolNetwork must be one of "public-and-loopback", "loopback-only", "public-only", "any", got "everything"',
    ],
  ])("%j is refused, naming the file and the field", (local, message) => {
    expect(() => parseConfig({ local }, "maestro-eval.config.ts")).toThrow(message);
  });
});
