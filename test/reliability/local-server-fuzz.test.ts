// Fuzz of the embedded local server: 10,000 random requests over a keep-alive connection pool to
// 127.0.0.1 (the generators are in fuzz-local-server.ts, shared with `npm run soak`, which sends
// 100,000 to a server in a child process). No answer may be a 5xx, every JSON answer must match the
// spec's schema for its status, the server must still answer a well-formed request afterwards, and
// memory must stay bounded. The seed comes from MAESTRO_EVAL_SEED when set and is printed with every
// failure.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import { type LocalServer, startLocalServer } from "../../src/local/index.js";
import { readPropertySeed } from "../helpers/property-seed.js";
import { CHAT_PATH, FUZZ_TOKEN, fuzzLocalServer, RUNS_PATH, schemas } from "./fuzz-local-server.js";

const seed = readPropertySeed() ?? Math.floor(Math.random() * 2 ** 31);
const TOTAL = 10_000;
const CONCURRENCY = 16;
const MAX_BODY_BYTES = 512 * 1024;
/** Generous: the store holds at most a few thousand small runs, and the rest is garbage. */
const MAX_RSS_GROWTH_MB = 400;

// ------------------------------------------------------------------ the test

let open: LocalServer;
let guarded: LocalServer;
beforeAll(async () => {
  // Tools of fuzzed runs point at a closed port on this machine; loopback-only keeps it that way.
  const options = { timeScale: 0, seed, maxBodyBytes: MAX_BODY_BYTES, toolNetwork: "loopback-only" } as const;
  open = await startLocalServer(options);
  guarded = await startLocalServer({ ...options, token: FUZZ_TOKEN });
});
afterAll(async () => {
  await Promise.all([open?.close(), guarded?.close()]);
});

describe("startLocalServer under fuzzing", () => {
  test("valid requests nested too deep to serialise are served, the same bytes giving the same output", async () => {
    const nested = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
    const bodies = [
      [RUNS_PATH, `{"input":"Vendor: Acme Corp\\nTotal: 12 USD","extra":${nested}}`],
      [
        CHAT_PATH,
        `{"model":"jamba-mini","messages":[{"role":"user","content":"Say hi."}],"extra":${nested}}`,
      ],
    ] as const;
    for (const [path, text] of bodies) {
      const outputs: unknown[] = [];
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await fetch(`${open.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: text,
        });
        expect(response.status).toBe(200);
        const json = (await response.json()) as { id: string; choices?: { message: { content: string } }[] };
        if (path === CHAT_PATH) outputs.push(json.choices?.[0]?.message.content);
        else {
          const run = await createMaestroClient({ baseUrl: open.url }).runs.poll(json.id, {
            initialIntervalMs: 1,
          });
          expect(run.status).toBe("completed");
          outputs.push(run.result);
        }
      }
      expect(outputs[1]).toBe(outputs[0]);
    }
  });

  test(`${TOTAL} random requests get no 5xx and answers valid against the spec, and the server keeps serving`, async () => {
    const rssBefore = process.memoryUsage().rss;
    const result = await fuzzLocalServer({
      total: TOTAL,
      concurrency: CONCURRENCY,
      seed,
      openPort: open.port,
      guardedPort: guarded.port,
      maxBodyBytes: MAX_BODY_BYTES,
    });

    // A final well-formed request on each server still gets a correct answer.
    const run = await createMaestroClient({ baseUrl: open.url }).runs.createAndPoll(
      {
        input: "Vendor: Acme Corp\nTotal: 12 USD\nSummarise the invoice.",
        requirements: [{ name: "vendor", description: "Mention Acme Corp", is_mandatory: true }],
        include: ["requirements_result"],
      },
      { initialIntervalMs: 1 },
    );
    expect(schemas.MaestroRun(run)).toEqual([]);
    expect(run.status).toBe("completed");
    const completion = await createMaestroClient({
      baseUrl: guarded.url,
      apiKey: FUZZ_TOKEN,
    }).chat.completions.create({
      model: "jamba-mini",
      messages: [{ role: "user", content: "Say hi." }],
    });
    expect(schemas.ChatCompletion(completion)).toEqual([]);

    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    console.log(
      `local-server fuzz: seed ${seed}, ${result.sent} requests in ${result.seconds.toFixed(1)} s (${Math.round(
        result.sent / result.seconds,
      )}/s), RSS growth ${rssGrowthMb.toFixed(1)} MB, transport errors ${result.transportErrors}, runs stored ${
        open.store.size + guarded.store.size
      }, statuses ${JSON.stringify(result.statuses)}, slowest ${Math.round(result.slowest.ms)} ms: ${
        result.slowest.what
      }`,
    );
    expect(result.sent).toBe(TOTAL);
    expect(result.failures.slice(0, 10), `seed ${seed}: ${result.failureCount} failures`).toEqual([]);
    expect(rssGrowthMb, `seed ${seed}`).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 110_000);
});
