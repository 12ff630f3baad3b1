// The HTTP side of a local server: listening, the open connections, a failed handler's 500, and closing.
// Loads nothing of the engine: the harness's server listens with it before the engine is loaded.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { sendJson } from "./send-json.js";

/** A listening local server's address, and how to close it. */
export interface LocalListener {
  url: string;
  port: number;
  /**
   * Stops accepting requests: `abort` first (what is in flight stops), then the open connections are
   * dropped, then `dispose` once the server has closed.
   */
  close(steps: { abort(): void; dispose(): Promise<void> }): Promise<void>;
}

/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 60_000;

/** Listens on `host:port` (0: a free port) and answers each request with `handle`. */
export async function listenLocal(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  host: string,
  port: number,
  closing: AbortSignal | (() => boolean),
): Promise<LocalListener> {
  const closed = typeof closing === "function" ? closing : () => closing.aborted;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closed()) return;
      if (!res.headersSent)
        sendJson(res, 500, { detail: `Internal error in the local server: ${errorMessage(error)}` });
      else res.destroy();
    });
  });
  // Keep-alive connections stay open a minute: a busy moment (a long create parsed on this thread) must
  // not outlast the idle timer of a connection its client is about to reuse, or the client's next request
  // meets a reset (Node's default is 5 s).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    port: address.port,
    close: ({ abort, dispose }) =>
      new Promise<void>((resolve) => {
        abort();
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          dispose().then(resolve, resolve);
        });
      }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
