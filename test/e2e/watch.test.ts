// maestro-eval run --watch as a user runs it: a project with two suites on the embedded local server, a
// suite edited while it watches, Ctrl-C. Each round rewrites the reports of the whole current state; only
// the cells whose request changed call the server (the others answer from their cassette).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { parseResultLines } from "../../src/domain/index.js";
import type { ServerStatsFile } from "../reliability/audit-reports.js";
import { CLI, cliEnv, createTempProject, killGroup, runCli } from "../reliability/temp-project.js";

const project = createTempProject("watch");
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child !== undefined) await killGroup(child);
  project.remove();
});

function suite(name: string, requirement: { name: string; description: string }): string {
  return `import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro(${JSON.stringify(name)}, {
  cases: [{ name: "leak", input: "Reply to the customer.\\nOrder: 4411\\nProduct: kettle\\nMessage: The kettle leaks; I want a refund." }],
  requirements: [${JSON.stringify(requirement)}],
  matrix: { models: ["jamba-mini"], budgets: ["low", "medium"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;
}

/** The CLI's output so far, and a way to wait until it holds `count` occurrences of `text`. */
function follow(cli: ChildProcess) {
  let output = "";
  cli.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  cli.stderr!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
  return {
    exited,
    get output() {
      return output;
    },
    async waitFor(text: string, count: number, timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (output.split(text).length - 1 < count) {
        if (Date.now() > deadline || cli.exitCode !== null)
          throw new Error(`waited for ${count} × ${JSON.stringify(text)}; the output was:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

function readReports() {
  const dir = join(project.dir, "reports");
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as EvalReport;
  const lines = parseResultLines(readFileSync(join(dir, "results.jsonl"), "utf8"));
  return { dir, report, lines };
}

describe("maestro-eval run --watch", () => {
  test("reruns the edited suite, keeps the other's cells, calls the server only for changed cells, and exits on Ctrl-C with the last gate's code", async () => {
    project.write(
      "maestro-eval.config.ts",
      `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], concurrency: 4, local: { timeScale: 0, seed: 5 } });
`,
    );
    project.write(
      "suites/refunds.eval.ts",
      suite("refunds", { name: "short", description: "Write at most 3 sentences." }),
    );
    project.write(
      "suites/delays.eval.ts",
      suite("delays", { name: "short", description: "Write at most 3 sentences." }),
    );
    child = spawn(process.execPath, [CLI, "run", "--watch", "--progress", "off"], {
      cwd: project.dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: cliEnv(),
    });
    const cli = follow(child);
    await cli.waitFor("Gate PASSED", 1);
    await cli.waitFor("a change reruns the suites it affects", 1);
    expect(cli.output).toContain("cassettes auto");
    const first = readReports();
    expect(first.report.cells).toHaveLength(4);
    const delaysRuns = first.report.cells.filter((cell) => cell.suite === "delays").map((cell) => cell.runId);

    project.write(
      "suites/refunds.eval.ts",
      suite("refunds", { name: "brief", description: "Write at most 2 sentences." }),
    );
    await cli.waitFor("Gate PASSED", 2);
    await cli.waitFor("a change reruns the suites it affects", 2);
    expect(cli.output).toContain("suites/refunds.eval.ts: running suites/refunds.eval.ts again");
    const second = readReports();
    // The whole current state: the edited suite's new cells, the other suite's cells as they were.
    expect(second.report.cells.map((cell) => cell.key).sort()).toEqual(
      first.report.cells.map((cell) => cell.key).sort(),
    );
    for (const cell of second.report.cells) {
      expect(
        cell.requirements.map((requirement) => requirement.name),
        cell.key,
      ).toEqual(cell.suite === "refunds" ? ["brief"] : ["short"]);
    }
    expect(second.report.cells.filter((cell) => cell.suite === "delays").map((cell) => cell.runId)).toEqual(
      delaysRuns,
    );
    // results.jsonl: one line per cell, each what report.json says.
    expect(second.lines).toHaveLength(4);
    for (const cell of second.report.cells)
      expect(second.lines.find((line) => line.meta.cell.key === cell.key)?.meta.run.id, cell.key).toBe(
        cell.runId,
      );

    child.kill("SIGINT");
    const code = await Promise.race([
      cli.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no exit:\n${cli.output}`)), 30_000),
      ),
    ]);
    expect(code, cli.output).toBe(0);
    expect(cli.output).toContain("Stopped: reports/ holds the reports of the last finished round; exit 0");
    const last = readReports();
    expect(last.report).toEqual(second.report);
    // The server ran the 4 cells of the first round, then only the 2 whose request changed.
    const stats = JSON.parse(readFileSync(join(last.dir, "local-server.json"), "utf8")) as ServerStatsFile;
    expect(stats.runsCreated).toBe(6);
    // `maestro-eval gate` on the report agrees with the exit code.
    const gate = await runCli(project, ["gate", "reports/report.json"]);
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);
  }, 180_000);

  test.each([
    [["--shard", "1/2"], "--watch cannot be combined with --shard"],
    [["--json"], "--watch cannot be combined with --json"],
    [["--resume"], "--watch cannot be combined with --resume"],
  ])("run --watch %j is a usage error naming the flags", async (flags, message) => {
    const result = await runCli(project, ["run", "--watch", ...flags], {}, 60_000);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`maestro-eval run: ${message}: `);
  });
});
