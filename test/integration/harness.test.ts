import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readCellMeta } from "../../src/domain/index.js";
import { repoRoot, runFixtureSuites } from "../helpers/run-fixture-suites.js";

const fixtureRoot = join(repoRoot, "test/fixtures/harness");

describe("describeMaestro on real vitest", () => {
  test("registers one test per cell with a stable key, runs each once and hands the reporter its meta", async () => {
    const run = await runFixtureSuites("harness", ["suites/statuses.eval.ts"]);
    expect(run.moduleErrors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const cells = run.results.filter((result) => readCellMeta(result.meta) !== undefined);
    expect(cells).toHaveLength(16);
    expect(cells.every((cell) => cell.state === "passed")).toBe(true);
    const metas = cells.map((cell) => readCellMeta(cell.meta)!);
    expect(new Set(metas.map((meta) => meta.cell.key)).size).toBe(16);
    expect(metas.map((meta) => meta.cell.key)).toContain("statuses/greeting/jamba-mini/high/#1");
    const first = metas[0]!;
    expect(first.backend).toBe("local");
    expect(first.run.status).toBe("completed");
    expect(first.run.requirements_result?.requirements[0]?.name).toBe("short");
    expect(first.costUsd).toBeGreaterThan(0);
    expect(first.assertions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          matcher: "toMeetRequirement",
          requirement: "short",
          threshold: null,
          pass: true,
        }),
      ]),
    );
    const names = run.results.map((result) => result.name);
    expect(names).toContain("statuses > greeting > jamba-large/low/#0");
    expect(names.filter((name) => name.endsWith("across cells"))).toHaveLength(2);
  }, 120_000);

  test("an unknown requirement fails the cell with a message that lists the known ones", async () => {
    const run = await runFixtureSuites("harness", ["suites/unknown-requirement.eval.ts"]);
    expect(run.exitCode).toBe(1);
    const [cell] = run.results;
    expect(cell?.state).toBe("failed");
    expect(cell?.errors.join("\n")).toMatch(/"tone"/);
    expect(cell?.errors.join("\n")).toMatch(/short/);
    expect(readCellMeta(cell?.meta)?.assertions).toContainEqual(
      expect.objectContaining({ matcher: "toMeetRequirement", pass: false }),
    );
  }, 120_000);

  test("a case that breaks a constraint fails at collection, naming the suite, case and field, and sends nothing", async () => {
    const run = await runFixtureSuites("harness", ["suites/invalid-case.eval.ts"]);
    expect(run.exitCode).toBe(1);
    expect(run.results).toEqual([]);
    expect(run.moduleErrors.join("\n")).toContain(
      'describeMaestro: suite "invalid case" case "too many words" is invalid: requirements[0].description has 131 words; at most 128 are allowed',
    );
  }, 120_000);

  test("chat suites score completions with the verifiers and share the matchers", async () => {
    const run = await runFixtureSuites("harness", ["suites/chat.eval.ts"]);
    expect(run.exitCode).toBe(0);
    const metas = run.results.map((result) => readCellMeta(result.meta)).filter((meta) => meta !== undefined);
    expect(metas).toHaveLength(2);
    expect(metas[0]!.kind).toBe("chat");
    expect(metas[0]!.run.requirements_result?.finish_reason).toBe("Scored by maestro-eval's verifiers");
    expect(run.results.map((result) => result.name)).toContain("chat > hello > jamba-mini/#1");
  }, 120_000);

  // Secrets in cassettes: test/unit/harness/cassettes.test.ts and test/reliability/secrets.test.ts.
  test("cassettes record each cell's final run, and replay it offline", async () => {
    const cassette = join(fixtureRoot, "suites/__cassettes__/chat.cassette.json");
    rmSync(cassette, { force: true });
    try {
      const recorded = await runFixtureSuites("harness", ["suites/chat.eval.ts"], {
        MAESTRO_EVAL_CASSETTES: "record",
      });
      expect(recorded.exitCode).toBe(0);
      expect(existsSync(cassette)).toBe(true);
      const file = JSON.parse(readFileSync(cassette, "utf8"));
      expect(file.version).toBe(1);
      expect(file.entries).toHaveLength(2);
      // Each recording says who scored it; a cassette recorded before it did reads the same on replay.
      for (const entry of file.entries) expect(entry.scoreSources).toEqual({ short: "verifier" });
      const older = {
        ...file,
        entries: file.entries.map(({ scoreSources: _, ...entry }: Record<string, unknown>) => entry),
      };
      writeFileSync(cassette, JSON.stringify(older));
      const replayed = await runFixtureSuites("harness", ["suites/chat.eval.ts"], {
        MAESTRO_EVAL_CASSETTES: "replay",
      });
      expect(replayed.exitCode).toBe(0);
      const metas = replayed.results
        .map((result) => readCellMeta(result.meta))
        .filter((meta) => meta !== undefined);
      expect(metas.map((meta) => meta.backend)).toEqual(["replay", "replay"]);
      expect(metas.map((meta) => meta.scoreSources)).toEqual([{ short: "verifier" }, { short: "verifier" }]);
      const outputs = metas.map((meta) => String(meta.run.result)).sort();
      expect(outputs).toEqual(
        file.entries.map((entry: { run: { result: unknown } }) => String(entry.run.result)).sort(),
      );
    } finally {
      rmSync(cassette, { force: true });
    }
  }, 120_000);

  test("a replay miss fails loudly with the request hash", async () => {
    const run = await runFixtureSuites("harness", ["suites/unknown-requirement.eval.ts"], {
      MAESTRO_EVAL_CASSETTES: "replay",
    });
    expect(run.exitCode).toBe(1);
    const [cell] = run.results;
    expect(cell?.errors.join("\n")).toMatch(
      /no recording for unknown requirement\/only\/jamba-mini\/low\/#0 \(request [0-9a-f]{16}\) in .*unknown-requirement\.cassette\.json; the cassette is empty/,
    );
    expect(readCellMeta(cell?.meta)?.error).toMatchObject({
      category: "usage",
      name: "MaestroCassetteMissError",
    });
  }, 120_000);
});
