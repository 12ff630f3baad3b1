import { describe, expectTypeOf, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import type { Budget, ChatCompletionChunk, MaestroRun, RunStatus } from "../../src/domain/index.js";

const maestro = createMaestroClient({ baseUrl: "http://127.0.0.1:1" });

describe("client types", () => {
  test("runs resolve to the spec's MaestroRun", () => {
    expectTypeOf(maestro.runs.createAndPoll({ input: "hi" })).resolves.toEqualTypeOf<MaestroRun>();
    expectTypeOf<MaestroRun["status"]>().toEqualTypeOf<RunStatus>();
    expectTypeOf<RunStatus>().toEqualTypeOf<"in_progress" | "completed" | "failed" | "requires_action">();
  });

  test("the requirements result narrows to numbers and names", () => {
    type Result = NonNullable<MaestroRun["requirements_result"]>;
    expectTypeOf<Result["score"]>().toEqualTypeOf<number>();
    expectTypeOf<Result["requirements"][number]["name"]>().toEqualTypeOf<string>();
  });

  test("budget accepts only low, medium and high", () => {
    expectTypeOf<Budget>().toEqualTypeOf<"low" | "medium" | "high">();
    // @ts-expect-error "huge" is not a budget
    maestro.runs.create({ input: "hi", budget: "huge" });
  });

  test("requirements need a name and a description", () => {
    // @ts-expect-error description is required
    maestro.runs.create({ input: "hi", requirements: [{ name: "x" }] });
  });

  test("tools are a union told apart by type", () => {
    maestro.runs.create({ input: "hi", tools: [{ type: "web_search", urls: ["example.com"] }] });
    // @ts-expect-error an http tool needs function and endpoint
    maestro.runs.create({ input: "hi", tools: [{ type: "http" }] });
  });

  test("stream yields chunks and does not take stream", () => {
    expectTypeOf(maestro.chat.completions.stream({ model: "jamba-mini", messages: [] })).toEqualTypeOf<
      AsyncIterable<ChatCompletionChunk>
    >();
    // @ts-expect-error stream is set by the method
    maestro.chat.completions.stream({ model: "jamba-mini", messages: [], stream: true });
  });
});
