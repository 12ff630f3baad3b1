// Support answers grounded in tools: file_search over the policy documents in docs/ (uploaded to the
// library before the suite runs) and an http tool on an order-status service the suite serves itself.
// On the local server the simulated models call the tool when a question names an order's status
// and quote what it answers; the matchers check the calls and the documents cited.
//
// On AI21 (AI21_API_KEY set) the documents go to your real library (once: files already there by name
// are kept), and the tool must be reachable from AI21's servers, which 127.0.0.1 is not: point
// `endpoint.url` at a public deployment of the service. `toCiteSource({ label })` needs the local
// server's file labels; on AI21 match by `{ fileId }`. The service listens on a fixed port
// (ORDER_SERVICE_PORT, default 47613), so that identical runs send identical requests.

import { readdirSync, readFileSync } from "node:fs";
import { createMaestroClient } from "maestro-eval";
import { describeMaestro } from "maestro-eval/vitest";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { ORDER_SERVICE_TOKEN, startOrderService } from "./orders.js";

const LABELS: Readonly<Record<string, string>> = {
  "returns-policy.md": "returns-policy",
  "shipping.md": "shipping",
  "careers.md": "hr",
};

// The tool's URL is part of every cell's request, so the service listens before the suite is declared.
const orders = await startOrderService();
afterAll(() => orders.close());

beforeAll(async () => {
  const harness = inject("maestroEval");
  if (harness.backend === "replay") return;
  const client = createMaestroClient({ baseUrl: harness.baseUrl });
  const present = new Set((await client.library.files.list()).map((file) => file.name));
  const docs = new URL("./docs/", import.meta.url);
  for (const name of readdirSync(docs).sort()) {
    if (present.has(name)) continue;
    const label = LABELS[name] ?? "misc";
    await client.library.files.upload(
      { name, content: readFileSync(new URL(name, docs)) },
      { labels: [label] },
    );
  }
});

describeMaestro(
  "support with tools",
  {
    cases: [
      {
        name: "late parcel",
        input:
          "What is the status of my order? The parcel has not arrived, and I may return it if it is damaged.\norder_id: A-1042",
        data: { orderId: "A-1042" },
      },
      {
        name: "refund timing",
        input:
          "I returned a kettle last week. What is the status of my order, and how long do refunds take?\norder_id: B-2231",
        data: { orderId: "B-2231" },
      },
    ],
    requirements: [
      { name: "length", description: "Write at most 5 sentences." },
      { name: "sign-off", description: "End with the phrase 'Happy to help'." },
    ],
    request: {
      include: ["data_sources"],
      tools: [
        { type: "file_search", labels: ["returns-policy", "shipping"], labels_filter_mode: "OR" },
        {
          type: "http",
          function: {
            name: "order_status",
            description: "Shipping status of a customer order",
            parameters: {
              type: "object",
              properties: { order_id: { type: "string", description: "The order id, such as A-1042" } },
              required: ["order_id"],
            },
          },
          endpoint: { url: orders.url, headers: { Authorization: `Bearer ${ORDER_SERVICE_TOKEN}` } },
        },
      ],
    },
    matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "medium", "high"], repeats: 2 },
  },
  ({ run, case: supportCase }) => {
    const { orderId } = supportCase.data as { orderId: string };
    expect(run).toHaveStatus("completed");
    expect(run).toCallTool("order_status", { withParameters: { order_id: orderId } });
    expect(run).toCiteSource({ label: "returns-policy" });
    expect(run).not.toCiteSource({ label: "hr" });
    expect(run).toMeetRequirement("length", null);
    expect(run).toMeetRequirement("sign-off", null);
  },
);
