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

/** Starts the service on a free port of 127.0.0.1; `url` is its status endpoint. */
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
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
