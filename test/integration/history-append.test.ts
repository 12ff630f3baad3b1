// Two processes appending to one history file at once, as two shards on one machine do when they finish
// together: every line lands whole (one write per line on a file opened with O_APPEND), none inside another.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appendMergeToHistory } from "../../src/cli/commands/history.js";
import { computeTrends, parseHistory } from "../../src/domain/run-history.js";
import { repoRoot } from "../helpers/run-fixture-suites.js";
import { fixtureReport } from "../unit/reporter/fixtures.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "maestro-eval-history-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A writer: appends `count` lines of about 9 KB (more than a pipe's atomic 4 KB), each a whole entry.
const writer = `
import { existsSync, writeFileSync } from "node:fs";
import { appendHistory } from ${JSON.stringify(join(repoRoot, "src/reporter/history-file.ts"))};
const [file, name, count] = process.argv.slice(2);
const requirements = Array.from({ length: 60 }, (_, index) => ({ name: name + "-requirement-" + index + "-" + "x".repeat(80), mandatory: false, mean: 0.5, pass: 0.5 }));
// Both writers start at the same moment, whatever their start-up took: each says it is ready, then waits
// for the other.
writeFileSync(file + ".ready-" + name, "");
while (!(existsSync(file + ".ready-a") && existsSync(file + ".ready-b"))) await new Promise((resolve) => setTimeout(resolve, 2));
for (let index = 0; index < Number(count); index += 1) {
  appendHistory(file, [{
    v: 1, run: name + "-" + index, at: new Date(Date.UTC(2026, 11, 1, 0, 0, index)).toISOString(), commit: null, branch: null,
    dirty: false, backends: ["local"], simulated: true, shard: "1/2", source: "run", suite: name,
    groups: [{ group: "jamba-mini/low", cells: 1, overall: 0.5, mandatory: 1, costUsd: null, latencyP50Ms: 10, requirements }],
  }]);
}
`;

function runWriter(script: string, file: string, name: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx/esm", script, file, name, String(count)], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

describe("appendHistory", () => {
  test("two processes appending at once leave every line whole and readable", async () => {
    const script = join(dir, "writer.mts");
    writeFileSync(script, writer);
    const file = join(dir, "history.jsonl");
    const count = 1000;
    const codes = await Promise.all([
      runWriter(script, file, "a", count),
      runWriter(script, file, "b", count),
    ]);
    expect(codes).toEqual([0, 0]);
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(2 * count);
    expect(Math.min(...lines.map((line) => line.length))).toBeGreaterThan(4096);
    const parsed = parseHistory(text);
    expect(parsed.unreadable).toEqual([]);
    const runs = parsed.entries.map((entry) => entry.run);
    // The writers did overlap: their lines alternate somewhere in the file.
    const switches = runs.filter((run, index) => index > 0 && run[0] !== runs[index - 1]![0]).length;
    expect(switches, "the two writers never wrote at the same time").toBeGreaterThan(1);
    for (const name of ["a", "b"]) {
      // Each writer's lines are all there, in its own order.
      expect(runs.filter((run) => run.startsWith(`${name}-`))).toEqual(
        Array.from({ length: count }, (_, index) => `${name}-${index}`),
      );
    }
  }, 120_000);

  test("a merged report is recorded as one whole run in the project's reports directory, outside git without a commit", async () => {
    const project = mkdtempSync(join(dir, "project-"));
    const merged = fixtureReport();
    await appendMergeToHistory(project, merged, undefined);
    const { entries, unreadable } = parseHistory(
      readFileSync(join(project, "reports/history.jsonl"), "utf8"),
    );
    expect(unreadable).toEqual([]);
    expect(entries.map((entry) => entry.suite)).toEqual(merged.suites.map((suite) => suite.name));
    for (const entry of entries)
      expect(entry).toMatchObject({
        source: "merge",
        shard: null,
        commit: null,
        branch: null,
        at: merged.run.finishedAt,
      });
    expect(computeTrends(entries).runs).toHaveLength(1);
  });
});
