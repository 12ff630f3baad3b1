// A fetch for the client that stands for a Maestro API whose runs end a set time after their create (on
// vitest's fake clock, too): the polling tests count each run's GETs and when it was first seen done.

/** A run the fetch created: when, when it ends, when a GET first saw it done, and the GETs it took. */
export interface TimedRun {
  created: number;
  end: number;
  seen?: number;
  gets: number;
}

/** Creates runs that end `durationOf(i)` ms after the i-th create; `runs` holds them by id. */
export function createTimedRunsFetch(durationOf: (index: number) => number): {
  runs: Map<string, TimedRun>;
  fetch: (input: Request) => Promise<Response>;
} {
  const runs = new Map<string, TimedRun>();
  let next = 0;
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  const fetch = async (input: Request): Promise<Response> => {
    if (input.method === "POST") {
      const id = `run-${next}`;
      runs.set(id, { created: Date.now(), end: Date.now() + durationOf(next), gets: 0 });
      next += 1;
      return json({ id, status: "in_progress", result: null });
    }
    const id = decodeURIComponent(new URL(input.url).pathname.split("/").at(-1)!);
    const run = runs.get(id)!;
    run.gets += 1;
    const done = Date.now() >= run.end;
    if (done) run.seen ??= Date.now();
    return json({ id, status: done ? "completed" : "in_progress", result: null });
  };
  return { runs, fetch };
}
