// The client's default transport: keep-alive connections, and the one case it sends again by itself — a
// GET on a kept-alive connection the server closed as the request went out.
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { createHttpTransport } from "../../../src/client/http-transport.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

const RESPONSE = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}';

/** A raw HTTP server: answers the first request of each connection and keeps it open, then drops it on the next. */
async function serverDroppingReusedConnections(): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    let requests = 0;
    socket.on("data", () => {
      requests += 1;
      if (requests === 1) socket.write(RESPONSE);
      else socket.destroy();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/runs`, connections: () => connections };
}

function attempt(url: string, method = "POST") {
  return {
    method,
    url,
    headers: new Headers({ "content-type": "application/json" }),
    body: new TextEncoder().encode('{"input":"x"}').buffer as ArrayBuffer,
    signal: new AbortController().signal,
    timeoutMs: 5_000,
  };
}

describe("createHttpTransport", () => {
  test("a GET on a kept-alive connection the server dropped goes again on a new one", async () => {
    const server = await serverDroppingReusedConnections();
    const send = createHttpTransport();
    const first = await send(attempt(server.url, "GET"));
    expect(await first.json()).toEqual({ ok: true });
    const second = await send(attempt(server.url, "GET"));
    expect([second.status, await second.json()]).toEqual([200, { ok: true }]);
    expect(server.connections()).toBe(2);
  });

  test("a POST on a kept-alive connection the server dropped is the reset it is, never sent again", async () => {
    const server = await serverDroppingReusedConnections();
    const send = createHttpTransport();
    expect((await send(attempt(server.url))).status).toBe(200);
    await expect(send(attempt(server.url))).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(server.connections()).toBe(1);
  });

  test("a connection dropped on its first request is an error, never sent again", async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.on("data", () => socket.destroy());
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await expect(createHttpTransport()(attempt(`http://127.0.0.1:${port}/runs`))).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(connections).toBe(1);
  });
});
