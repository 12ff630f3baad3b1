import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Something that runs tasks under a limit. */
export interface Semaphore {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * The longest one `POST /acquire` is held open before the server answers "not yet" (202) and the client
 * asks again. Far below any HTTP client's headers timeout (undici's is 300 s), so that waiting for a slot
 * for hours never fails a cell.
 */
export const SEMAPHORE_POLL_MS = 20_000;

/** A semaphore served over loopback HTTP, so that every vitest worker shares one limit. */
export interface SemaphoreServer {
  url: string;
  /** Slots in use now. */
  readonly active: number;
  /** The most slots ever in use at once. */
  readonly peak: number;
  /** `POST /acquire` requests answered "not yet" so far (each was asked again). */
  readonly notYet: number;
  close(): Promise<void>;
}

/**
 * Serves `limit` slots on 127.0.0.1: `POST /acquire?waitMs=N` answers 200 once a slot is free, or 202
 * after N ms (at most {@link SEMAPHORE_POLL_MS}) without one, and the client asks again; `POST /release`
 * frees one. The harness starts it in vitest's main process; each worker takes slots from it. A
 * request that waits is answered by the server itself before any client timeout. Each acquire names
 * its holder (`?id=`): asking again with the same id is answered 200 at once when the slot was already
 * granted, so a grant whose answer was lost (the client gave up as it was sent) is not leaked.
 */
export async function startSemaphoreServer(limit: number): Promise<SemaphoreServer> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`startSemaphoreServer: limit must be a whole number >= 1, got ${limit}`);
  }
  let active = 0;
  let peak = 0;
  let notYet = 0;
  const waiting: { res: ServerResponse; timer: NodeJS.Timeout; id: string | null }[] = [];
  const holders = new Set<string>();
  const grant = (res: ServerResponse, id: string | null) => {
    active += 1;
    peak = Math.max(peak, active);
    if (id !== null) holders.add(id);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  };
  const server = createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const id = url.searchParams.get("id");
    if (req.method === "POST" && url.pathname === "/acquire") {
      if (id !== null && holders.has(id)) {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      if (active < limit) {
        grant(res, id);
        return;
      }
      const asked = Number(url.searchParams.get("waitMs") ?? SEMAPHORE_POLL_MS);
      const waitMs =
        Number.isFinite(asked) && asked > 0 ? Math.min(asked, SEMAPHORE_POLL_MS) : SEMAPHORE_POLL_MS;
      const leave = () => {
        const at = waiting.findIndex((item) => item.res === res);
        if (at === -1) return false;
        clearTimeout(waiting[at]!.timer);
        waiting.splice(at, 1);
        return true;
      };
      const timer = setTimeout(() => {
        if (!leave()) return;
        notYet += 1;
        res.writeHead(202, { "content-type": "text/plain" }).end("not yet");
      }, waitMs);
      waiting.push({ res, timer, id });
      res.on("close", leave);
      return;
    }
    if (req.method === "POST" && url.pathname === "/release") {
      // A release naming no holder (an older client) frees one slot; one naming a holder, its own.
      if (id === null || holders.delete(id)) {
        active = Math.max(0, active - 1);
        const next = waiting.shift();
        if (next !== undefined) {
          clearTimeout(next.timer);
          grant(next.res, next.id);
        }
      }
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
    get notYet() {
      return notYet;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { res, timer } of waiting.splice(0)) {
          clearTimeout(timer);
          res.destroy();
        }
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Options of {@link createRemoteSemaphore}. */
export interface RemoteSemaphoreOptions {
  /** How long one acquire request waits before asking again. Default {@link SEMAPHORE_POLL_MS}. */
  pollMs?: number;
  /** The fetch to use; the global one by default (tests inject one with a short timeout). */
  fetch?: typeof fetch;
  /** The first wait after a failed request, doubled at each failure. Default 100 ms. */
  retryDelayMs?: number;
}

/**
 * Takes slots from a {@link startSemaphoreServer} in another process. Waiting is a long poll: each
 * request is answered within `pollMs` (a slot, or "not yet" and it asks again), so no HTTP timeout ever
 * ends the wait; a failed request (a reset) is retried up to 5 times before the run fails.
 */
export function createRemoteSemaphore(url: string, options: RemoteSemaphoreOptions = {}): Semaphore {
  const send = options.fetch ?? fetch;
  const pollMs = options.pollMs ?? SEMAPHORE_POLL_MS;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const acquire = async (id: string) => {
    let failures = 0;
    for (;;) {
      let response: Response;
      try {
        response = await send(`${url}/acquire?id=${id}&waitMs=${pollMs}`, { method: "POST" });
        await response.text();
      } catch (error) {
        failures += 1;
        if (failures > 5) {
          throw new Error(
            `the shared concurrency limit at ${url} could not be reached after ${failures} attempts: ${(error as Error).message}`,
            { cause: error },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (failures - 1)));
        continue;
      }
      if (response.status === 200) return;
      if (response.status !== 202) {
        throw new Error(`the shared concurrency limit at ${url} answered ${response.status}`);
      }
      failures = 0;
    }
  };
  return {
    async run(task) {
      const id = randomUUID();
      await acquire(id);
      try {
        return await task();
      } finally {
        await send(`${url}/release?id=${id}`, { method: "POST" })
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
