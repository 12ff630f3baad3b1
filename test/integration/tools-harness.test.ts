// The tool fixture suites on real vitest (as a user runs them) and through `maestro-eval run` (for every
// report it writes): each tool end to end through the harness, a refused address explained in the
// failure, and the tools' header values in no meta, cassette, report or output.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readCellMeta } from "../../src/domain/index.js";
import { MCP_SECRET, TOOL_SECRET } from "../fixtures/tools/suites/shared.js";
import { repoRoot, runFixtureSuites } from "../helpers/run-fixture-suites.js";

const fixtureRoot = join(repoRoot, "test/fixtures/tools");
const env = { MAESTRO_EVAL_WEB_CORPUS: join(fixtureRoot, "web") };
const cassette = join(fixtureRoot, "suites/__cassettes__/tools.cassette.json");
const reports = mkdtempSync(join(repoRoot, ".tmp-tools-reports-"));

afterAll(() => {
  rmSync(reports, { recursive: true, force: true });
  rmSync(join(fixtureRoot, "suites/__cassettes__"), { recursive: true, force: true });
});

/** Every file under a directory, read as text. */
function readAll(directory: string): { file: string; text: string }[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? readAll(path) : [{ file: path, text: readFileSync(path, "utf8") }];
  });
}

function expectNoSecrets(where: string, text: string): void {
  expect({ where, tool: text.includes(TOOL_SECRET), mcp: text.includes(MCP_SECRET) }).toEqual({
    where,
    tool: false,
    mcp: false,
  });
}

describe("tool suites on real vitest", () => {
  test("every tool through the harness: calls, citations and sources pass the matchers; secrets stay out of meta and cassettes", async () => {
    const run = await runFixtureSuites("tools", ["suites/tools.eval.ts"], {
      ...env,
      MAESTRO_EVAL_CASSETTES: "record",
    });
    expect(run.moduleErrors).toEqual([]);
    expect(run.results.filter((result) => result.state !== "passed").map((result) => result.errors)).toEqual(
      [],
    );
    expect(run.exitCode).toBe(0);
    const metas = run.results.map((result) => readCellMeta(result.meta)).filter((meta) => meta !== undefined);
    expect(metas).toHaveLength(4);
    const first = metas[0]!;
    expect(
      first.run.data_sources?.tool_calls?.map((call) => [call.tool_name, call.tool_type, call.status]),
    ).toEqual([
      ["order_status", "http", "success"],
      ["refund_window", "mcp", "success"],
    ]);
    expect(first.run.data_sources?.file_search?.[0]?.file_name).toBe("refund-policy.md");
    expect(first.run.data_sources?.web_search?.map((item) => item.url)).toEqual([
      "https://www.example.com/help/refunds",
    ]);
    expect(first.assertions.map((assertion) => assertion.matcher)).toEqual(
      expect.arrayContaining(["toCallTool", "toCiteSource", "toUseOnlySources"]),
    );
    // The request kept in meta and cassettes has its tool headers replaced.
    expect(JSON.stringify(first.request)).toContain('"headers":"[REDACTED]"');
    expectNoSecrets("stdout", run.stdout);
    expectNoSecrets("stderr", run.stderr);
    expectNoSecrets("meta", JSON.stringify(run.results));
    expect(existsSync(cassette)).toBe(true);
    expectNoSecrets("cassette", readFileSync(cassette, "utf8"));
  }, 120_000);

  test("a tool aimed at a private address is recorded as refused, and the failing assertion says why", async () => {
    const run = await runFixtureSuites("tools", ["suites/refused.eval.ts"], env);
    expect(run.exitCode).toBe(1);
    const [cell] = run.results;
    expect(cell?.state).toBe("failed");
    expect(cell?.errors).toHaveLength(1);
    expect(cell?.errors[0]).toMatch(
      /^expected run not to call tool "order_status", got order_status\(\{"order_id":"B-7"\}\) failure \(jamba-mini\/low #0, run [0-9a-f]{8}…\): "order_status" failed: POST http:\/\/10\.255\.255\.1\/orders\/status failed: refused to call 10\.255\.255\.1 is a private network address, which toolNetwork "public-and-loopback" does not allow; start the local server with toolNetwork: "any" \(or set MAESTRO_EVAL_TOOL_NETWORK=any\) to allow it$/,
    );
    expectNoSecrets("errors", JSON.stringify(run.results));
    expectNoSecrets("output", run.stdout + run.stderr);
  }, 120_000);
});

describe("tool suites through maestro-eval run", () => {
  test("no report holds a tool header value", async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [
            join(repoRoot, "bin/maestro-eval.js"),
            "run",
            "--config",
            "maestro-eval.config.ts",
            "--reports",
            reports,
          ],
          {
            cwd: fixtureRoot,
            timeout: 180_000,
            env: {
              ...process.env,
              AI21_API_KEY: "",
              MAESTRO_EVAL_CASSETTES: "",
              VITEST: "",
              VITEST_WORKER_ID: "",
              VITEST_POOL_ID: "",
              ...env,
            },
          },
          (error, out, err) =>
            resolve({
              code: error ? Number((error as { code?: number }).code ?? 1) : 0,
              stdout: out,
              stderr: err,
            }),
        );
      },
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const files = readAll(reports);
    expect(files.map((file) => file.file.slice(reports.length + 1))).toEqual(
      expect.arrayContaining(["report.json", "report.html", "junit.xml", "summary.md", "results.jsonl"]),
    );
    for (const { file, text } of files) expectNoSecrets(file, text);
    expectNoSecrets("stdout", stdout);
    expect(readFileSync(join(reports, "results.jsonl"), "utf8")).toContain("order_status");
  }, 180_000);
});
