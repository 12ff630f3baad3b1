// The local server's throughput: run creations per second and their p99 latency on loopback at
// timeScale 0, with the server in its own process (as `maestro-eval serve` runs it) and the load from
// this one; then the memory of a server that has held 100,000 runs with the default store limit.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchFigure } from "./run.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const body = JSON.stringify({
  input:
    "Extract vendor name, invoice number, total amount, and due date.\nVendor: Acme Corp\nInvoice number: INV-1042\nTotal: 1234.5 USD\nDue: 03/15/2026",
  requirements: [
    { name: "vendor", description: "Mention Acme Corp", is_mandatory: true },
    { name: "formats", description: "Dates must follow YYYY-MM-DD and amounts should be in USD format." },
    { name: "length", description: "Write up to 5 sentences." },
  ],
  budget: "medium",
  include: ["requirements_result"],
});

async function startServer(extra: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ["--expose-gc", join(root, "bin/maestro-eval.js"), "serve", "--port", "0", "--time-scale", "0", ...extra],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  // Keep reading the server's output for its whole life: a closed pipe would kill it on its next line.
  return new Promise((resolveStart, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolveStart({ child, port: Number(match[1]) });
    });
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}) before listening: ${output}`)),
    );
  });
}

function post(agent: Agent, port: number, payload: string): Promise<number> {
  return new Promise((resolvePost, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/studio/v1/maestro/runs",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolvePost(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function load(port: number, total: number, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const at = performance.now();
        const status = await post(agent, port, body);
        latencies.push(performance.now() - at);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rate: total / seconds, p99: latencies[Math.floor(latencies.length * 0.99)]!, failures };
}

async function rssOf(child: ChildProcess): Promise<number> {
  const { readFileSync } = await import("node:fs");
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

export default async function bench(): Promise<BenchFigure[]> {
  const { child, port } = await startServer();
  try {
    await load(port, 2_000, 32);
    const measured = await load(port, 20_000, 32);
    const afterWarm = await rssOf(child);
    await load(port, 80_000, 32);
    const after100k = await rssOf(child);
    return [
      {
        name: "run creations per second (20,000 runs, 32 connections)",
        value: Math.round(measured.rate),
        unit: "runs/s",
        target: ">= 3,000",
        met: measured.rate >= 3000,
      },
      {
        name: "p99 create latency",
        value: measured.p99,
        unit: "ms",
        target: "< 20 ms",
        met: measured.p99 < 20,
      },
      {
        name: "non-200 answers",
        value: measured.failures,
        unit: "requests",
        target: "0",
        met: measured.failures === 0,
      },
      { name: "server RSS after 22,000 runs", value: Math.round(afterWarm / 2 ** 20), unit: "MiB" },
      {
        name: "server RSS after 102,000 runs (store limit 10,000)",
        value: Math.round(after100k / 2 ** 20),
        unit: "MiB",
        target: "bounded: < 1.5x the RSS at 22,000",
        met: after100k < afterWarm * 1.5,
      },
    ];
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}
