// Runs with data_sources, for the tool matchers' tests.
import type { CellRun, DataSources } from "../../../src/domain/index.js";
import { type CellRunFixtureOptions, createCellRun } from "./fixtures.js";

export const FILE_IDS = [
  "aa50de3e-1624-4e9f-a6f4-488a1aa16759",
  "bb61ef4f-2735-4a00-b7a5-599b2bb27860",
] as const;

/** The invoice CellRun with these data sources, and the local server's file labels when given. */
export function createToolRun(
  dataSources: DataSources | undefined,
  options: CellRunFixtureOptions & { fileLabels?: Record<string, string[]> } = {},
): CellRun {
  const cellRun = createCellRun(options);
  if (dataSources !== undefined) cellRun.run.data_sources = dataSources;
  if (options.fileLabels !== undefined) {
    cellRun.run.x_local = {
      generator: "sim",
      simulated: true,
      model: "jamba-mini",
      budget: "low",
      steps: [],
      cost_usd: 0,
      latency_ms: 0,
      file_labels: options.fileLabels,
    };
  }
  return cellRun;
}

/** Two calls: a successful order lookup and a failed refund lookup. */
export const TOOL_CALLS: DataSources = {
  tool_calls: [
    {
      tool_name: "order_status",
      tool_type: "http",
      parameters: { order_id: "A-1042", options: { verbose: true, lang: "en" } },
      response: { status: "shipped" },
      status: "success",
    },
    {
      tool_name: "refund_policy",
      tool_type: "mcp",
      server_label: "support",
      parameters: {},
      response: { error: "timeout" },
      status: "failure",
    },
  ],
};

/** Two passages of refunds.md and one of shipping.md, and two pages. */
export const SOURCES: DataSources = {
  file_search: [
    { file_id: FILE_IDS[0], file_name: "refunds.md", text: "Refunds take 14 days.", score: 0.9, order: 0 },
    { file_id: FILE_IDS[0], file_name: "refunds.md", text: "Ask support.", score: 0.5, order: 1 },
    { file_id: FILE_IDS[1], file_name: "shipping.md", text: "We ship in 2 days.", score: 0.4, order: 0 },
  ],
  web_search: [
    { url: "https://www.example.com/help/refunds", text: "Refunds", score: 0.8 },
    { url: "https://docs.example.com/shipping", text: "Shipping", score: 0.6 },
  ],
};
