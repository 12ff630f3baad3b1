import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { createProgress } from "../../../src/reporter/index.js";

function capture() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return { out, lines: () => text.trimEnd().split("\n") };
}

describe("createProgress", () => {
  test("shows the total as a floor until every file is collected, and no ETA before", () => {
    let now = 0;
    const { out, lines } = capture();
    const progress = createProgress(out, { live: false, now: () => now });
    progress.expectFiles(2);
    progress.addTotal(24);
    for (let index = 0; index < 6; index++) {
      now += 2_000;
      progress.tick(false, false);
    }
    expect(lines().at(-1)).toBe("cells 6/24+  failed 0  errors 0  elapsed 12.0s");
    progress.addTotal(54);
    now += 2_000;
    progress.tick(true, false);
    // Every file collected: the total is exact, and an ETA can be given.
    expect(lines().at(-1)).toMatch(/^cells 7\/78 {2}failed 1 {2}errors 0 {2}elapsed 14\.0s ETA \d+m\d\ds$/);
  });
});
