// The poll history a run keeps in the project's cache: what one run's polling learned, the next starts from.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createDurationEstimator } from "../../../src/client/index.js";
import {
  openDurationEstimator,
  pollHistoryPlace,
  savePollHistory,
} from "../../../src/harness/poll-history.js";

const roots: string[] = [];
function project(withModules = true): string {
  const root = mkdtempSync(join(tmpdir(), "maestro-eval-poll-history-"));
  roots.push(root);
  if (withModules) mkdirSync(join(root, "node_modules"));
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Three runs of about 50 ms, as a learned estimator records them. */
function learnedFifty() {
  const estimator = createDurationEstimator();
  for (const [after, by] of [
    [40, 55],
    [45, 52],
    [47, 54],
  ] as const)
    estimator.record("jamba-mini/low", after, by);
  return estimator;
}

describe("poll history", () => {
  test("kept in node_modules/.cache/maestro-eval; nowhere without node_modules or with MAESTRO_EVAL_POLL_HISTORY=off", () => {
    const root = project();
    expect(pollHistoryPlace(root, "local x", {})).toEqual({
      file: join(root, "node_modules", ".cache", "maestro-eval", "poll-history.json"),
      scope: "local x",
    });
    expect(pollHistoryPlace(root, "local x", { MAESTRO_EVAL_POLL_HISTORY: "off" })).toBeUndefined();
    expect(pollHistoryPlace(project(false), "local x", {})).toBeUndefined();
  });

  test("what one run learned, the next run's estimator plans with from its first run; other scopes start afresh", () => {
    const root = project();
    const place = pollHistoryPlace(root, "local a", {})!;
    expect(openDurationEstimator(place).plan("jamba-mini/low")).toBeUndefined();
    const learned = learnedFifty();
    savePollHistory(place, learned);
    const next = openDurationEstimator(place);
    expect(next.plan("jamba-mini/low")).toEqual(learned.plan("jamba-mini/low"));
    expect(next.plan("jamba-mini/low")!.firstLookMs).toBeLessThan(60);
    expect(
      openDurationEstimator({ ...place, scope: "ai21 https://api.ai21.com" }).plan("jamba-mini/low"),
    ).toBeUndefined();
  });

  test("saving keeps the other scopes and the other keys of its own, and writes nothing when nothing was learned", () => {
    const root = project();
    const a = pollHistoryPlace(root, "local a", {})!;
    const b = { ...a, scope: "local b" };
    savePollHistory(a, learnedFifty());
    const other = createDurationEstimator();
    other.record("jamba-large/high", 900, 1_000);
    savePollHistory(b, other);
    const onlyHigh = openDurationEstimator(a);
    onlyHigh.record("jamba-mini/high", 100, 120);
    savePollHistory(a, onlyHigh);
    const file = JSON.parse(readFileSync(a.file, "utf8"));
    expect(file.scopes.map((entry: { scope: string }) => entry.scope)).toEqual(["local a", "local b"]);
    expect(Object.keys(file.scopes[0].runs).sort()).toEqual(["jamba-mini/high", "jamba-mini/low"]);
    rmSync(a.file);
    savePollHistory(a, createDurationEstimator());
    expect(() => readFileSync(a.file)).toThrow(/ENOENT/);
  });

  test.each([
    ["not JSON", "{"],
    ["another version", JSON.stringify({ version: 2, scopes: [] })],
    ["scopes not a list", JSON.stringify({ version: 1, scopes: {} })],
    [
      "runs of the wrong shape",
      JSON.stringify({ version: 1, scopes: [{ scope: "local a", runs: { "m/low": [[1]] } }, 5] }),
    ],
  ])("an unreadable file (%s) is a cache miss, then replaced whole", (_name, text) => {
    const place = pollHistoryPlace(project(), "local a", {})!;
    mkdirSync(join(place.file, ".."), { recursive: true });
    writeFileSync(place.file, text);
    const estimator = openDurationEstimator(place);
    expect(estimator.plan("m/low")).toBeUndefined();
    savePollHistory(place, learnedFifty());
    expect(openDurationEstimator(place).plan("jamba-mini/low")).toBeDefined();
  });

  test("a cache that cannot be written is left as it is, and no temporary file stays", () => {
    const root = project();
    const place = pollHistoryPlace(root, "local a", {})!;
    // A directory where the file should be: the rename fails.
    mkdirSync(place.file, { recursive: true });
    expect(() => savePollHistory(place, learnedFifty())).not.toThrow();
    expect(readdirSync(join(place.file, ".."))).toEqual(["poll-history.json"]);
  });
});
