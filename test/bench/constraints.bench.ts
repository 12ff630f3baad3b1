// Validations per second of the request validators, on one core (this process, one thread): a typical
// run request, a maximal one (10 requirements of 128 words, four tools), and a typical chat request.

import { validateChatRequest, validateRunRequest } from "../../src/constraints/index.js";
import type { Bench, BenchFigure } from "./run.js";

const typicalRun = {
  input: "Write a short product announcement for the Barista Pro espresso machine.",
  requirements: [
    { name: "length", description: "Write up to 3 paragraphs", is_mandatory: true },
    { name: "tone", description: "Use a friendly, upbeat tone that suits a consumer audience" },
    { name: "no-ceo", description: "Don't mention a word about the company's CEO" },
  ],
  budget: "medium",
  include: ["requirements_result"],
};

const sentence =
  "Every claim in the answer must be supported by a cited source, and dates must follow YYYY-MM-DD.";
const words128 = Array.from({ length: 8 }, () => sentence)
  .join(" ")
  .split(" ")
  .slice(0, 128)
  .join(" ");
const maximalRun = {
  input: [
    { role: "user", content: "Compare our three plans for a customer who travels a lot." },
    { role: "assistant", content: "Sure. Which regions does the customer travel to?" },
    { role: "user", content: "Mostly Europe and South America." },
  ],
  requirements: Array.from({ length: 10 }, (_, index) => ({
    name: `requirement-${index}`,
    description: words128,
    is_mandatory: index % 2 === 0,
  })),
  tools: [
    {
      type: "http",
      function: {
        name: "lookup_plan",
        description: "Looks up a plan's price and coverage",
        parameters: {
          type: "object",
          properties: { plan: { type: "string", description: "The plan id" } },
          required: ["plan"],
        },
      },
      endpoint: { url: "https://api.example.com/plans/lookup", headers: { authorization: "Bearer x" } },
    },
    {
      type: "mcp",
      server_label: "crm",
      server_url: "https://mcp.example.com/mcp",
      allowed_tools: ["find_customer"],
    },
    {
      type: "file_search",
      labels: ["plans", "legal"],
      labels_filter_mode: "OR",
      retrieval_strategy: "segments",
    },
    { type: "web_search", urls: ["https://example.com", "example.com/plans", "docs.example.com"] },
  ],
  budget: "high",
  include: ["data_sources", "requirements_result"],
  models: ["jamba-large"],
  response_language: "english",
};

const typicalChat = {
  model: "jamba-mini",
  messages: [
    { role: "system", content: "You are a concise assistant." },
    { role: "user", content: "Summarize the attached review in two sentences." },
  ],
  max_tokens: 256,
  temperature: 0.4,
};

function measure(validate: (request: unknown) => unknown, request: unknown, seconds: number): number {
  for (let index = 0; index < 2_000; index += 1) validate(request); // compile and warm up
  let count = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (let index = 0; index < 500; index += 1) validate(request);
    count += 500;
  }
  return count / ((performance.now() - started) / 1000);
}

const bench: Bench = async () => {
  const errors = [
    validateRunRequest(typicalRun).filter((issue) => issue.severity === "error"),
    validateRunRequest(maximalRun).filter((issue) => issue.severity === "error"),
    validateChatRequest(typicalChat),
  ].flat();
  if (errors.length > 0)
    throw new Error(`constraints bench: fixtures are invalid: ${JSON.stringify(errors)}`);
  const typical = measure(validateRunRequest, typicalRun, 2);
  const maximal = measure(validateRunRequest, maximalRun, 2);
  const chat = measure(validateChatRequest, typicalChat, 1);
  const figures: BenchFigure[] = [
    {
      name: "validateRunRequest, typical request",
      value: Math.round(typical),
      unit: "validations/s",
      target: ">= 100000",
      met: typical >= 100_000,
    },
    {
      name: "validateRunRequest, maximal request (10 x 128 words, 4 tools)",
      value: Math.round(maximal),
      unit: "validations/s",
    },
    { name: "validateChatRequest, typical request", value: Math.round(chat), unit: "validations/s" },
  ];
  return figures;
};

export default bench;
