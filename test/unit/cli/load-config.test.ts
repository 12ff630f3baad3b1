import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { loadConfig } from "../../../src/cli/config.js";

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
});
