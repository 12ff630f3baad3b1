import { describe, expect, test } from "vitest";
import { stableStringify } from "../../../src/domain/index.js";
import { seedText } from "../../../src/local/seed-text.js";

const deep = (depth: number) => `{"input":"hi","extra":${"[".repeat(depth)}1${"]".repeat(depth)}}`;

describe("seedText", () => {
  test("is the request with sorted keys, whatever order the body wrote them in", () => {
    const request = { input: "hi", budget: "low" };
    expect(seedText(request, '{"input":"hi","budget":"low"}')).toBe(stableStringify(request));
    expect(seedText({ budget: "low", input: "hi" }, "other bytes")).toBe(seedText(request, "bytes"));
  });

  test("is the body as sent for a request nested too deep to serialise", () => {
    const body = deep(100_000);
    expect(() => stableStringify(JSON.parse(body))).toThrow(RangeError);
    expect(seedText(JSON.parse(body), body)).toBe(body);
  });

  test("lets other errors through", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => seedText(cyclic, "{}")).toThrow(new TypeError("stableStringify: value contains a cycle"));
  });
});
