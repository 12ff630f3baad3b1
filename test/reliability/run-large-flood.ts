// A flood of large requests must not stall a small one: `maestro-eval serve` (a child process) gets
// large run creates (megabytes of input, 10 requirements, budget high) a few at a time, and all along
// a small request (a GET of a run that does not exist) is timed every few milliseconds over its own
// connection, from a thread of its own. The small request's p99 must stay under 100 ms while the engine works through the flood.
//
//   node --import tsx test/reliability/run-large-flood.ts [inputMiB] [creates]
import { Agent, request } from "node:http";
import { Worker } from "node:worker_threads";
import { startServeChild } from "./serve-child.js";

/** Options of {@link runLargeFlood}. */
export interface LargeFloodOptions {
  /** Size of each create's input, in MiB. Default 2. */
  inputMiB?: number;
  /** Large creates sent in all. Default 8. */
  creates?: number;
  /** Large creates in flight at once. Default 4. */
  concurrency?: number;
  /** Time between small requests, in ms. Default 5. */
  probeEveryMs?: number;
  /** Stop waiting for the flood after this long, in ms. Default 120,000. */
  timeLimitMs?: number;
  log?: (line: string) => void;
}

/** What {@link runLargeFlood} measured. */
export interface LargeFloodResult {
  inputBytes: number;
  creates: number;
  /** Creates answered 200, and runs that then completed. */
  accepted: number;
  completed: number;
  /** Small requests timed, and their latency in ms. */
  probes: number;
  probeP50Ms: number;
  probeP99Ms: number;
  probeMaxMs: number;
  /** Small requests that got an answer other than 404. */
  probeErrors: number;
  seconds: number;
  problems: string[];
}

const REQUIREMENTS = [
  "Mention Acme Corp",
  "Write at most 3 paragraphs",
  "Dates must follow YYYY-MM-DD",
  "Amounts should be in USD format",
  "Do not mention the CEO",
  "Use a friendly tone",
  "End with a question",
  "Include the keyword invoice",
  "Write in English",
  "Start with the word Hello",
].map((description, index) => ({ name: `r${index}`, description, is_mandatory: index < 2 }));

/** A large invoice-like input of about `bytes` bytes: varied lines, so no step can skip the work. */
export function largeInput(bytes: number): string {
  const lines: string[] = ["Extract vendor, invoice number, total and due date from these documents."];
  let size = lines[0]!.length;
  for (let index = 0; size < bytes; index += 1) {
    const line = `Vendor: Acme Corp ${index % 97}. Invoice number: INV-${10_000 + index}. Total: ${(index * 13.7) % 9_000} USD. Due: 03/${(index % 28) + 1}/2026. Note ${index}: shipped by DHL to warehouse ${index % 31}.`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers:
          body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * The prober's code, run in a worker thread: a GET of a run that does not exist every `everyMs` over a new
 * connection each time (a kept-alive socket the server closed would reset a request), timed until told to
 * stop; it then posts the latencies and the answers other than 404.
 */
const PROBE_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { Agent, request } = require("node:http");
const agent = new Agent({ keepAlive: false, maxSockets: 1 });
const path = "/studio/v1/maestro/runs/00000000-0000-0000-0000-000000000000";
let stopping = false;
parentPort.once("message", () => { stopping = true; });
const get = () => new Promise((resolve) => {
  const req = request({ host: "127.0.0.1", port: workerData.port, method: "GET", path, agent }, (res) => {
    res.resume();
    res.on("end", () => resolve(res.statusCode === 404 ? undefined : "status " + res.statusCode));
  });
  req.on("error", (error) => resolve(error.message));
  req.end();
});
(async () => {
  const latencies = [];
  const errors = [];
  await get();
  while (!stopping) {
    const at = performance.now();
    const error = await get();
    latencies.push(performance.now() - at);
    if (error !== undefined) errors.push(error);
    await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
  }
  parentPort.postMessage({ latencies, errors });
})();
`;

/** Starts the prober's thread; `stop` ends it and resolves with what it measured. */
function startProbe(
  port: number,
  everyMs: number,
): { stop(): Promise<{ latencies: number[]; errors: string[] }> } {
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { port, everyMs } });
  const done = new Promise<{ latencies: number[]; errors: string[] }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    async stop() {
      worker.postMessage("stop");
      const measured = await done;
      await worker.terminate();
      return measured;
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the flood against a fresh `maestro-eval serve --time-scale 0` and stops it. */
export async function runLargeFlood(options: LargeFloodOptions = {}): Promise<LargeFloodResult> {
  const log = options.log ?? (() => undefined);
  const creates = options.creates ?? 8;
  const concurrency = options.concurrency ?? 4;
  const probeEveryMs = options.probeEveryMs ?? 5;
  const timeLimitMs = options.timeLimitMs ?? 120_000;
  const body = JSON.stringify({
    input: largeInput((options.inputMiB ?? 2) * 1024 * 1024),
    requirements: REQUIREMENTS,
    budget: "high",
    include: ["requirements_result"],
  });
  const server = await startServeChild(["--time-scale", "0"]);
  const problems: string[] = [];
  const started = performance.now();
  const latencies: number[] = [];
  let probeErrors = 0;
  let accepted = 0;
  let completed = 0;
  try {
    const floodAgent = new Agent({ keepAlive: true, maxSockets: concurrency });
    // The small request is timed from a thread of its own: sending megabytes and reading the polls
    // stalls this thread's event loop (up to 68 ms was seen), which would be counted against the server.
    const probe = startProbe(server.port, probeEveryMs);
    let next = 0;
    const worker = async () => {
      while (next < creates && performance.now() - started < timeLimitMs) {
        next += 1;
        const created = await send(floodAgent, server.port, "POST", "/studio/v1/maestro/runs", body).catch(
          (error: Error) => ({ status: 0, text: error.message }),
        );
        if (created.status !== 200) {
          problems.push(`a large create answered ${created.status}: ${created.text.slice(0, 200)}`);
          continue;
        }
        accepted += 1;
        const { id } = JSON.parse(created.text) as { id: string };
        for (;;) {
          if (performance.now() - started > timeLimitMs) {
            problems.push(`run ${id} did not finish within ${timeLimitMs} ms`);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
          const polled = await send(floodAgent, server.port, "GET", `/studio/v1/maestro/runs/${id}`).catch(
            (error: Error) => ({ status: 0, text: error.message }),
          );
          const status = polled.status === 200 ? (JSON.parse(polled.text) as { status: string }).status : "";
          if (status === "completed") {
            completed += 1;
            break;
          }
          if (status !== "in_progress") {
            problems.push(`run ${id} ended ${polled.status} ${status}`);
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const probed = await probe.stop();
    latencies.push(...probed.latencies);
    probeErrors = probed.errors.length;
    problems.push(...probed.errors.slice(0, 3).map((error) => `a small request failed: ${error}`));
    floodAgent.destroy();
  } finally {
    if (!server.alive()) problems.push(`the server exited: ${server.output().stderr.slice(-500)}`);
    await server.stop();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const result: LargeFloodResult = {
    inputBytes: Buffer.byteLength(body),
    creates,
    accepted,
    completed,
    probes: latencies.length,
    probeP50Ms: percentile(sorted, 50),
    probeP99Ms: percentile(sorted, 99),
    probeMaxMs: sorted.at(-1) ?? Number.NaN,
    probeErrors,
    seconds: (performance.now() - started) / 1000,
    problems,
  };
  if (result.completed < creates) problems.push(`${result.completed} of ${creates} large runs completed`);
  if (probeErrors > 0) problems.push(`${probeErrors} small requests got an answer other than 404`);
  if (!(result.probeP99Ms < 100)) {
    problems.push(`the small request's p99 was ${result.probeP99Ms.toFixed(1)} ms, past 100 ms`);
  }
  log(
    `  ${creates} creates of ${(result.inputBytes / 2 ** 20).toFixed(1)} MiB (10 requirements, budget high), ${concurrency} at a time: ${completed} completed in ${result.seconds.toFixed(1)} s; ` +
      `small request p50 ${result.probeP50Ms.toFixed(1)} ms, p99 ${result.probeP99Ms.toFixed(1)} ms, max ${result.probeMaxMs.toFixed(1)} ms over ${result.probes} requests`,
  );
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [inputMiB, creates] = process.argv.slice(2).map(Number);
  const result = await runLargeFlood({
    ...(inputMiB === undefined || Number.isNaN(inputMiB) ? {} : { inputMiB }),
    ...(creates === undefined || Number.isNaN(creates) ? {} : { creates }),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify({ ...result }, null, 2));
}
