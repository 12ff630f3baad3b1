// `maestro-eval serve` in a child process: started on a free port, its output kept (and read all
// along, so that a full pipe never blocks it), its memory read from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CLI, cliEnv } from "./temp-project.js";

/** A local server running in a child process. */
export interface ServeChild {
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): { stdout: string; stderr: string };
  /** Its resident set size now, and the highest so far, in bytes (from /proc/<pid>/status). */
  memory(): { rssBytes: number; peakRssBytes: number } | undefined;
  /**
   * Its memory right after a full garbage collection (`process.memoryUsage()`), when started with
   * `memoryProbe`; the heap then holds only what is still in use.
   */
  probeMemory(): Promise<NodeJS.MemoryUsage>;
  /** Whether it is still running. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL after 5 s; resolves with how it ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const MEMORY_PROBE = fileURLToPath(new URL("./memory-probe.mjs", import.meta.url));

/**
 * Starts `maestro-eval serve --port 0 <args>` and waits until it prints its URL. With `memoryProbe`, the
 * child runs with memory-probe.mjs preloaded, for {@link ServeChild.probeMemory}.
 */
export async function startServeChild(
  args: readonly string[],
  options: { memoryProbe?: boolean; env?: Record<string, string> } = {},
): Promise<ServeChild> {
  const probe =
    options.memoryProbe === true ? ["--expose-gc", "--import", pathToFileURL(MEMORY_PROBE).href] : [];
  const child = spawn(process.execPath, [...probe, CLI, "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: cliEnv(options.env),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL in 60 s: ${stdout}${stderr}`)),
      60_000,
    );
    const look = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        child.stdout.off("data", look);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening: ${stdout}${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    process: child,
    output: () => ({ stdout, stderr }),
    memory() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kib = (name: string) =>
          Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
        return { rssBytes: kib("VmRSS") * 1024, peakRssBytes: kib("VmHWM") * 1024 };
      } catch {
        return undefined;
      }
    },
    probeMemory() {
      if (probe.length === 0)
        return Promise.reject(new Error("startServeChild: started without memoryProbe"));
      return new Promise((resolve, reject) => {
        const from = stdout.length;
        const timer = setTimeout(() => {
          child.stdout.off("data", look);
          reject(new Error("the memory probe did not answer in 30 s"));
        }, 30_000);
        const look = () => {
          const match = /memory-probe (\{.*\})\n/.exec(stdout.slice(from));
          if (match === null) return;
          clearTimeout(timer);
          child.stdout.off("data", look);
          resolve(JSON.parse(match[1]!) as NodeJS.MemoryUsage);
        };
        child.stdout.on("data", look);
        child.kill("SIGUSR2");
      });
    },
    alive: () => !ended,
    async stop() {
      if (!ended) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}
