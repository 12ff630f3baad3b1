// Polling: how soon a finished run is seen, and with how many GET requests, for runs lasting 0.2 s to
// 5 s. The client's adaptive polling is measured against a fixed 1 s loop (the default of AI21's own
// Python SDK), in the same run, against the local server with a fixed latency per model.
import { createMaestroClient } from "../../src/client/index.js";
import type { CreateRunRequest, MaestroRun } from "../../src/domain/index.js";
import { startLocalServer } from "../../src/local/index.js";
import type { BenchFigure } from "./run.js";

const DURATIONS_MS = [200, 500, 1000, 2000, 5000];
const RUNS_PER_DURATION = 30;
const CONCURRENCY = 5;

interface Sample {
  delayMs: number;
  gets: number;
}

function requestFor(durationMs: number, index: number): CreateRunRequest {
  return {
    input: `Summarise note ${index}: the crates left Rotterdam on Monday.`,
    models: [`d${durationMs}`],
    budget: "low",
  };
}

/** When the run really finished: the server's creation time plus its latency (one step at time scale 1). */
function finishedAt(run: MaestroRun): number {
  return Date.parse(run.created_at ?? "") + (run.x_local?.latency_ms ?? 0);
}

async function pool<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function bench(): Promise<BenchFigure[]> {
  const profiles = Object.fromEntries(DURATIONS_MS.map((ms) => [`d${ms}`, { latencyMsPerStep: ms }]));
  const server = await startLocalServer({ timeScale: 1, sim: { profiles } });
  const figures: BenchFigure[] = [];
  try {
    const adaptive = createMaestroClient({ baseUrl: server.url });
    const plain = createMaestroClient({ baseUrl: server.url });
    for (const durationMs of DURATIONS_MS) {
      // The sim jitters each step by ±20%: the delay is measured from each run's own finish.
      const ours = await pool(RUNS_PER_DURATION, async (index): Promise<Sample> => {
        let gets = 0;
        const run = await adaptive.runs.createAndPoll(requestFor(durationMs, index), {
          onPoll: () => (gets += 1),
        });
        return { delayMs: Date.now() - finishedAt(run), gets };
      });
      const fixed = await pool(RUNS_PER_DURATION, async (index): Promise<Sample> => {
        const created = await plain.runs.create(requestFor(durationMs, 1000 + index));
        let gets = 0;
        for (;;) {
          const run = await plain.runs.retrieve(created.id);
          gets += 1;
          if (run.status !== "in_progress") return { delayMs: Date.now() - finishedAt(run), gets };
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      });
      const oursDelay = median(ours.map((sample) => sample.delayMs));
      const fixedDelay = median(fixed.map((sample) => sample.delayMs));
      const oursGets = ours.reduce((sum, sample) => sum + sample.gets, 0) / ours.length;
      const fixedGets = fixed.reduce((sum, sample) => sum + sample.gets, 0) / fixed.length;
      figures.push(
        {
          name: `${durationMs} ms runs: median detection delay, adaptive (fixed 1 s loop: ${fixedDelay} ms)`,
          value: oursDelay,
          unit: "ms",
          target: `<= ${durationMs * 0.1} ms (10% of the run)`,
          met: oursDelay <= durationMs * 0.1,
        },
        {
          name: `${durationMs} ms runs: GET requests per run, adaptive (fixed 1 s loop: ${fixedGets.toFixed(1)})`,
          value: oursGets,
          unit: "GETs",
          target: "fewer than the fixed loop",
          met: oursGets < fixedGets,
        },
      );
    }
  } finally {
    await server.close();
  }
  return figures;
}
