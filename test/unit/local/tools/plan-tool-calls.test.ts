import { describe, expect, test } from "vitest";
import { fillParameters, planToolCalls, type ToolCandidate } from "../../../../src/local/tools/index.js";

const orderStatus: ToolCandidate = {
  name: "get_order_status",
  description: "Returns the shipping status of a customer order",
  parameters: {
    properties: { order_id: { type: "string" }, verbose: { type: "boolean" } },
    required: ["order_id"],
  },
};
const weather: ToolCandidate = { name: "weather", description: "Forecasts" };
const refunds: ToolCandidate = { name: "refundPolicy", description: "Refund policy" };

describe("planToolCalls", () => {
  test.each<[string, string, string[]]>([
    ["the name as written", "Call get_order_status for order_id: A-1", ["get_order_status"]],
    ["the name with spaces", "please get order status now", ["get_order_status"]],
    ["a camelCase name", "What does the refund policy say?", ["refundPolicy"]],
    ["two description words", "Where is my order? The shipping seems late.", ["get_order_status"]],
    ["one description word is not enough", "I placed an order yesterday.", []],
    ["generic tool words do not count", "Return the status, please.", []],
    ["a single-word description needs its word", "What's the forecast?", ["weather"]],
    ["plurals fold", "Refunds and policies", ["refundPolicy"]],
    ["no mention, no call", "Write a haiku about spring.", []],
    ["several tools, in candidate order", "forecast and order shipping", ["get_order_status", "weather"]],
  ])("%s", (_, input, names) => {
    expect(planToolCalls(input, [orderStatus, weather, refunds]).map((call) => call.name)).toEqual(names);
  });

  test("a duplicate name is called once; turns of a conversation all count", () => {
    expect(planToolCalls("weather forecast", [weather, weather])).toHaveLength(1);
    expect(
      planToolCalls(
        [
          { role: "user", content: "My order is late." },
          { role: "assistant", content: "Sorry! Which one?" },
          { role: "user", content: "The shipping one, order_id: B-7." },
        ],
        [orderStatus],
      ),
    ).toEqual([{ name: "get_order_status", parameters: { order_id: "B-7" } }]);
  });
});

describe("fillParameters", () => {
  test.each<[string, string, Record<string, unknown>]>([
    ["name: value", "order_id: A-1042", { order_id: "A-1042" }],
    ["name = value", "order_id = A-1042 please", { order_id: "A-1042 please" }],
    ["name is value", "The order id is A-1042.", { order_id: "A-1042" }],
    ["spaced and hyphenated names", "order-id: Z9", { order_id: "Z9" }],
    ["inside prose, one word", "My order_id: A-1042 has not arrived.", { order_id: "A-1042" }],
    [
      "on a bullet line, to the sentence end",
      "Details:\n- order id: New York 7. Thanks",
      { order_id: "New York 7" },
    ],
    ["a quoted value keeps its commas", 'order_id: "A, B"', { order_id: "A, B" }],
    ["the value ends at a comma", "order_id: A-1, city: Oslo", { order_id: "A-1" }],
    ["a decimal point is not a sentence end", "amount: 3.5. Thanks", { amount: 3.5 }],
    ["numbers drop thousands separators", "amount: 1,200", { amount: 1 }],
    ["integers truncate", "count: 7.9", { count: 7 }],
    ["booleans", "verbose: yes", { verbose: true }],
    ["an array gets one item", "tags: urgent", { tags: ["urgent"] }],
    ["an object from JSON", 'filter: {"a":1}', { filter: { a: 1 } }],
  ])("%s", (_, text, expected) => {
    const schema = {
      properties: {
        order_id: { type: "string" },
        amount: { type: "number" },
        count: { type: "integer" },
        verbose: { type: "boolean" },
        tags: { type: "array" },
        filter: { type: "object" },
      },
    };
    expect(fillParameters(text, schema)).toEqual(expected);
  });

  test("required properties the input does not give take defaults; optional ones are left out", () => {
    expect(
      fillParameters("What is the weather like?", {
        properties: {
          query: { type: "string" },
          city: { type: "string" },
          days: { type: "integer", minimum: 1 },
          units: { type: "string", enum: ["metric", "imperial"] },
          lang: { type: "string", default: "en" },
          alerts: { type: "boolean" },
          tags: { type: ["array", "null"] },
          extra: { type: "object" },
          optional: { type: "string" },
        },
        required: ["query", "city", "days", "units", "lang", "alerts", "tags", "extra"],
      }),
    ).toEqual({
      query: "What is the weather like?",
      city: "",
      days: 1,
      units: "metric",
      lang: "en",
      alerts: false,
      tags: [],
      extra: {},
    });
  });

  test("a value that does not read as the type falls back to the default", () => {
    expect(
      fillParameters("days: soon", { properties: { days: { type: "integer" } }, required: ["days"] }),
    ).toEqual({ days: 0 });
  });

  test("scans stay linear on long lines", () => {
    const text = `order_id:${" ".repeat(200_000)}x`;
    const started = performance.now();
    fillParameters(text, { properties: { order_id: { type: "string" } } });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
