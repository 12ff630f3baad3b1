// What a web page could send to `maestro-eval serve` is refused; `npm run soak` runs the same check.
import { describe, expect, test } from "vitest";
import { runHostileBrowser } from "./run-hostile-browser.js";

describe("maestro-eval serve and a hostile web page", () => {
  test("cross-site requests are refused, SDK-shaped ones served, the token read from MAESTRO_EVAL_SERVER_TOKEN", async () => {
    const result = await runHostileBrowser();
    expect(result.problems).toEqual([]);
    expect(result.refused).toBe(8);
    expect(result.served).toBe(4);
    expect(result.tokenOffCommandLine).toBe(true);
  }, 60_000);
});
