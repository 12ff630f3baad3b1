// `maestro-eval verify` run for real: the bin through tsx, text on stdin or from a file, JSON on stdout,
// and the exit codes of DESIGN.md. The judge is a real HTTP server on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = join(root, "bin", "maestro-eval.js");
const FRENCH =
  "Merci pour votre message. La livraison arrivera lundi matin, et notre équipe vous appellera avant qu'elle ne quitte l'entrepôt.";

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runVerify(
  args: string[],
  input?: string,
  env: Record<string, string> = {},
  cwd: string = root,
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, "verify", ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

let judgeServer: Server;
let judgeUrl: string;
let judgeCalls = 0;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "maestro-eval-verify-"));
  judgeServer = createServer(async (request, response) => {
    for await (const _ of request) {
      // drain the body
    }
    judgeCalls++;
    const content = JSON.stringify({ score: 0.9, reason: "Warm and polite." });
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content } }] }));
  });
  await new Promise<void>((done) => judgeServer.listen(0, "127.0.0.1", done));
  judgeUrl = `http://127.0.0.1:${(judgeServer.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await new Promise<void>((done) => judgeServer.close(() => done()));
});

describe.concurrent("maestro-eval verify", () => {
  test("keeps the descriptions it parsed in the project's node_modules/.cache, and reads them back alike", async () => {
    const project = join(workDir, "with-modules");
    mkdirSync(join(project, "node_modules"), { recursive: true });
    const args = [
      "--requirement",
      "Write at most 3 sentences.",
      "--requirement",
      "Do not use any commas.",
      "--language",
      "french",
    ];
    // The repository's tests keep no cache (vitest.config.ts): this one turns it on.
    const first = await runVerify(args, FRENCH, { MAESTRO_EVAL_CACHE: "" }, project);
    const memory = JSON.parse(
      readFileSync(join(project, "node_modules/.cache/maestro-eval/parsed-requirements.json"), "utf8"),
    );
    expect(
      memory.parses.map((entry: { description: string; responseLanguage?: string }) => [
        entry.description,
        entry.responseLanguage,
      ]),
    ).toEqual([
      ["Write at most 3 sentences.", "french"],
      ["Do not use any commas.", "french"],
    ]);
    const again = await runVerify(args, FRENCH, { MAESTRO_EVAL_CACHE: "" }, project);
    expect(again).toEqual(first);
    expect(first.code).toBe(1);
  });

  test("prints {verdict, score, reason, checks} and exits 1 when a requirement fails", async () => {
    const run = await runVerify(
      ["--requirement", "Write up to 3 paragraphs"],
      "One.\n\nTwo.\n\nThree.\n\nFour.",
    );
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({
      verdict: "fail",
      score: 0,
      reason: "4 paragraphs found; at most 3 allowed",
      checks: [
        {
          check: { kind: "count", unit: "paragraphs", max: 3 },
          verdict: "fail",
          score: 0,
          reason: "4 paragraphs found; at most 3 allowed",
        },
      ],
    });
  });

  test("scores a set of requirements and the response language, exiting 0 when all pass", async () => {
    const run = await runVerify(
      [
        "--requirement",
        "Write up to 3 paragraphs",
        "--requirement",
        "Don't mention the CEO",
        "--language",
        "french",
      ],
      FRENCH,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.verdict).toBe("pass");
    expect(output.score).toBe(1);
    expect(output.checks.map((item: { check: { kind: string } }) => item.check.kind)).toEqual([
      "count",
      "keywords",
      "language",
    ]);
    expect(output.requirements.map((item: { description: string }) => item.description)).toEqual([
      "Write up to 3 paragraphs",
      "Don't mention the CEO",
      "response_language: french",
    ]);
  });

  test("reads the text from --text-file", async () => {
    const file = join(workDir, "answer.txt");
    writeFileSync(file, "a, b, c");
    const run = await runVerify(["--requirement", "Do not use any commas", "--text-file", file]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).reason).toBe("2 commas found (first at offset 1); none allowed");
  });

  test("reports an unverifiable requirement with a null score and exit 1", async () => {
    const run = await runVerify(["--requirement", "Use a friendly tone"], "Hi!");
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: "unverifiable", score: null });
  });

  test("asks the judge for what no verifier understands", async () => {
    const run = await runVerify(
      ["--requirement", "Use a friendly tone", "--judge-url", judgeUrl, "--judge-model", "judge"],
      "Hi, lovely to hear from you!",
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      verdict: "fail",
      score: 0.9,
      reason: "judge judge: Warm and polite.",
      source: "judge",
    });
    expect(judgeCalls).toBeGreaterThan(0);
  });

  test("exits 2 when the judge cannot be reached", async () => {
    const run = await runVerify(
      [
        "--requirement",
        "Use a friendly tone",
        "--judge-url",
        "http://127.0.0.1:9/v1",
        "--judge-model",
        "judge",
      ],
      "Hi!",
    );
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: "error", score: null });
  });

  test.each([
    [[], 'maestro-eval verify: give at least one --requirement "<description>"'],
    [
      ["--requirement", "x", "--language", "klingon"],
      'maestro-eval verify: --language must be one of arabic, dutch, english, french, german, hebrew, italian, portuguese, spanish, unset, got "klingon"',
    ],
    [
      ["--requirement", "x", "--judge-url", "http://127.0.0.1:1/v1"],
      "maestro-eval verify: --judge-url and --judge-model go together",
    ],
    [
      ["--requirement", "x", "--text-file", "/nonexistent/answer.txt"],
      "maestro-eval verify: cannot read --text-file /nonexistent/answer.txt: ENOENT",
    ],
  ])("exits 3 on a usage error: %j", async (args, message) => {
    const run = await runVerify(args, "text");
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toBe(message);
    expect(run.stdout).toBe("");
  });
});
