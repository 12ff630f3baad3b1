// maestro-eval run --watch stopped by Ctrl-C (README, Watch mode). Made deterministic without timing: a
// suite holds the round at a known point (it writes a marker file, then waits for a release file), and the
// test sends Ctrl-C once the marker (and, where it matters, a finished cell's line in results.jsonl) is
// there. Before any round finished: a beforeAll hook holds the round (vitest lets a hook in flight run to
// its end), no cell runs, exit 130. With Maestro cells in flight: a cell's assertion holds it; vitest stops
// it at once or, when it has lost track of it, lets it run to its end; a first round cut short is written,
// a rerun cut short dropped. The child's whole process group is killed in every case.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/index.js";
import { parseResultLines } from "../../src/domain/index.js";
import { CLI, cliEnv, createTempProject, killGroup } from "../reliability/temp-project.js";

const project = createTempProject("watch-interrupt");
afterAll(() => project.remove());

/**
 * A suite whose beforeAll writes `started` and then waits (at most 90 s, so that nothing lingers) for
 * `release`; its Maestro cells come after it and would make a round with a report if they ran.
 */
function blockingSuite(started: string, release: string): string {
  return `import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { beforeAll, expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

beforeAll(async () => {
  writeFileSync(${JSON.stringify(started)}, "");
  const deadline = Date.now() + 90_000;
  while (!existsSync(${JSON.stringify(release)})) {
    if (Date.now() > deadline) throw new Error("never released");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 120_000);

describeMaestro("after the blocker", {
  cases: [{ name: "leak", input: "Reply to the customer.\\nMessage: The kettle leaks; I want a refund." }],
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"], budgets: ["low"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;
}

/** The CLI's output so far, its exit, and waits bounded in time. */
function follow(cli: ChildProcess) {
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  cli.stdout!.on("data", append);
  cli.stderr!.on("data", append);
  const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
  const until = async (done: () => boolean, what: string, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline || cli.exitCode !== null)
        throw new Error(`waited for ${what}; the output was:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    get output() {
      return output;
    },
    waitFor: (done: () => boolean, what: string, timeoutMs = 90_000) => until(done, what, timeoutMs),
    waitForFile: (path: string, timeoutMs = 90_000) => until(() => existsSync(path), path, timeoutMs),
    waitForText: (text: string, timeoutMs = 30_000) =>
      until(() => output.includes(text), JSON.stringify(text), timeoutMs),
    exit: (timeoutMs = 60_000) =>
      Promise.race([
        exited,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms:\n${output}`)), timeoutMs),
        ),
      ]),
  };
}

/**
 * Two Maestro suites in one file, run side by side: "quick" answers and passes; "held"'s assertion, while
 * the file `hold` exists, writes `started` and then waits (at most 90 s) for `release`: a cell in flight,
 * its run stored, for as long as the test wants. `heldFirst` declares "held" before "quick";
 * `quickLimit` changes the request of the quick cell.
 */
function inFlightSuite(
  signals: { hold: string; started: string; release: string },
  heldFirst: boolean,
  quickLimit = 3,
): string {
  const quick = `describeMaestro("quick", {
  cases: [{ name: "leak", input: "Reply to the customer.\\nMessage: The kettle leaks; I want a refund." }],
  requirements: [{ name: "short", description: "Write at most ${quickLimit} sentences." }],
  matrix: { models: ["jamba-mini"], budgets: ["low"] },
}, ({ run }) => {
  expect(run).toHaveStatus("completed");
});
`;
  const held = `describeMaestro("held", {
  cases: [{ name: "late", input: "Reply to the customer.\\nMessage: My parcel is late; where is it?" }],
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  matrix: { models: ["jamba-mini"], budgets: ["low"] },
}, async ({ run }) => {
  expect(run).toHaveStatus("completed");
  if (!existsSync(${JSON.stringify(signals.hold)})) return;
  writeFileSync(${JSON.stringify(signals.started)}, "");
  const deadline = Date.now() + 90_000;
  while (!existsSync(${JSON.stringify(signals.release)})) {
    if (Date.now() > deadline) throw new Error("never released");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
`;
  return `import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

${heldFirst ? held + quick : quick + held}`;
}

interface Started {
  child: ChildProcess;
  dir: string;
  hold: string;
  started: string;
  release: string;
}

/** Starts `run --watch` in a new project `name` whose one suite file is `suite(signals)`. */
function start(name: string, suite: (signals: Omit<Started, "child" | "dir">) => string): Started {
  const dir = join(project.dir, name);
  const signals = { hold: join(dir, "hold"), started: join(dir, "started"), release: join(dir, "release") };
  project.write(
    `${name}/maestro-eval.config.ts`,
    `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], local: { timeScale: 0, seed: 3 } });
`,
  );
  project.write(`${name}/suites/blocked.eval.ts`, suite(signals));
  const child = spawn(process.execPath, [CLI, "run", "--watch", "--progress", "off"], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: cliEnv(),
  });
  return { child, dir, ...signals };
}

/** The reports a round wrote: report.json and the lines of results.jsonl. */
function readReports(dir: string) {
  const report = JSON.parse(readFileSync(join(dir, "reports", "report.json"), "utf8")) as EvalReport;
  const lines = parseResultLines(readFileSync(join(dir, "reports", "results.jsonl"), "utf8"));
  return { report, lines };
}

/** Whether results.jsonl holds a line for the cell `key`. */
function hasLine(dir: string, key: string): boolean {
  const file = join(dir, "reports", "results.jsonl");
  return (
    existsSync(file) &&
    parseResultLines(readFileSync(file, "utf8")).some((line) => line.meta.cell.key === key)
  );
}

const QUICK = "quick/leak/jamba-mini/low/#0";
const HELD = "held/late/jamba-mini/low/#0";

describe("maestro-eval run --watch interrupted before any round finished", () => {
  test("Ctrl-C during the first round waits for the hook in flight, runs no cell, writes no report and exits 130", async () => {
    const { child, started, release } = start("once", ({ started, release }) =>
      blockingSuite(started, release),
    );
    try {
      const cli = follow(child);
      await cli.waitForFile(started);
      child.kill("SIGINT");
      await cli.waitForText("Stopping: the round in progress is cancelled");
      // The round is still in progress (the blocker holds it) when it is released.
      expect(cli.output).not.toContain("Stopped");
      writeFileSync(release, "");
      const code = await cli.exit();
      expect(code, cli.output).toBe(130);
      expect(cli.output).toContain("Interrupted before a cell finished");
      expect(cli.output).toContain("Stopped before any round finished: exit 130");
      expect(cli.output).not.toContain("Gate ");
      expect(existsSync(join(project.dir, "once", "reports", "report.json"))).toBe(false);
    } finally {
      await killGroup(child);
    }
  }, 150_000);

  test("a second Ctrl-C while the first round's hook is still in flight stops at once with exit 130", async () => {
    const { child, started } = start("twice", ({ started, release }) => blockingSuite(started, release));
    try {
      const cli = follow(child);
      await cli.waitForFile(started);
      child.kill("SIGINT");
      await cli.waitForText("Stopping: the round in progress is cancelled");
      // Never released: only the second Ctrl-C can end the session.
      child.kill("SIGINT");
      const code = await cli.exit();
      expect(code, cli.output).toBe(130);
      expect(cli.output).toContain("maestro-eval run: stopped at once");
      expect(existsSync(join(project.dir, "twice", "reports", "report.json"))).toBe(false);
    } finally {
      await killGroup(child);
    }
  }, 150_000);
});

/**
 * Ctrl-C while Maestro cells are in flight. vitest 4 cancels the round: it rejects each test it tracks as
 * running at once (without waiting for its promise) and skips the tests not started. It loses track of
 * concurrent tests, though: a test that ends drops from its list every test that started after it, and a
 * test no longer tracked runs to its end. So the order is set here: "held" started first is still tracked
 * when "quick" ends after it; "held" started after "quick" is not. Signals are files: `started` (the held
 * cell is in its assertion) and results.jsonl (the quick cell finished).
 */
describe("maestro-eval run --watch interrupted with Maestro cells in flight", () => {
  test("Ctrl-C in the first round stops a tracked cell in flight at once (recorded skipped); the partial round is written and the exit code is its gate's, not 130", async () => {
    const name = "in-flight";
    project.write(`${name}/hold`, "");
    const { child, dir, started } = start(name, (signals) => inFlightSuite(signals, true));
    try {
      const cli = follow(child);
      await cli.waitForFile(started);
      await cli.waitFor(() => hasLine(dir, QUICK), `${QUICK} in results.jsonl`);
      child.kill("SIGINT");
      // Never released: the held cell ends only because Ctrl-C stops it.
      const code = await cli.exit();
      const { report, lines } = readReports(dir);
      // The cell stopped in flight is kept as vitest reports it, skipped: its run was stored, its
      // assertion cut short. The gate then finds no scored run in its group.
      expect(lines.map((line) => [line.meta.cell.key, line.state, line.failures]).sort()).toEqual([
        [HELD, "skipped", []],
        [QUICK, "passed", []],
      ]);
      expect(report.cells.map((cell) => cell.key).sort()).toEqual([HELD, QUICK]);
      // The exit code is the gate's on this partial round, not 130.
      expect(code, cli.output).toBe(1);
      expect(cli.output).toContain("Gate FAILED");
      expect(cli.output).toContain('suite "held": the mandatory gate has no scored runs on jamba-mini/low');
      expect(cli.output).toContain(
        "Stopped: reports/ holds the reports of the last finished round; exit 1, its gate's code",
      );
    } finally {
      await killGroup(child);
    }
  }, 150_000);

  test("Ctrl-C in the first round lets a cell vitest no longer tracks run to its end, and the round waits for it", async () => {
    const name = "untracked";
    project.write(`${name}/hold`, "");
    const { child, dir, started, release } = start(name, (signals) => inFlightSuite(signals, false));
    try {
      const cli = follow(child);
      await cli.waitForFile(started);
      await cli.waitFor(() => hasLine(dir, QUICK), `${QUICK} in results.jsonl`);
      child.kill("SIGINT");
      await cli.waitForText("Stopping: the round in progress is cancelled");
      // The round is still in progress (the held cell holds it) when it is released.
      expect(cli.output).not.toContain("Stopped");
      writeFileSync(release, "");
      const code = await cli.exit();
      expect(code, cli.output).toBe(0);
      const { report, lines } = readReports(dir);
      expect(lines.map((line) => [line.meta.cell.key, line.state, line.failures]).sort()).toEqual([
        [HELD, "passed", []],
        [QUICK, "passed", []],
      ]);
      expect(report.cells.map((cell) => cell.key).sort()).toEqual([HELD, QUICK]);
      expect(cli.output).toContain("Gate PASSED");
      expect(cli.output).toContain(
        "Stopped: reports/ holds the reports of the last finished round; exit 0, its gate's code",
      );
    } finally {
      await killGroup(child);
    }
  }, 150_000);

  test("Ctrl-C in a rerun drops it: report.json and results.jsonl stay those of the last finished round, and the exit code is its gate's", async () => {
    const name = "rerun";
    const { child, dir, hold, started } = start(name, (signals) => inFlightSuite(signals, true));
    try {
      const cli = follow(child);
      // The first round: nothing held.
      await cli.waitForText("a change reruns the suites it affects", 90_000);
      expect(cli.output).toContain("Gate PASSED");
      const first = readReports(dir);
      expect(first.lines).toHaveLength(2);
      // The rerun: the held cell waits, the quick cell has a new request, so a new line.
      writeFileSync(hold, "");
      project.write(
        `${name}/suites/blocked.eval.ts`,
        inFlightSuite({ hold, started, release: join(dir, "release") }, true, 2),
      );
      await cli.waitForFile(started);
      await cli.waitFor(
        () => existsSync(join(dir, "reports", "results.jsonl")) && readReports(dir).lines.length === 3,
        "the rerun's quick line in results.jsonl",
      );
      child.kill("SIGINT");
      // Never released: the held cell ends only because Ctrl-C stops it.
      const code = await cli.exit();
      expect(code, cli.output).toBe(0);
      expect(cli.output).toContain("Interrupted: the rerun is dropped");
      expect(cli.output).toContain(
        "Stopped: reports/ holds the reports of the last finished round; exit 0, its gate's code",
      );
      const last = readReports(dir);
      expect(last.report).toEqual(first.report);
      expect(last.lines).toEqual(first.lines);
    } finally {
      await killGroup(child);
    }
  }, 150_000);
});
