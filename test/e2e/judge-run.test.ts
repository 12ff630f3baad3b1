// A run's judge, end to end (issue 16, step 3: one scoring rule for runs and chat answers). With `judge`
// in maestro-eval.config.ts, a requirement no verifier understands is scored by the judge model, in a
// Maestro run on the local engine and in a chat answer alike; checkable requirements never reach it; its
// key comes from MAESTRO_EVAL_JUDGE_API_KEY and is found in no report file. Without a judge, the same
// requirement is self-assessed in the run and left unscored in the chat answer. Real vitest through
// `maestro-eval run`, a real loopback judge endpoint speaking the OpenAI chat-completions protocol.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { repoRoot, userEnv } from "../helpers/run-fixture-suites.js";

const cli = join(repoRoot, "bin/maestro-eval.js");
const JUDGE_KEY = "judge-secret-key-0123456789";
let project: string;
let judgeServer: Server;
let judgeUrl: string;
const judged: { authorization: string | undefined; model: unknown; prompt: string }[] = [];

const suites = {
  "letter.eval.ts": `
import { describeMaestro } from "maestro-eval/vitest";
describeMaestro("letter", {
  cases: [{ name: "thanks", input: "Write a short thank-you note to the support team." }],
  requirements: [
    { name: "tone", description: "Sound grateful and sincere" },
    { name: "short", description: "Write at most 3 sentences." },
  ],
  matrix: { models: ["jamba-mini"], budgets: ["low"] },
});
`,
  "greeting.eval.ts": `
import { describeChat } from "maestro-eval/vitest";
describeChat("greeting", {
  cases: [{ name: "hello", messages: [{ role: "user", content: "Greet the team in one sentence." }] }],
  requirements: [
    { name: "tone", description: "Sound grateful and sincere" },
    { name: "short", description: "Write at most 3 sentences." },
  ],
  matrix: { models: ["jamba-mini"] },
});
`,
};

function config(judge: string): string {
  return `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], concurrency: 2, local: { timeScale: 0 }${judge} });
`;
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: project, timeout: 180_000, env: userEnv({ MAESTRO_EVAL_JUDGE_API_KEY: JUDGE_KEY }) },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function readReport(dir: string): EvalReport {
  return JSON.parse(readFileSync(join(project, dir, "report.json"), "utf8")) as EvalReport;
}

function sourcesOf(report: EvalReport, suite: string): [string, string | undefined, number | null][] {
  const cell = report.cells.find((item) => item.suite === suite)!;
  return cell.requirements.map((item) => [item.name, item.source, item.score]);
}

beforeAll(async () => {
  judgeServer = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const parsed = JSON.parse(body) as { model: unknown; messages: { content: string }[] };
      judged.push({
        authorization: request.headers.authorization,
        model: parsed.model,
        prompt: parsed.messages.at(-1)?.content ?? "",
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          choices: [{ message: { role: "assistant", content: '{"score": 0.75, "reason": "warm enough"}' } }],
        }),
      );
    });
  });
  await new Promise<void>((done) => judgeServer.listen(0, "127.0.0.1", done));
  judgeUrl = `http://127.0.0.1:${(judgeServer.address() as AddressInfo).port}/v1`;
  project = mkdtempSync(join(repoRoot, ".tmp-e2e-judge-"));
  mkdirSync(join(project, "suites"));
  for (const [name, text] of Object.entries(suites)) writeFileSync(join(project, "suites", name), text);
  writeFileSync(
    join(project, "maestro-eval.config.ts"),
    config(`, judge: { url: ${JSON.stringify(judgeUrl)}, model: "grader-1" }`),
  );
  writeFileSync(join(project, "no-judge.config.ts"), config(""));
  writeFileSync(join(project, "bad-judge.config.ts"), config(', judge: { url: "ftp://judge", model: "m" }'));
  writeFileSync(
    join(project, "key-in-file.config.ts"),
    config(', judge: { url: "http://127.0.0.1:1/v1", model: "m", apiKey: "k" }'),
  );
});

afterAll(async () => {
  rmSync(project, { recursive: true, force: true });
  await new Promise((done) => judgeServer.close(done));
});

describe("a run's judge", () => {
  test("scores what no verifier understands, in a Maestro run and a chat answer alike, with the key from the environment", async () => {
    const { code, stdout, stderr } = await runCli(["run", "--reports", "reports", "--progress", "off"]);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    const report = readReport("reports");
    expect(sourcesOf(report, "letter")).toEqual([
      ["tone", "judge", 0.75],
      ["short", "verifier", expect.any(Number)],
    ]);
    expect(sourcesOf(report, "greeting")).toEqual([
      ["tone", "judge", 0.75],
      ["short", "verifier", expect.any(Number)],
    ]);
    // Only the requirement no verifier understands reached the judge, once per cell, with the key.
    expect(judged).toHaveLength(2);
    for (const call of judged) {
      expect(call.authorization).toBe(`Bearer ${JUDGE_KEY}`);
      expect(call.model).toBe("grader-1");
      expect(call.prompt).toContain("Requirement: Sound grateful and sincere");
    }
    // The key is in no file the run wrote.
    for (const file of readdirSync(join(project, "reports"))) {
      expect(readFileSync(join(project, "reports", file), "utf8"), file).not.toContain(JUDGE_KEY);
    }
    // The lint no longer reports the requirement as one nothing will score.
    expect(stdout).not.toMatch(/no verifier understands[^\n]*Sound grateful/);
  }, 180_000);

  test("without a judge the run self-assesses it and the chat answer leaves it unscored", async () => {
    const before = judged.length;
    const { code, stdout, stderr } = await runCli([
      "run",
      "--config",
      "no-judge.config.ts",
      "--reports",
      "reports-no-judge",
      "--progress",
      "off",
    ]);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    const report = readReport("reports-no-judge");
    expect(sourcesOf(report, "letter")[0]!.slice(0, 2)).toEqual(["tone", "self_assessed"]);
    expect(sourcesOf(report, "greeting")[0]).toEqual(["tone", "unscored", 0]);
    expect(judged).toHaveLength(before);
    // The lint says what becomes of it, by the kind of suite.
    expect(stdout).toMatch(
      /no verifier understands "Sound grateful and sincere" and no judge is configured: its score is the local model's self-assessment/,
    );
    expect(stdout).toMatch(
      /no verifier understands "Sound grateful and sincere" and no judge is configured: a chat answer leaves its score out/,
    );
  }, 180_000);

  test("a judge config that is wrong names the field and runs nothing", async () => {
    const bad = await runCli(["run", "--config", "bad-judge.config.ts", "--reports", "reports-bad"]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/bad-judge\.config\.ts: judge\.url .*ftp:\/\/judge/);
    const keyInFile = await runCli(["run", "--config", "key-in-file.config.ts", "--reports", "reports-bad"]);
    expect(keyInFile.code).toBe(3);
    expect(keyInFile.stderr).toContain(
      "key-in-file.config.ts: judge.apiKey is not a judge field; expected url and model (the key comes from MAESTRO_EVAL_JUDGE_API_KEY)",
    );
    expect(() => readdirSync(join(project, "reports-bad"))).toThrow();
  }, 180_000);
});
