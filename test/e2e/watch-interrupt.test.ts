// maestro-eval run --watch stopped by Ctrl-C before its first round finished: exit 130 (README, Watch
// mode). Made deterministic without timing: the suite's beforeAll writes a marker file and then waits for
// a release file, so the round is known to be in progress (the marker) and cannot end before the test
// lets it (no release yet). A hook, not a test: vitest 4 aborts a test in flight on the first Ctrl-C (its
// context signal), which would end the round at once or not depending on when the signal lands, but it
// lets a hook run to its end. The Maestro cells after it never run. The child's whole process group is
// killed in every case.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { CLI, cliEnv, createTempProject, killGroup } from "../reliability/temp-project.js";

const project = createTempProject("watch-interrupt");
afterAll(() => project.remove());

/**
 * A suite whose beforeAll writes `started` and then waits (at most 90 s, so that nothing lingers) for
 * `release`; its Maestro cells come after it and would make a round with a report if they ran.
 */
function blockingSuite(started: string, release: string): string {
  return `import { existsSync, writeFileSync } from "node:fs";
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

function start(name: string): { child: ChildProcess; started: string; release: string } {
  const dir = join(project.dir, name);
  const started = join(dir, "started");
  const release = join(dir, "release");
  project.write(
    `${name}/maestro-eval.config.ts`,
    `import { defineConfig } from "maestro-eval";
export default defineConfig({ suites: ["suites/*.eval.ts"], local: { timeScale: 0, seed: 3 } });
`,
  );
  project.write(`${name}/suites/blocked.eval.ts`, blockingSuite(started, release));
  const child = spawn(process.execPath, [CLI, "run", "--watch", "--progress", "off"], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: cliEnv(),
  });
  return { child, started, release };
}

describe("maestro-eval run --watch interrupted before any round finished", () => {
  test("Ctrl-C during the first round waits for the hook in flight, runs no cell, writes no report and exits 130", async () => {
    const { child, started, release } = start("once");
    try {
      const cli = follow(child);
      await cli.waitForFile(started);
      child.kill("SIGINT");
      await cli.waitForText("Stopping: a round in progress ends with the cells in flight");
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
    const { child, started } = start("twice");
    try {
      const cli = follow(child);
      await cli.waitForFile(started);
      child.kill("SIGINT");
      await cli.waitForText("Stopping: a round in progress ends with the cells in flight");
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
