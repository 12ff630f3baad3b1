import { describe, expect, test } from "vitest";
import { formatPreferWait, isWaitApplied, readPreferWait } from "../../../src/domain/index.js";

describe("readPreferWait: the seconds a Prefer header asks the server to hold its answer", () => {
  test.each([
    [undefined, undefined],
    ["wait=10", 10],
    ["respond-async, wait=10", 10],
    ["WAIT=3", 3],
    ["wait = 4", 4],
    ['wait="5"', 5],
    ["handling=lenient; foo=bar, wait=7", 7],
    ["wait=2; extra=1", 2],
    [["return=minimal", "wait=6"], 6],
    ["wait=0", undefined],
    ["wait=-1", undefined],
    ["wait=1.5", undefined],
    ["wait=soon", undefined],
    ["wait", undefined],
    ["await=3", undefined],
    ["respond-async", undefined],
    ["wait=12345678901", undefined],
  ] as const)("%j -> %j", (header, seconds) => {
    expect(readPreferWait(header as string | string[] | undefined)).toBe(seconds);
  });

  test("what the client sends is what the server reads", () => {
    for (const seconds of [1, 20, 60]) expect(readPreferWait(formatPreferWait(seconds))).toBe(seconds);
  });
});

describe("isWaitApplied: whether an answer says it was held", () => {
  test.each([
    [null, false],
    [undefined, false],
    ["", false],
    ["wait=5", true],
    ["return=minimal, wait=20", true],
    ["Wait=1", true],
    ["return=minimal", false],
    ["waited=5", false],
  ] as const)("%j -> %j", (header, applied) => {
    expect(isWaitApplied(header)).toBe(applied);
  });
});
