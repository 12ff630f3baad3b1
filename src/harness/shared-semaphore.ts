import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
// The transport alone: the client's index would load openapi-fetch and the rest into the main process.
import { createHttpTransport } from "../client/http-transport.js";

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
 * Serves `limit` slots on 127.0.0.1: `POST /acquire?id=I&want=N&waitMs=W` answers 200 with the number of
 * slots granted (between 1 and N, as many as are free; N defaults to 1) once one is free, or 202 after W ms
 * (at most {@link SEMAPHORE_POLL_MS}) without one, and the client asks again; `POST /release?id=I&count=K`
 * frees K of the slots granted to I (1 by default). The harness starts it in vitest's main process; each
 * worker takes slots from it. A request that waits is answered by the server itself before any client
 * timeout, and asking again with the same id keeps its place in the line. Asking again with the id of a
 * grant answers at once with what that id still holds, so a grant whose answer was lost (the client gave
 * up as it was sent) is not leaked. A release naming an id that holds nothing cancels it: its waiting
 * requests are answered 0 slots, and so is any request with that id that comes later, so a client that
 * stops waiting (at the end of its suite) leaves no slot behind, whichever arrives first.
 */
export async function startSemaphoreServer(limit: number): Promise<SemaphoreServer> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`startSemaphoreServer: limit must be a whole number >= 1, got ${limit}`);
  }
  let active = 0;
  let peak = 0;
  let notYet = 0;
  const line = createWaitingLine();
  /** The slots each grant's id still holds. */
  const holders = new Map<string, number>();
  /**
   * Ids released before they were granted (a client that stopped waiting): asking with one answers 0
   * slots, so a request still on its way when its client gave up takes none. The last 10,000 are kept.
   */
  const cancelled = new Set<string>();
  const cancel = (id: string) => {
    cancelled.add(id);
    if (cancelled.size > 10_000) cancelled.delete(cancelled.values().next().value!);
    for (const item of line.remove(id)) item.res.writeHead(200, { "content-type": "text/plain" }).end("0");
  };
  const grant = (res: ServerResponse, id: string | null, want: number) => {
    const count = Math.min(want, limit - active);
    active += count;
    peak = Math.max(peak, active);
    if (id !== null) {
      holders.set(id, count);
      line.forget(id);
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(String(count));
  };
  const server = createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const id = url.searchParams.get("id");
    if (req.method === "POST" && url.pathname === "/acquire") {
      const held = id === null ? undefined : holders.get(id);
      if (held !== undefined || (id !== null && cancelled.has(id))) {
        res.writeHead(200, { "content-type": "text/plain" }).end(String(held ?? 0));
        return;
      }
      const wanted = Number(url.searchParams.get("want") ?? 1);
      const want = Number.isInteger(wanted) && wanted >= 1 ? wanted : 1;
      if (active < limit) {
        grant(res, id, want);
        return;
      }
      const asked = Number(url.searchParams.get("waitMs") ?? SEMAPHORE_POLL_MS);
      const waitMs =
        Number.isFinite(asked) && asked > 0 ? Math.min(asked, SEMAPHORE_POLL_MS) : SEMAPHORE_POLL_MS;
      const timer = setTimeout(() => {
        if (!line.leave(res)) return;
        notYet += 1;
        res.writeHead(202, { "content-type": "text/plain" }).end("not yet");
      }, waitMs);
      line.join({ res, timer, id, want });
      res.on("close", () => line.leave(res));
      return;
    }
    if (req.method === "POST" && url.pathname === "/release") {
      const asked = Number(url.searchParams.get("count") ?? 1);
      let count = Number.isInteger(asked) && asked >= 1 ? asked : 1;
      // A release naming no holder (an older client) frees what it says; one naming a holder, at most what it
      // holds; one naming an id not granted yet cancels its wait.
      if (id !== null) {
        if (!holders.has(id)) cancel(id);
        const held = holders.get(id) ?? 0;
        count = Math.min(count, held);
        if (held - count > 0) holders.set(id, held - count);
        else holders.delete(id);
      }
      active = Math.max(0, active - count);
      while (active < limit) {
        const next = line.first();
        if (next === undefined) break;
        grant(next.res, next.id, next.want);
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
        for (const { res } of line.removeAll()) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request waiting for slots. */
interface Waiter {
  res: ServerResponse;
  /** Answers "not yet" when it fires. */
  timer: NodeJS.Timeout;
  id: string | null;
  want: number;
}

/**
 * The requests waiting for slots, first come first served by turn: asking again with the id of a request
 * told "not yet" keeps its turn. Every request taken out of the line has its timer cleared.
 */
function createWaitingLine() {
  const waiting: (Waiter & { turn: number })[] = [];
  /** The turn of each id that was told "not yet". */
  const turns = new Map<string, number>();
  let lastTurn = 0;
  const out = (at: number) => {
    const [item] = waiting.splice(at, 1);
    clearTimeout(item!.timer);
    return item!;
  };
  return {
    join(waiter: Waiter): void {
      const turn = (waiter.id === null ? undefined : turns.get(waiter.id)) ?? ++lastTurn;
      if (waiter.id !== null) turns.set(waiter.id, turn);
      const place = waiting.findIndex((item) => item.turn > turn);
      waiting.splice(place === -1 ? waiting.length : place, 0, { ...waiter, turn });
    },
    /** Takes out the request answered by `res`; false when it is no longer in the line. */
    leave(res: ServerResponse): boolean {
      const at = waiting.findIndex((item) => item.res === res);
      if (at === -1) return false;
      out(at);
      return true;
    },
    /** Takes out the first request, if any. */
    first: (): Waiter | undefined => (waiting.length === 0 ? undefined : out(0)),
    /** Takes out every request of `id`, and forgets its turn. */
    remove(id: string): Waiter[] {
      turns.delete(id);
      const removed: Waiter[] = [];
      for (let at = waiting.length - 1; at >= 0; at -= 1) if (waiting[at]!.id === id) removed.push(out(at));
      return removed;
    },
    removeAll(): Waiter[] {
      const removed: Waiter[] = [];
      while (waiting.length > 0) removed.push(out(0));
      return removed;
    },
    /** Forgets the turn of `id` (granted). */
    forget: (id: string): void => void turns.delete(id),
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
  /**
   * How long a slot may pass from one of this process's tasks to the next before it goes back to the
   * server, where other processes wait their turn. Default {@link SLOT_LEASE_MS}.
   */
  leaseMs?: number;
}

/**
 * How long a worker keeps a slot for its own waiting tasks before giving it back: one acquire and one
 * release serve every cell that follows within it, and a worker waiting at the server gets a slot within
 * this time plus one task's.
 */
export const SLOT_LEASE_MS = 500;

/** A semaphore some of whose work finishes after its tasks: {@link settle} waits for it. */
export interface SettlingSemaphore extends Semaphore {
  /**
   * Resolves once every slot this process gave back has been released at the server, and every request
   * for slots that no task here waits for any more has been cancelled (or its slots given back).
   */
  settle(): Promise<void>;
}

interface Slot {
  /** The grant it came with, named in its release. */
  id: string;
  grantedAt: number;
}

/**
 * Takes slots from a {@link startSemaphoreServer} in another process. Tasks waiting in this process ask
 * for their slots together (one request for several), and a finished task hands its slot straight to the
 * next waiting one for up to `leaseMs`, so the server sees a request per lease rather than two per task;
 * a slot nobody here waits for goes back at once. Waiting is a long poll: each request is answered within
 * `pollMs` (slots, or "not yet" and it asks again), so no HTTP timeout ever ends the wait; a failed request
 * (a reset) is retried up to 5 times before the waiting tasks fail.
 */
export function createRemoteSemaphore(url: string, options: RemoteSemaphoreOptions = {}): SettlingSemaphore {
  const pollMs = options.pollMs ?? SEMAPHORE_POLL_MS;
  const send = options.fetch ?? postOverKeepAlive(pollMs + 30_000);
  const retryDelayMs = options.retryDelayMs ?? 100;
  const leaseMs = options.leaseMs ?? SLOT_LEASE_MS;
  const waiters: { take: (slot: Slot) => void; fail: (error: unknown) => void }[] = [];
  const releasing = new Set<Promise<unknown>>();
  /** Slots asked for and not yet answered. */
  let asked = 0;
  /** The requests for slots not yet answered, by id: how many they ask, whether they were cancelled, when they end. */
  const outstanding = new Map<string, { want: number; cancelled: boolean; done: Promise<unknown> }>();

  const acquire = (id: string, want: number) =>
    requestSlots(send, url, id, want, {
      pollMs,
      retryDelayMs,
      cancelled: () => outstanding.get(id)?.cancelled === true,
    });
  /** Gives back `count` slots of the grant `id`; for an id not granted yet, cancels its request. */
  const release = (id: string, count = 1) => {
    const sent = send(`${url}/release?id=${id}${count === 1 ? "" : `&count=${count}`}`, { method: "POST" })
      .then((response) => response.text())
      .catch(() => undefined);
    releasing.add(sent);
    void sent.finally(() => releasing.delete(sent));
  };
  /** Gives `slot` to the next waiting task, or back to the server when none waits or its lease is over. */
  const pass = (slot: Slot, fresh: boolean) => {
    const next = fresh ? waiters.shift() : undefined;
    if (next === undefined) release(slot.id);
    else next.take(slot);
  };
  /** Asks the server for the slots the waiting tasks still lack, once for all that began waiting in this turn. */
  let askScheduled = false;
  const askSoon = () => {
    if (askScheduled) return;
    askScheduled = true;
    queueMicrotask(() => {
      askScheduled = false;
      askForSlots();
    });
  };
  const askForSlots = () => {
    const want = waiters.length - asked;
    if (want <= 0) return;
    asked += want;
    const id = randomUUID();
    const done = acquire(id, want).then(
      (granted) => {
        asked -= want;
        outstanding.delete(id);
        const grantedAt = performance.now();
        for (let index = 0; index < granted; index += 1) pass({ id, grantedAt }, true);
        askForSlots();
      },
      (error: unknown) => {
        asked -= want;
        outstanding.delete(id);
        for (const waiter of waiters.splice(0, want)) waiter.fail(error);
        askForSlots();
      },
    );
    outstanding.set(id, { want, cancelled: false, done });
  };
  return {
    async run(task) {
      const slot = await new Promise<Slot>((take, fail) => {
        waiters.push({ take, fail });
        askSoon();
      });
      try {
        return await task();
      } finally {
        pass(slot, performance.now() - slot.grantedAt < leaseMs);
      }
    },
    async settle() {
      for (;;) {
        // Slots asked for that no task here waits for any more (tasks were served by slots passed on while
        // the request was out) are cancelled, so that none is granted to this process after it is gone.
        const asking: Promise<unknown>[] = [];
        if (waiters.length === 0) {
          for (const [id, request] of outstanding) {
            if (!request.cancelled) {
              request.cancelled = true;
              release(id, request.want);
            }
            asking.push(request.done);
          }
        }
        if (releasing.size === 0 && asking.length === 0) return;
        await Promise.all([...releasing, ...asking]);
      }
    },
  };
}

/** How {@link requestSlots} asks. */
interface RequestSlotsOptions {
  pollMs: number;
  /** The first wait after a failed request, doubled at each failure. */
  retryDelayMs: number;
  /** Whether the request was cancelled: after a "not yet", it asks no more and gets 0 slots. */
  cancelled: () => boolean;
}

/**
 * Asks the semaphore server at `url` for `want` slots under `id`, asking again after each "not yet", until
 * it grants some (0 for a cancelled request); a failed request is retried up to 5 times.
 */
async function requestSlots(
  send: (url: string, init?: RequestInit) => Promise<Response>,
  url: string,
  id: string,
  want: number,
  { pollMs, retryDelayMs, cancelled }: RequestSlotsOptions,
): Promise<number> {
  let failures = 0;
  for (;;) {
    let response: Response;
    let body: string;
    try {
      response = await send(`${url}/acquire?id=${id}&want=${want}&waitMs=${pollMs}`, { method: "POST" });
      body = await response.text();
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
    if (response.status === 200) {
      const granted = Number(body);
      // A server that grants one slot at a time answers "ok"; 0 answers a cancelled request.
      return Number.isInteger(granted) && granted >= 0 ? granted : 1;
    }
    if (response.status !== 202) {
      throw new Error(`the shared concurrency limit at ${url} answered ${response.status}`);
    }
    // Cancelled while it waited (settle, with nobody waiting for it any more): it asks no more.
    if (cancelled()) return 0;
    failures = 0;
  }
}

/**
 * POSTs with the client's keep-alive transport: a fraction of fetch's CPU per request. Without a signal:
 * one signal shared by every request in flight gathered a listener per request (and Node's warning about
 * a leak past 10, printed in the middle of a run's output).
 */
function postOverKeepAlive(timeoutMs: number): (url: string, init?: RequestInit) => Promise<Response> {
  const transport = createHttpTransport();
  return (url) => transport({ method: "POST", url, headers: new Headers(), body: undefined, timeoutMs });
}

/** A semaphore within this process, for suites run without the harness's global setup. */
export function createLocalSemaphore(limit: number): SettlingSemaphore {
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
    settle: async () => {},
  };
}
