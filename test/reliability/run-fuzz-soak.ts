// Fuzzing at scale: 100,000 seeded random and mutated requests to `maestro-eval serve` running in child
// processes (one open, one requiring a token), over a bounded keep-alive pool. No 5xx, no answer off
// the spec, no crash (both servers still running and answering a well-formed request at the end), and
// memory bounded. The servers keep at most `maxRuns` runs (`--max-runs`), a limit the fuzz reaches in
// its first quarter, so that past it memory has nothing left to grow for but a leak: the open server's
// heap in use right after a full garbage collection (memory-probe.mjs) must not grow from then to the
// end. Its RSS (/proc) is reported too, but RSS follows the heap's size, not what is in use, and swings
// by hundreds of MiB with the huge bodies in flight, so it is a figure, not the check.
import { createMaestroClient } from "../../src/client/index.js";
import { FUZZ_TOKEN, fuzzLocalServer, schemas } from "./fuzz-local-server.js";
import { startServeChild } from "./serve-child.js";

/** Options of {@link runFuzzSoak}. */
export interface FuzzSoakOptions {
  seed: number;
  /** Default 100,000. */
  total?: number;
  /** Requests in flight at once. Default 16. */
  concurrency?: number;
  /** Runs each server keeps (`serve --max-runs`). Default 1,000. */
  maxRuns?: number;
  /** Largest growth of the open server's heap in use, from a quarter of the requests to the end. Default 16 MiB. */
  maxHeapGrowthBytes?: number;
  log?: (line: string) => void;
}

/** What {@link runFuzzSoak} found. */
export interface FuzzSoakResult {
  seed: number;
  sent: number;
  seconds: number;
  requestsPerSecond: number;
  statuses: Record<string, number>;
  serverErrors: number;
  failureCount: number;
  failures: string[];
  transportErrors: number;
  slowestMs: number;
  runsCreated: number;
  /**
   * The open server's memory: RSS at start, after a quarter of the requests (warm), at the end, and its
   * peak; the heap in use after a full collection when warm and at the end; samples every 10,000 requests.
   */
  memory: {
    startRssBytes: number;
    warmRssBytes: number;
    endRssBytes: number;
    peakRssBytes: number;
    warmHeapUsedBytes: number;
    endHeapUsedBytes: number;
    heapGrowthAfterWarmBytes: number;
    samples: { sent: number; rssBytes: number; heapUsedBytes: number }[];
  };
  /** Both servers still running after the fuzz, and answering a well-formed request correctly. */
  stillServing: boolean;
  problems: string[];
}

const MAX_BODY_BYTES = 10 * 1024 * 1024; // the `serve` default

/** Runs the fuzz against two `serve` children and stops them. */
export async function runFuzzSoak(options: FuzzSoakOptions): Promise<FuzzSoakResult> {
  const log = options.log ?? (() => undefined);
  const total = options.total ?? 100_000;
  const problems: string[] = [];
  const maxRuns = options.maxRuns ?? 1_000;
  const common = ["--time-scale", "0", "--seed", String(options.seed), "--max-runs", String(maxRuns)];
  const open = await startServeChild(common, { memoryProbe: true });
  const guarded = await startServeChild([...common, "--token", FUZZ_TOKEN]);
  try {
    const start = open.memory();
    const samples: FuzzSoakResult["memory"]["samples"] = [];
    let warm: { rssBytes: number; heapUsedBytes: number } | undefined;
    const result = await fuzzLocalServer({
      total,
      concurrency: options.concurrency ?? 16,
      seed: options.seed,
      openPort: open.port,
      guardedPort: guarded.port,
      maxBodyBytes: MAX_BODY_BYTES,
      batch: 500,
      async onBatch(sent) {
        for (const [name, server] of [
          ["the open server", open],
          ["the server with a token", guarded],
        ] as const) {
          if (server.alive()) continue;
          const { exitCode, signalCode } = server.process;
          throw new Error(
            `${name} died after ${sent} requests (exit ${exitCode ?? signalCode}); its last output:\n${server.output().stderr.slice(-4000)}`,
          );
        }
        const atWarm = warm === undefined && sent >= total / 4;
        if (!atWarm && sent % 10_000 !== 0) return;
        const rssBytes = open.memory()?.rssBytes ?? 0;
        const heapUsedBytes = (await open.probeMemory()).heapUsed;
        if (atWarm) warm = { rssBytes, heapUsedBytes };
        if (sent % 10_000 === 0) samples.push({ sent, rssBytes, heapUsedBytes });
        log(
          `  ${sent} requests; open server RSS ${mib(rssBytes)}, heap in use after GC ${mib(heapUsedBytes)}`,
        );
      },
    });

    // A well-formed request to each server still gets a correct answer.
    let stillServing = open.alive() && guarded.alive();
    try {
      const run = await createMaestroClient({ baseUrl: open.url, env: {} }).runs.createAndPoll(
        {
          input: "Vendor: Acme Corp\nTotal: 12 USD\nSummarise the invoice.",
          requirements: [{ name: "vendor", description: "Mention Acme Corp", is_mandatory: true }],
          include: ["requirements_result"],
        },
        { initialIntervalMs: 1, timeoutMs: 30_000 },
      );
      if (run.status !== "completed" || schemas.MaestroRun(run).length > 0) stillServing = false;
      const completion = await createMaestroClient({
        baseUrl: guarded.url,
        apiKey: FUZZ_TOKEN,
        env: {},
      }).chat.completions.create({ model: "jamba-mini", messages: [{ role: "user", content: "Say hi." }] });
      if (schemas.ChatCompletion(completion).length > 0) stillServing = false;
    } catch (error) {
      stillServing = false;
      problems.push(`a well-formed request failed after the fuzz: ${(error as Error).message}`);
    }

    const end = open.memory();
    const endHeapUsedBytes = (await open.probeMemory()).heapUsed;
    const memory = {
      startRssBytes: start?.rssBytes ?? 0,
      warmRssBytes: warm?.rssBytes ?? 0,
      endRssBytes: end?.rssBytes ?? 0,
      peakRssBytes: end?.peakRssBytes ?? 0,
      warmHeapUsedBytes: warm?.heapUsedBytes ?? 0,
      endHeapUsedBytes,
      heapGrowthAfterWarmBytes: endHeapUsedBytes - (warm?.heapUsedBytes ?? 0),
      samples,
    };
    if (result.sent !== total) problems.push(`sent ${result.sent} of ${total}`);
    if (result.serverErrors > 0) problems.push(`${result.serverErrors} answers with a 5xx status`);
    if (result.failureCount > 0)
      problems.push(`${result.failureCount} answers broke the contract; first: ${result.failures[0]}`);
    if (!stillServing) problems.push("a server stopped serving");
    const maxGrowth = options.maxHeapGrowthBytes ?? 16 * 2 ** 20;
    if (memory.heapGrowthAfterWarmBytes > maxGrowth)
      problems.push(
        `the open server's heap in use grew by ${mib(memory.heapGrowthAfterWarmBytes)} after warm-up (limit ${mib(
          maxGrowth,
        )})`,
      );
    const stderr = `${open.output().stderr}${guarded.output().stderr}`.trim();
    if (stderr !== "") problems.push(`the servers wrote to stderr: ${stderr.slice(0, 500)}`);
    log(
      `  ${result.sent} requests in ${result.seconds.toFixed(1)} s (${Math.round(result.sent / result.seconds)}/s), ` +
        `5xx ${result.serverErrors}, contract failures ${result.failureCount}, transport errors ${result.transportErrors}, ` +
        `statuses ${JSON.stringify(result.statuses)}; open server RSS ${mib(memory.startRssBytes)} at start, ` +
        `${mib(memory.warmRssBytes)} warm, ${mib(memory.endRssBytes)} at the end, peak ${mib(memory.peakRssBytes)}; ` +
        `heap in use after GC ${mib(memory.warmHeapUsedBytes)} warm, ${mib(memory.endHeapUsedBytes)} at the end`,
    );
    return {
      seed: options.seed,
      sent: result.sent,
      seconds: result.seconds,
      requestsPerSecond: result.sent / result.seconds,
      statuses: result.statuses,
      serverErrors: result.serverErrors,
      failureCount: result.failureCount,
      failures: result.failures.slice(0, 10),
      transportErrors: result.transportErrors,
      slowestMs: Math.round(result.slowest.ms),
      runsCreated: result.runsCreated,
      memory,
      stillServing,
      problems,
    };
  } finally {
    const stopped = await Promise.all([open.stop(), guarded.stop()]);
    for (const { code, signal } of stopped)
      if (code !== 0 && signal !== "SIGTERM") problems.push(`a server ended with ${code ?? signal}`);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
