// Large creates are prepared on a thread of their own (issue 19, item 5): what comes back must be what
// the thread that answers HTTP would have made of the same bytes, or a run's output would depend on its
// size. The real worker thread runs here, from the TypeScript sources through tsx.
import { afterAll, describe, expect, test } from "vitest";
import { countTokens, inputText } from "../../../src/local/count-tokens.js";
import { prepareRun } from "../../../src/local/prepare-run.js";
import { createRunPreparer } from "../../../src/local/run-preparer.js";

// Every body below goes to the thread.
const threaded = createRunPreparer({ serverSeed: 7, largeBodyBytes: 0 });
afterAll(() => threaded.close());

const bodies: [string, unknown][] = [
  [
    "a string input with requirements and nulls",
    {
      input: "Vendor: Acme Corp. Invoice INV-1001. Total: 120 USD.\n".repeat(2_000),
      requirements: [{ name: "short", description: "Write at most 3 sentences.", is_mandatory: null }],
      budget: "high",
      system_prompt: "You extract invoice fields.",
      include: ["requirements_result"],
    },
  ],
  [
    "a conversation, keys in another order",
    { budget: "low", input: [{ content: "Summarise: the kettle leaks.", role: "user" }] },
  ],
];

describe("createRunPreparer", () => {
  test.each(bodies)("%s: the thread prepares it as the server thread does", async (_, value) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const inPlace = prepareRun(Buffer.from(bytes), 7, "2");
    const onThread = await threaded.prepare(Buffer.from(bytes), "2");
    expect(inPlace.kind).toBe("ok");
    if (inPlace.kind !== "ok" || onThread.kind !== "ok") throw new Error("not prepared");
    expect(onThread.request).toEqual(inPlace.request);
    expect(onThread.seed).toBe(inPlace.seed);
    // Counted on the thread: the input's and the system prompt's tokens, as the generator would count them.
    expect(onThread.inputTokens).toBe(
      countTokens(inputText(inPlace.request.input)) + countTokens(inPlace.request.system_prompt ?? ""),
    );
  });

  test("the seed covers the server's seed and the repeat, not the key order", () => {
    const seedOf = (value: unknown, serverSeed: number, repeat: string) => {
      const prepared = prepareRun(Buffer.from(JSON.stringify(value)), serverSeed, repeat);
      return prepared.kind === "ok" ? prepared.seed : prepared.detail;
    };
    const value = { input: "Hello", budget: "low" };
    expect(seedOf(value, 1, "0")).toBe(seedOf({ budget: "low", input: "Hello" }, 1, "0"));
    expect(seedOf(value, 1, "0")).not.toBe(seedOf(value, 2, "0"));
    expect(seedOf(value, 1, "0")).not.toBe(seedOf(value, 1, "1"));
  });

  test.each([
    ["", [{ loc: ["body"], msg: "field required", type: "value_error.missing" }]],
    ["{not json", [expect.objectContaining({ loc: ["body", 0], type: "value_error.jsondecode" })]],
    [JSON.stringify({ input: "" }), [expect.objectContaining({ loc: ["body", "input"] })]],
  ])("a bad body %j gets the same 422 detail on the thread", async (text, detail) => {
    const inPlace = prepareRun(Buffer.from(text), 7, "0");
    const onThread = await threaded.prepare(Buffer.from(text), "0");
    expect(inPlace).toEqual({ kind: "invalid", detail });
    expect(onThread).toEqual(inPlace);
  });

  test("a request nested too deep to copy between threads is prepared in place, as it would have been", async () => {
    const depth = 20_000;
    const text = `{"input":"Summarise the memo.","extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const inPlace = prepareRun(Buffer.from(text), 7, "0");
    expect(inPlace.kind).toBe("ok");
    const onThread = await threaded.prepare(Buffer.from(text), "0");
    expect(onThread.kind === "ok" && inPlace.kind === "ok" && onThread.seed === inPlace.seed).toBe(true);
  });

  test("many bodies in flight at once each get their own answer", async () => {
    const inputs = Array.from({ length: 20 }, (_, index) => `Case ${index}: ${"word ".repeat(index * 50)}`);
    const prepared = await Promise.all(
      inputs.map((input) => threaded.prepare(Buffer.from(JSON.stringify({ input })), "0")),
    );
    expect(prepared.map((item) => (item.kind === "ok" ? item.request.input : item.kind))).toEqual(inputs);
  });

  test("close fails what is in flight and a closed preparer starts afresh", async () => {
    const preparer = createRunPreparer({ serverSeed: 0, largeBodyBytes: 0 });
    const inFlight = preparer.prepare(Buffer.from(JSON.stringify({ input: "x" })), "0");
    const failed = expect(inFlight).rejects.toThrow("the local server closed");
    await preparer.close();
    await failed;
    const again = await preparer.prepare(Buffer.from(JSON.stringify({ input: "y" })), "0");
    expect(again.kind).toBe("ok");
    await preparer.close();
  });
});
