import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readCellMeta } from "../../src/domain/index.js";
import { repoRoot, runFixtureSuites } from "../helpers/run-fixture-suites.js";

const cassette = join(repoRoot, "test/fixtures/harness/suites/__cassettes__/two-suites.cassette.json");

describe("cassettes on real vitest", () => {
  test("two describeMaestro suites in one file record into one cassette that holds both, and replay from it", async () => {
    rmSync(cassette, { force: true });
    try {
      const recorded = await runFixtureSuites("harness", ["suites/two-suites.eval.ts"], {
        MAESTRO_EVAL_CASSETTES: "record",
      });
      expect(recorded.exitCode).toBe(0);
      expect(existsSync(cassette)).toBe(true);
      const file = JSON.parse(readFileSync(cassette, "utf8")) as {
        version: number;
        entries: { cell: string }[];
      };
      expect(file.version).toBe(1);
      expect(file.entries.map((entry) => entry.cell).sort()).toEqual([
        "first suite/hello/jamba-mini/low/#0",
        "first suite/hello/jamba-mini/low/#1",
        "second suite/goodbye/jamba-large/low/#0",
        "second suite/goodbye/jamba-large/low/#1",
      ]);

      const replayed = await runFixtureSuites("harness", ["suites/two-suites.eval.ts"], {
        MAESTRO_EVAL_CASSETTES: "replay",
      });
      expect(replayed.exitCode).toBe(0);
      const metas = replayed.results.flatMap((result) => readCellMeta(result.meta) ?? []);
      expect(metas.map((meta) => `${meta.cell.key} ${meta.backend}`).sort()).toEqual([
        "first suite/hello/jamba-mini/low/#0 replay",
        "first suite/hello/jamba-mini/low/#1 replay",
        "second suite/goodbye/jamba-large/low/#0 replay",
        "second suite/goodbye/jamba-large/low/#1 replay",
      ]);
    } finally {
      rmSync(cassette, { force: true });
    }
  }, 120_000);
});
