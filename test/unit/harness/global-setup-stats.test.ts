import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { TestProject } from "vitest/node";
import setup from "../../../src/harness/global-setup.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("global setup's local-server.json", () => {
  test("is written whole and renamed over the old one: no partial file is left, the old one replaced", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maestro-eval-stats-test-"));
    folders.push(dir);
    const statsFile = join(dir, "local-server.json");
    writeFileSync(statsFile, "{ an older, truncated file");
    const provided: Record<string, unknown> = {};
    const project = {
      getProvidedContext: () => ({
        maestroEvalOptions: { backend: "local", statsFile, local: { timeScale: 0 } },
      }),
      provide: (key: string, value: unknown) => {
        provided[key] = value;
      },
      // A root without node_modules: no poll history is kept.
      config: { root: dir },
    } as unknown as TestProject;
    const teardown = await setup(project);
    expect(provided.maestroEval).toMatchObject({ backend: "local" });
    await teardown();
    expect(JSON.parse(readFileSync(statsFile, "utf8"))).toMatchObject({ backend: "local", runsCreated: 0 });
    expect(readdirSync(dir)).toEqual(["local-server.json"]);
  });
});
