// The order-status service the support suite's http tool calls: a small node:http server on 127.0.0.1
// that the suite starts itself, so the suite needs nothing running beforehand.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The orders the service knows. */
export const ORDERS: Readonly<Record<string, { status: string; carrier: string; shipped_on: string }>> = {
  "A-1042": { status: "shipped", carrier: "DHL", shipped_on: "2026-03-02" },
  "B-2231": { status: "returned", carrier: "Royal Mail", shipped_on: "2026-02-20" },
};

/** The header value the service expects; a real suite would read it from the environment. */
export const ORDER_SERVICE_TOKEN = process.env.ORDER_SERVICE_TOKEN ?? "local-order-service-token";

/**
 * The port the service asks for. The tool's URL is part of every cell's request, which seeds the
 * simulated model and keys cassettes and `--resume`: a port picked at random would make two identical
 * runs differ. `ORDER_SERVICE_PORT` overrides it.
 */
export const ORDER_SERVICE_PORT = Number(process.env.ORDER_SERVICE_PORT ?? 47_613);

/**
 * Starts the service on 127.0.0.1 at {@link ORDER_SERVICE_PORT}, or, when another process holds that
 * port (two runs side by side), on a free one, saying so: the run still works, only its tool URL, and so
 * its outputs, differ from a run on the usual port. `url` is its status endpoint.
 */
export async function startOrderService(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        });
        res.end(text);
      };
      if (req.headers.authorization !== `Bearer ${ORDER_SERVICE_TOKEN}`)
        return send(401, { error: "unauthorised" });
      let orderId: unknown;
      try {
        orderId = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { order_id?: unknown }).order_id;
      } catch {
        return send(400, { error: "the body must be JSON" });
      }
      const order = typeof orderId === "string" ? ORDERS[orderId] : undefined;
      return order === undefined
        ? send(404, { error: `no order ${String(orderId)}` })
        : send(200, { order_id: orderId, ...order });
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      server.once("error", fail);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", fail);
        resolve();
      });
    });
  try {
    await listen(ORDER_SERVICE_PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    console.warn(
      `order service: port ${ORDER_SERVICE_PORT} is in use; listening on a free port, so this run's tool URL (and outputs) differ from a run on ${ORDER_SERVICE_PORT}`,
    );
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/orders/status`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
