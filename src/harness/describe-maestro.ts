import { basename, dirname, join } from "node:path";
import { afterAll, describe, test } from "vitest";
import {
  CELL_META_KEY,
  CELL_META_VERSION,
  type CellKey,
  type CellMeta,
  type CellRun,
  type CreateRunRequest,
  TEST_META_KEY,
  TEST_META_VERSION,
  type TestMeta,
} from "../domain/index.js";
import { redactSecrets } from "../errors/index.js";
import { extendExpect } from "../matchers/index.js";
import { type Cassette, openCassette } from "./cassettes.js";
import { categoriseError } from "./categorise-error.js";
import { type CellKind, hashCellCall } from "./cell-call.js";
import { type ExpandMatrixOptions, expandMatrix, type MatrixCell, type SuiteCase } from "./expand-matrix.js";
import { getHarness, HARNESS_DEFAULTS, type Harness } from "./harness-context.js";
import { recordSuiteLint } from "./lint-suite.js";
import { applyMatrixOverrides } from "./matrix-overrides.js";
import { collectRequestSecrets } from "./request-secrets.js";
import { runCell } from "./run-cell.js";

declare module "vitest" {
  interface TaskMeta {
    [CELL_META_KEY]?: CellMeta;
    [TEST_META_KEY]?: TestMeta;
  }
}

/** What a suite's assertion callback receives for each cell. */
export interface CellContext<Case extends SuiteCase = SuiteCase> {
  /** The finished run and its cell: pass it to the matchers, `expect(run).toScoreAtLeast(0.8)`. */
  run: CellRun;
  cell: CellKey;
  case: Case;
}

/** Asserts on one cell; runs after the cell's single API call. */
export type CellAssertion<Case extends SuiteCase = SuiteCase> = (
  context: CellContext<Case>,
) => void | Promise<void>;

/** All cells of one case, for assertions across models, budgets and repeats. */
export interface CaseCells {
  readonly all: readonly CellRun[];
  /** The repeats of one model and budget (every budget when `budget` is omitted). */
  of(model: string, budget?: CellKey["budget"]): CellRun[];
  /** The first repeat of one model and budget; throws when the matrix has no such cell. */
  one(model: string, budget: CellKey["budget"]): CellRun;
}

/** Options of {@link describeMaestro}. */
export interface MaestroSuiteOptions<Case extends SuiteCase = SuiteCase>
  extends Omit<ExpandMatrixOptions, "suite" | "cases"> {
  cases: readonly Case[];
  /** Runs once per case after all its cells, with every cell's run. */
  compare?: (context: { cells: CaseCells; case: Case }) => void | Promise<void>;
  /** The cassette file; default `__cassettes__/<suite file>.cassette.json` beside the suite. */
  cassette?: string;
  /** How long one cell may take, polling included. Default 600,000 ms. */
  timeoutMs?: number;
}

/**
 * Declares a Maestro suite: one vitest test per cell (case × model × budget × repeat), each making
 * one API call and then running `assert` on the stored run. Requests are validated while the suite
 * is collected, so a bad case fails before anything is sent.
 *
 * @example
 * describeMaestro("invoice extraction", {
 *   cases: [{ name: "acme", input: "Extract the vendor and due date: Vendor: Acme Corp. Due: 03/15/2026" }],
 *   requirements: [{ name: "formats", description: "Dates must follow YYYY-MM-DD." }],
 *   matrix: { models: ["jamba-large", "jamba-mini"], budgets: ["low", "medium"], repeats: 3 },
 * }, ({ run }) => {
 *   expect(run).toMeetRequirement("formats", 0.8);
 * });
 */
export function describeMaestro<Case extends SuiteCase>(
  name: string,
  options: MaestroSuiteOptions<Case>,
  assert?: CellAssertion<Case>,
): void {
  const cells = expandMatrix({ ...options, matrix: applyMatrixOverrides(options.matrix), suite: name });
  registerSuite(name, cells, options, "maestro", assert);
}

/** Registers the describe blocks and tests of a suite; every cell runs through the one cell pipeline. */
export function registerSuite<Case extends SuiteCase>(
  name: string,
  cells: readonly MatrixCell[],
  options: Pick<MaestroSuiteOptions<Case>, "compare" | "cassette" | "timeoutMs">,
  kind: CellKind,
  assert: CellAssertion<Case> | undefined,
): void {
  extendExpect();
  const timeout = (options.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs) + 30_000;
  // Concurrent at every level: cases run side by side, and the shared limit, not vitest, paces the cells.
  describe.concurrent(name, async () => {
    // Set last (recordSuiteLint), called as each cell's run waits for its first poll.
    let lintSoon: () => void = () => {};
    let cassette: Cassette | undefined;
    let usedHarness: Harness | undefined;
    const cassetteFor = (harness: Harness, suiteFile: string) => {
      usedHarness = harness;
      cassette ??= openCassette(
        options.cassette ??
          join(
            dirname(suiteFile),
            "__cassettes__",
            `${basename(suiteFile).replace(/\.(eval|test|spec)\.[cm]?[jt]s$/, "")}.cassette.json`,
          ),
        harness.cassettes,
        harness.apiKey === undefined ? [] : [harness.apiKey],
      );
      return cassette;
    };
    afterAll(async () => {
      cassette?.flush();
      usedHarness?.keepLearned();
      // Slots given back as the last cells ended are released before the worker may stop.
      await usedHarness?.semaphore.settle();
    });

    for (const [caseName, caseCells] of groupByCase(cells)) {
      describe.concurrent(caseName, () => {
        const runs: Promise<CellRun>[] = [];
        for (const cell of caseCells) {
          const settled = deferred<CellRun>();
          runs.push(settled.promise);
          const title =
            kind === "chat"
              ? `${cell.key.model}/#${cell.key.repeat}`
              : `${cell.key.model}/${cell.key.budget}/#${cell.key.repeat}`;
          test.concurrent(title, { timeout }, async ({ task }) => {
            let outcome: { cellRun: CellRun; requestHash: string };
            let harness: Harness | undefined;
            try {
              harness = await getHarness();
              // The suite's lint runs while the first run created waits for its first poll.
              outcome = await runCell(cell, harness, cassetteFor(harness, task.file.filepath), {
                onWaiting: lintSoon,
              });
            } catch (error) {
              task.meta[CELL_META_KEY] = failedMeta(cell, kind, harness?.backend ?? "local", error);
              settled.reject(error);
              throw error;
            }
            const { cellRun } = outcome;
            task.meta[CELL_META_KEY] = cellMetaOf(outcome, kind, harness);
            try {
              // Loaded by now, as the first run was under way (harness-context.ts), unless the worker was
              // never idle: the matchers use them.
              if (assert !== undefined) await harness.verifiers();
              await assert?.({ run: cellRun, cell: cellRun.cell, case: cell.case as Case });
            } finally {
              // The case's compare starts only once the cell's own assertions are done, and works on a
              // copy: what it asserts is recorded in its own test, never in a cell that may be reported already.
              settled.resolve(cellRun);
            }
          });
        }
        const compare = options.compare;
        if (compare !== undefined) {
          test("across cells", { timeout }, async (context) => {
            const settledRuns = await Promise.allSettled(runs);
            const missing = caseCells.filter((_, index) => settledRuns[index]!.status === "rejected");
            if (missing.length > 0) {
              // The cells' own errors are reported (and gated) with the cells; a compare without them would
              // only repeat those errors as a failed assertion.
              context.skip(
                `${missing.length} of ${caseCells.length} cells have no run (first: ${missing[0]!.key.key})`,
              );
              return;
            }
            const views = settledRuns.map((result) => ({
              ...(result as PromiseFulfilledResult<CellRun>).value,
              assertions: [] as CellRun["assertions"],
            }));
            const meta: TestMeta = {
              version: TEST_META_VERSION,
              suite: name,
              case: caseName,
              assertions: [],
            };
            context.task.meta[TEST_META_KEY] = meta;
            try {
              await (await getHarness()).verifiers();
              await compare({ cells: createCaseCells(views), case: caseCells[0]!.case as Case });
            } finally {
              for (const view of views)
                for (const assertion of view.assertions)
                  meta.assertions.push({ cell: view.cell.key, ...assertion });
            }
          });
        }
      });
    }
    const lint = recordSuiteLint(name, cells, kind);
    lintSoon = lint.lintSoon;
    await lint.collected;
  });
}

/** The cells of each case, in the order of their first cell. */
function groupByCase(cells: readonly MatrixCell[]): Map<string, MatrixCell[]> {
  const byCase = new Map<string, MatrixCell[]>();
  for (const cell of cells) {
    const caseCells = byCase.get(cell.key.case);
    if (caseCells === undefined) byCase.set(cell.key.case, [cell]);
    else caseCells.push(cell);
  }
  return byCase;
}

/** Wraps the runs of one case for cross-cell assertions. */
export function createCaseCells(all: readonly CellRun[]): CaseCells {
  return {
    all,
    of: (model, budget) =>
      all.filter((run) => run.cell.model === model && (budget === undefined || run.cell.budget === budget)),
    one(model, budget) {
      const found = all.find((run) => run.cell.model === model && run.cell.budget === budget);
      if (found === undefined) {
        const known = [...new Set(all.map((run) => `${run.cell.model}/${run.cell.budget}`))].join(", ");
        throw new RangeError(`cells.one: no cell ${model}/${budget} in this case; the cells are ${known}`);
      }
      return found;
    },
  };
}

/** A finished cell's meta, as the reporter reads it: its request and run without secrets. */
function cellMetaOf(
  { cellRun, requestHash }: { cellRun: CellRun; requestHash: string },
  kind: CellKind,
  harness: Harness,
): CellMeta {
  const secrets = secretsOf(harness, cellRun.request);
  return {
    version: CELL_META_VERSION,
    kind,
    cell: cellRun.cell,
    request: redactSecrets(cellRun.request, secrets),
    run: redactSecrets(cellRun.run, secrets),
    latencyMs: cellRun.latencyMs,
    costUsd: cellRun.costUsd,
    backend: cellRun.backend,
    ...(cellRun.scoreSources === undefined ? {} : { scoreSources: cellRun.scoreSources }),
    requestHash,
    // The same array the matchers append to, so every assertion reaches the reporter.
    assertions: cellRun.assertions,
  };
}

function failedMeta(
  cell: MatrixCell,
  kind: CellKind,
  backend: CellMeta["backend"],
  error: unknown,
): CellMeta {
  return {
    version: CELL_META_VERSION,
    kind,
    cell: cell.key,
    request: redactSecrets(cell.request as CreateRunRequest, collectRequestSecrets(cell.request)),
    run: { id: "", status: "failed", result: null },
    latencyMs: 0,
    costUsd: undefined,
    backend,
    requestHash: hashCellCall(cell.call, cell.key.repeat),
    assertions: [],
    error: categoriseError(error),
  };
}

/** The API key and the request's tool header values: removed by value from the cell's meta. */
function secretsOf(harness: Harness | undefined, request: CreateRunRequest): string[] {
  return [...(harness?.apiKey === undefined ? [] : [harness.apiKey]), ...collectRequestSecrets(request)];
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A case's compare test reports a failed cell; nobody else waits on this promise.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
