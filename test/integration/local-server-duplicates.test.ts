// local-server.json's "duplicate creates (always 0)" proves that no run was created twice for a cell:
// it counts re-sends for one cell (the harness's cell header), never two cells with the same request.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CELL_HEADER, type LocalServer, REPEAT_HEADER, startLocalServer } from "../../src/local/index.js";

let server: LocalServer;
beforeEach(async () => {
  server = await startLocalServer({ timeScale: 0 });
});
afterEach(async () => {
  await server.close();
});

const body = JSON.stringify({ input: "Say hello.", requirements: [] });

async function create(headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${server.url}/studio/v1/maestro/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

describe("the local server's duplicate creates", () => {
  test("two cells that send the same request are not a duplicate", async () => {
    expect(await create({ [CELL_HEADER]: "cell-a", [REPEAT_HEADER]: "0" })).toBe(200);
    expect(await create({ [CELL_HEADER]: "cell-b", [REPEAT_HEADER]: "0" })).toBe(200);
    expect(server.stats()).toMatchObject({ runsCreated: 2, duplicateCreates: 0 });
  });

  test("a second create for one cell is one", async () => {
    await create({ [CELL_HEADER]: "cell-a" });
    await create({ [CELL_HEADER]: "cell-a" });
    await create({ [CELL_HEADER]: "cell-a" });
    expect(server.stats()).toMatchObject({ runsCreated: 3, duplicateCreates: 2 });
  });

  test("creates that name no cell are not counted", async () => {
    await create();
    await create();
    expect(server.stats()).toMatchObject({ runsCreated: 2, duplicateCreates: 0 });
  });
});
