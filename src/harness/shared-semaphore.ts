import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Something that runs tasks under a limit. */
export interface Semaphore {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A semaphore served over loopback HTTP, so that every vitest worker shares one limit. */
export interface SemaphoreServer {
  url: string;
  /** Slots in use now. */
  readonly active: number;
  /** The most slots ever in use at once. */
  readonly peak: number;
  close(): Promise<void>;
}

/**
 * Serves `limit` slots on 127.0.0.1: `POST /acquire` answers once a slot is free, `POST /release`
 * frees one. The harness starts it in vitest's main process; each worker takes slots from it.
 */
export async function startSemaphoreServer(limit: number): Promise<SemaphoreServer> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`startSemaphoreServer: limit must be a whole number >= 1, got ${limit}`);
  }
  let active = 0;
  let peak = 0;
  const waiting: ServerResponse[] = [];
  const grant = (res: ServerResponse) => {
    active += 1;
    peak = Math.max(peak, active);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  };
  const server = createServer((req, res) => {
    req.resume();
    if (req.method === "POST" && req.url === "/acquire") {
      if (active < limit) grant(res);
      else {
        waiting.push(res);
        res.on("close", () => {
          const at = waiting.indexOf(res);
          if (at !== -1) waiting.splice(at, 1);
        });
      }
      return;
    }
    if (req.method === "POST" && req.url === "/release") {
      active = Math.max(0, active - 1);
      const next = waiting.shift();
      if (next !== undefined) grant(next);
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get active() {
      return active;
    },
    get peak() {
      return peak;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of waiting.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Takes slots from a {@link startSemaphoreServer} in another process. */
export function createRemoteSemaphore(url: string): Semaphore {
  return {
    async run(task) {
      const acquired = await fetch(`${url}/acquire`, { method: "POST" });
      await acquired.text();
      if (!acquired.ok) throw new Error(`the shared concurrency limit at ${url} answered ${acquired.status}`);
      try {
        return await task();
      } finally {
        await fetch(`${url}/release`, { method: "POST" })
          .then((response) => response.text())
          .catch(() => undefined);
      }
    },
  };
}

/** A semaphore within this process, for suites run without the harness's global setup. */
export function createLocalSemaphore(limit: number): Semaphore {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(task) {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active += 1;
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next !== undefined) next();
        else active -= 1;
      }
    },
  };
}
