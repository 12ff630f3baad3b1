// bin/maestro-eval.js in a checkout of the repository: dist/ when it was built from the sources as they are
// now (dist/build-id against scripts/build-id.mjs), the sources through tsx otherwise, and
// MAESTRO_EVAL_FROM=dist or =src to choose. Run on a copy of the repository's layout whose CLI entries
// only say which of them ran: the real bin and the real build id, in a folder of its own.
import { execFile } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildId } from "../../scripts/build-id.mjs";
import { repoRoot } from "../helpers/run-fixture-suites.js";

const run = promisify(execFile);
let checkout: string;

async function whichRan(from?: string): Promise<string> {
  const env = { ...process.env };
  delete env.MAESTRO_EVAL_FROM;
  if (from !== undefined) env.MAESTRO_EVAL_FROM = from;
  const { stdout } = await run(process.execPath, [join(checkout, "bin/maestro-eval.js")], { env });
  return stdout.trim();
}

beforeAll(() => {
  checkout = mkdtempSync(join(tmpdir(), "maestro-eval-bin-"));
  for (const path of ["bin", "scripts", "openapi"])
    cpSync(join(repoRoot, path), join(checkout, path), { recursive: true });
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json"])
    cpSync(join(repoRoot, file), join(checkout, file));
  // tsx, for the sources.
  symlinkSync(join(repoRoot, "node_modules"), join(checkout, "node_modules"));
  mkdirSync(join(checkout, "src/cli"), { recursive: true });
  writeFileSync(join(checkout, "src/cli/main.ts"), 'const ran: string = "sources";\nconsole.log(ran);\n');
  mkdirSync(join(checkout, "dist/bundle"), { recursive: true });
  writeFileSync(join(checkout, "dist/bundle/cli.js"), 'console.log("dist");\n');
  writeFileSync(join(checkout, "dist/build-id"), `${buildId(checkout)}\n`);
});

afterAll(() => {
  rmSync(checkout, { recursive: true, force: true });
});

describe("bin/maestro-eval.js in a checkout of the repository", () => {
  test("runs dist/ while it was built from the sources as they are, and the sources once they change", async () => {
    expect(await whichRan()).toBe("dist");
    expect(await whichRan("src")).toBe("sources");
    appendFileSync(join(checkout, "src/cli/main.ts"), "// edited\n");
    expect(await whichRan()).toBe("sources");
    expect(await whichRan("dist")).toBe("dist");
    // Built again from them: dist/ again.
    writeFileSync(join(checkout, "dist/build-id"), `${buildId(checkout)}\n`);
    expect(await whichRan()).toBe("dist");
  });

  test("another MAESTRO_EVAL_FROM is a usage error that names the variable and the value", async () => {
    const env = { ...process.env, MAESTRO_EVAL_FROM: "dsit" };
    const failed = await run(process.execPath, [join(checkout, "bin/maestro-eval.js")], { env }).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failed?.code).toBe(3);
    expect(failed?.stderr).toContain('MAESTRO_EVAL_FROM must be "dist" or "src" (or unset), got "dsit"');
    expect(failed?.stdout).toBe("");
  });

  test("a build id the sources do not have, or none, runs the sources", async () => {
    writeFileSync(join(checkout, "dist/build-id"), "0123456789abcdef\n");
    expect(await whichRan()).toBe("sources");
    rmSync(join(checkout, "dist/build-id"));
    expect(await whichRan()).toBe("sources");
  });
});
