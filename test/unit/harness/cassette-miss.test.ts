// A replay miss must say which case missed and what changed in its request, on one line, against the
// recording of the same cell (or at least the same case), never against another case's recording.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CreateRunRequest } from "../../../src/domain/index.js";
import { type CassetteEntry, hashCellRequest, openCassette } from "../../../src/harness/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "maestro-eval-miss-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = (input: string, description: string): CreateRunRequest => ({
  input,
  requirements: [{ name: "short", description }],
  models: ["jamba-mini"],
  budget: "low",
});

function entry(cell: string, body: CreateRunRequest): CassetteEntry {
  return {
    requestHash: hashCellRequest(body, 0),
    cell,
    repeat: 0,
    request: body,
    run: { id: "run-1", status: "completed", result: "ok" },
    latencyMs: 10,
    recordedAt: "2026-01-01T00:00:00.000Z",
  };
}

describe("cassette miss", () => {
  test("names the case, compares with the same cell's recording and shows the changed part on one line", () => {
    const path = join(dir, "suite.cassette.json");
    const recorder = openCassette(path, "record");
    // Another case whose request is closer in size of change, and the cell's own recording.
    recorder.record(entry("suite/other/jamba-mini/low/#0", request("Say hi", "Write at most 3 sentences.")));
    recorder.record(
      entry(
        "suite/refund/jamba-mini/low/#0",
        request("Refund the kettle, order 4411", "Write at most 3 sentences."),
      ),
    );
    recorder.flush();
    const wanted = request("Refund the kettle, order 4411", "Write at most 4 sentences.");
    const error = openCassette(path, "replay").miss(
      hashCellRequest(wanted, 0),
      "suite/refund/jamba-mini/low/#0",
      wanted,
    );
    expect(error.message.split("\n")).toHaveLength(1);
    expect(error.message).toContain("no recording for suite/refund/jamba-mini/low/#0");
    expect(error.closest?.requestHash).toBe(
      hashCellRequest(request("Refund the kettle, order 4411", "Write at most 3 sentences."), 0),
    );
    expect(error.message).toMatch(
      /JSON outputs differ at 1 path: ~ \$\.requirements\[0\]\.description: "Write at most 3 sentences\." → "Write at most 4 sentences\."/,
    );
  });

  test("without a recording of the cell, says which cell the closest recording is", () => {
    const path = join(dir, "suite.cassette.json");
    const recorder = openCassette(path, "record");
    recorder.record(
      entry("suite/refund/jamba-mini/low/#1", request("Refund the kettle", "Write at most 3 sentences.")),
    );
    recorder.flush();
    const wanted = request("Refund the kettle!", "Write at most 3 sentences.");
    const error = openCassette(path, "replay").miss(
      hashCellRequest(wanted, 0),
      "suite/refund/jamba-mini/low/#0",
      wanted,
    );
    expect(error.message).toContain(
      "(cell suite/refund/jamba-mini/low/#1) JSON outputs differ at 1 path: ~ $.input",
    );
  });

  test("the port of a loopback tool URL does not change a cell's hash", () => {
    const tool = (url: string): CreateRunRequest => ({
      ...request("Where is order A-1042?", "Write at most 3 sentences."),
      tools: [
        {
          type: "http",
          function: {
            name: "order_status",
            description: "Order status",
            parameters: { type: "object", properties: {}, required: [] },
          },
          endpoint: { url },
        },
      ],
    });
    expect(hashCellRequest(tool("http://127.0.0.1:40123/orders/status"), 0)).toBe(
      hashCellRequest(tool("http://127.0.0.1:51234/orders/status"), 0),
    );
    expect(hashCellRequest(tool("http://localhost:40123/orders"), 0)).toBe(
      hashCellRequest(tool("http://localhost:9/orders"), 0),
    );
    expect(hashCellRequest(tool("https://orders.example.com:8443/status"), 0)).not.toBe(
      hashCellRequest(tool("https://orders.example.com:9443/status"), 0),
    );
  });
});
