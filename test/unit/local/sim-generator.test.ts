import { describe, expect, test } from "vitest";
import { createSimGenerator, runEngine, SIM_MAX_FACT_CHARS } from "../../../src/local/index.js";

/** About `bytes` of invoice lines. */
function invoices(bytes: number): string {
  const lines = ["Summarise the invoices below in two sentences."];
  let size = lines[0]!.length;
  for (let index = 0; size < bytes; index += 1) {
    const line = `Vendor: Acme Corp. Invoice number: INV-${10_000 + index}. Total: ${index} USD.`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

describe("createSimGenerator with a large input", () => {
  test("a run of megabytes gives the event loop many turns: the server can answer between its pieces", async () => {
    const input = invoices(512 * 1024);
    let turns = 0;
    let running = true;
    const tick = () => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const result = await runEngine(
      { input, budget: "medium", requirements: [{ name: "r", description: "Write in French" }] },
      { generator: createSimGenerator(), seed: "s", model: "jamba-large" },
    );
    running = false;
    expect(result.steps.length).toBeGreaterThan(0);
    // Its tokens were counted 64 KiB at a time, and each step began on a turn of its own.
    expect(turns).toBeGreaterThanOrEqual(8);
    expect(result.promptTokens).toBeGreaterThan(50_000);
  });

  test("facts are read from the first SIM_MAX_FACT_CHARS characters only; the output stays the same past them", async () => {
    const head = invoices(SIM_MAX_FACT_CHARS);
    const run = (input: string) =>
      createSimGenerator().generate({
        run: { input },
        model: "jamba-mini",
        budget: "low",
        strategy: 0,
        step: 0,
        requirements: [],
        seed: "same",
      });
    const short = await run(head);
    const long = await run(`${head}\n${"Vendor: Initech. Total: 999 USD.\n".repeat(2_000)}`);
    expect(long.text).toBe(short.text);
    expect(long.promptTokens).toBeGreaterThan(short.promptTokens);
  });
});
