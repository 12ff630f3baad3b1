import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { registerValidate } from "../../src/cli/commands/validate.js";

const bin = fileURLToPath(new URL("../../bin/maestro-eval.js", import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "maestro-eval-validate-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeBody(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === "string" ? body : JSON.stringify(body));
  return path;
}

const longDescription = Array.from({ length: 131 }, (_, index) => `w${index}`).join(" ");
const invalidRun = {
  input: "Write a haiku",
  requirements: [
    { name: "a", description: "x" },
    { name: "b", description: "x" },
    { name: "c", description: "x" },
    { name: "d", description: longDescription },
  ],
  colour: "red",
};

/** Runs `validate` in process through the real command, capturing what it prints and its exit code. */
async function runValidate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void err.push(String(line)));
  const program = new Command("maestro-eval").exitOverride().configureOutput({
    writeOut: (text) => void out.push(text),
    writeErr: (text) => void err.push(text),
  });
  registerValidate(program);
  process.exitCode = undefined;
  let code: number;
  try {
    await program.parseAsync(args, { from: "user" });
    code = typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = 3;
  } finally {
    process.exitCode = undefined;
  }
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("maestro-eval validate", () => {
  test("prints a table of issues and exits 3 on an error", async () => {
    const file = writeBody("run.json", invalidRun);
    const { code, stdout } = await runValidate(["validate", file]);
    expect(code).toBe(3);
    expect(stdout).toBe(
      [
        `${file}: invalid Maestro run request, 1 error, 1 warning`,
        "  severity  location                     type                        message",
        "  error     requirements[3].description  value_error.too_many_words  requirements[3].description has 131 words; at most 128 are allowed",
        "  warning   colour                       warning.unknown_field       colour is not a known field; AI21 ignores unknown fields",
      ].join("\n"),
    );
  });

  test("prints JSON with --json", async () => {
    const file = writeBody("run-json.json", invalidRun);
    const { code, stdout } = await runValidate(["validate", "--json", file]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual({
      file,
      kind: "run",
      valid: false,
      errors: 1,
      warnings: 1,
      issues: [
        {
          loc: ["body", "requirements", 3, "description"],
          msg: "requirements[3].description has 131 words; at most 128 are allowed",
          type: "value_error.too_many_words",
          severity: "error",
        },
        {
          loc: ["body", "colour"],
          msg: "colour is not a known field; AI21 ignores unknown fields",
          type: "warning.unknown_field",
          severity: "warning",
        },
      ],
    });
  });

  test("exits 0 on warnings only, and 3 with --strict", async () => {
    const file = writeBody("warn.json", { input: "x", colour: "red" });
    const loose = await runValidate(["validate", file]);
    expect(loose.code).toBe(0);
    expect(loose.stdout.split("\n")[0]).toBe(`${file}: valid Maestro run request, 0 errors, 1 warning`);
    const strict = await runValidate(["validate", "--strict", file]);
    expect(strict.code).toBe(3);
    expect(strict.stdout.split("\n")[0]).toBe(
      `${file}: invalid Maestro run request, 0 errors, 1 warning (--strict counts warnings as errors)`,
    );
  });

  test("detects a chat request, and takes --kind over detection", async () => {
    const file = writeBody("chat.json", { model: "jamba-mini", messages: [{ role: "user", content: "Hi" }] });
    expect(await runValidate(["validate", file])).toEqual({
      code: 0,
      stdout: `${file}: valid chat request, no issues`,
      stderr: "",
    });
    const forced = await runValidate(["validate", "--kind", "run", "--json", file]);
    expect(forced.code).toBe(3);
    expect(JSON.parse(forced.stdout).issues[0].msg).toBe("input is required");
  });

  test("exits 3 naming the file when it is missing, not JSON, or of unknown kind", async () => {
    const missing = join(dir, "missing.json");
    const unread = await runValidate(["validate", missing]);
    expect(unread.code).toBe(3);
    expect(unread.stderr).toMatch(new RegExp(`^maestro-eval validate: cannot read ${missing}: ENOENT`));

    const broken = writeBody("broken.json", "{ input: ");
    const notJson = await runValidate(["validate", broken]);
    expect(notJson.code).toBe(3);
    expect(notJson.stderr).toMatch(new RegExp(`^maestro-eval validate: ${broken} is not valid JSON: `));

    const unknown = writeBody("unknown.json", { stream: false });
    const neither = await runValidate(["validate", unknown]);
    expect(neither).toEqual({
      code: 3,
      stdout: "",
      stderr: `maestro-eval validate: cannot tell whether ${unknown} is a run or a chat request; pass --kind run or --kind chat`,
    });
  });

  test("rejects an unknown --kind as a usage error", async () => {
    const file = writeBody("kind.json", { input: "x" });
    const { code, stderr } = await runValidate(["validate", "--kind", "completion", file]);
    expect(code).toBe(3);
    expect(stderr).toContain("Allowed choices are run, chat");
  });
});

describe("node bin/maestro-eval.js validate", () => {
  test("validates a file and stdin, with the exit codes of the contract", () => {
    const bad = writeBody("bin-bad.json", invalidRun);
    const badRun = spawnSync(process.execPath, [bin, "validate", bad], { encoding: "utf8" });
    expect(badRun.stderr).toBe("");
    expect(badRun.status).toBe(3);
    expect(badRun.stdout).toContain("requirements[3].description has 131 words; at most 128 are allowed");

    const chat = JSON.stringify({ model: "jamba-mini", messages: [{ role: "user", content: "Hi" }] });
    const stdinRun = spawnSync(process.execPath, [bin, "validate", "--json", "-"], {
      input: chat,
      encoding: "utf8",
    });
    expect(stdinRun.status).toBe(0);
    expect(JSON.parse(stdinRun.stdout)).toEqual({
      file: "stdin",
      kind: "chat",
      valid: true,
      errors: 0,
      warnings: 0,
      issues: [],
    });
  });
});
