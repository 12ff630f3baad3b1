import { describe, expect, test } from "vitest";
import { detectRequestKind } from "../../../src/constraints/index.js";

describe("detectRequestKind", () => {
  test.each([
    [{ input: "x" }, "run"],
    [{ messages: [] }, "chat"],
    [{ requirements: [], budget: "low" }, "run"],
    [{ model: "jamba-mini", temperature: 0 }, "chat"],
    [{ input: "x", messages: [], budget: "low" }, "run"],
    [{ input: "x", messages: [], model: "m", n: 2 }, "chat"],
    [{}, undefined],
    [{ stream: false }, undefined],
    [[], undefined],
    ["input", undefined],
    [null, undefined],
  ])("detects %j as %s", (body, kind) => {
    expect(detectRequestKind(body)).toBe(kind);
  });
});
