// maestro-eval run --watch: vitest's watch mode over the run's reporters, a round's reports and gate
// printed as it ends, the config watched for a restart, Ctrl-C ending with the last gate's code.
import { rmSync, watch } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import type { Reporter, Vitest } from "vitest/node";
import { harnessViteConfig } from "../../harness/define-maestro-config.js";
import { EXIT } from "../exit-codes.js";
import { loadVitestNode } from "../load-vitest-node.js";
import {
  describeError,
  findConfigFile,
  keepServerStats,
  prepareRun,
  printNothingRan,
  printVerdict,
  type RunOptions,
  type RunSetup,
  vitestOptionsFor,
} from "./run-setup.js";

/** The exit code of a watch session stopped before any round wrote a report: the shell's for Ctrl-C. */
const EXIT_INTERRUPTED = 130;

/**
 * `maestro-eval run --watch`: vitest's watch mode. Each round (the first run, then every rerun of the
 * suites a change affects) writes the reports of the whole current state and prints the tables and the
 * gate; a change to the config starts the session again with it. Ctrl-C (or SIGTERM) cancels the round
 * in progress through vitest and stops once it has ended (a second Ctrl-C stops at once). vitest skips the
 * cells not started, lets a hook in flight run to its end, and stops a cell in flight at once (without
 * waiting for its API call or its assertion) unless it has lost track of it, when the cell runs to its
 * end. A round cut short is written as it stands if no report was written before (the first round,
 * usually), and dropped otherwise (see MaestroReporter). Exits with the gate's code of the last report
 * written, 130 if none.
 */
export async function runWatch(suites: string[], options: RunOptions): Promise<number> {
  let last: number | undefined;
  let signalled = false;
  let stop = () => {};
  const onSignal = () => {
    if (signalled) {
      console.error("maestro-eval run: stopped at once");
      process.exit(last ?? EXIT_INTERRUPTED);
    }
    signalled = true;
    console.log("\nStopping: the round in progress is cancelled (Ctrl-C again stops at once)");
    stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    for (let first = true; !signalled; first = false) {
      const setup = await prepareRun(options);
      const outcome =
        typeof setup === "number"
          ? "unusable"
          : await watchSession(setup, suites, options, {
              onVerdict: (code) => {
                last = code;
              },
              setStop: (fn) => {
                stop = fn;
              },
            });
      if (outcome === "stopped" || signalled) break;
      if (outcome === "config") continue;
      // The session could not start (a broken config, no suite left): at the start a usage error; after
      // an edit of the config, wait for the next one.
      if (first) {
        if (typeof setup !== "number")
          rmSync(dirname(setup.harness.statsFile!), { recursive: true, force: true });
        return EXIT.usage;
      }
      const configPath = findConfigFile(process.cwd(), options.config);
      console.log(
        `\nWaiting for ${configPath === undefined ? "Ctrl-C" : `a change to ${relative(process.cwd(), configPath)}`}`,
      );
      await waitForChange(configPath, (fn) => {
        stop = fn;
      });
    }
    return last ?? EXIT_INTERRUPTED;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** One vitest watch session, until Ctrl-C (`stopped`), a change of the config (`config`), or a failure to start. */
/**
 * vitest in watch mode over the run's reporters. Its logger ends the process at once on SIGINT and
 * SIGTERM; the listeners it adds are removed, so that the watch session stops cleanly on them.
 */
async function createWatchingVitest(
  setup: RunSetup,
  options: RunOptions,
  reporters: Reporter[],
  known: Set<string>,
): Promise<Vitest> {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    const { createVitest } = await loadVitestNode();
    return await createVitest(
      "test",
      {
        ...vitestOptionsFor(setup, options, reporters, true),
        watchTriggerPatterns: [readFixtureTrigger(setup, known)],
      },
      harnessViteConfig(),
    );
  } finally {
    for (const signal of signals)
      for (const listener of process.listeners(signal))
        if (!before.get(signal)!.has(listener)) process.off(signal, listener as () => void);
  }
}

async function watchSession(
  setup: RunSetup,
  suites: string[],
  options: RunOptions,
  hooks: { onVerdict: (code: number) => void; setStop: (stop: () => void) => void },
): Promise<"stopped" | "config" | "unusable"> {
  const { reporter, cwd, dir } = setup;
  const show = (path: string) => relative(cwd, path) || ".";
  let why: "stopped" | "config" | undefined;
  let wrote = false;
  let last: number | undefined;
  const known = new Set<string>();
  const rounds: Reporter = {
    onWatcherRerun(files, trigger) {
      console.log(`\n${trigger ?? "rerun"}: running ${files.map(show).join(", ")} again`);
    },
    onTestRunStart(specifications) {
      for (const specification of specifications) known.add(specification.moduleId);
    },
    async onTestRunEnd(_modules, _errors, reason) {
      // The reports may wait for the linter (MaestroReporter's `finishing`): the round is told once written.
      await reporter.finishing;
      if (reporter.wrote) {
        wrote = true;
        last = printVerdict(setup, false);
        hooks.onVerdict(last);
      } else if (reason === "interrupted") {
        console.log(
          last === undefined
            ? `\nInterrupted before a cell finished: ${show(dir)}/ was left as it was`
            : `\nInterrupted: the rerun is dropped, ${show(dir)}/ holds the reports of the last finished round`,
        );
      } else printNothingRan(setup, suites, options);
      if (why === undefined)
        console.log(
          `\nWatching the suites, what they import and read${setup.configPath === undefined ? "" : ` and ${show(setup.configPath)}`}: a change reruns the suites it affects (Ctrl-C stops)`,
        );
    },
    onTestRemoved() {
      if (!reporter.wrote) return;
      last = printVerdict(setup, false);
      hooks.onVerdict(last);
    },
  };
  let vitest: Vitest;
  try {
    vitest = await createWatchingVitest(setup, options, [reporter, ...setup.history, rounds], known);
  } catch (error) {
    console.error(`maestro-eval run: ${describeError(error)}`);
    keepServerStats(setup, false);
    return "unusable";
  }
  const closed = new Promise<void>((resolvePromise) => {
    vitest.onClose(() => {
      keepServerStats(setup, wrote);
      if (why !== "config") {
        // Also reached when vitest's own keys end the session (q, or Ctrl-C on a terminal).
        process.exitCode = last ?? EXIT_INTERRUPTED;
        console.log(
          last === undefined
            ? `\nStopped before any round finished: exit ${EXIT_INTERRUPTED}`
            : `\nStopped: ${show(dir)}/ holds the reports of the last finished round; exit ${last}, its gate's code`,
        );
      }
      resolvePromise();
    });
  });
  const stop = (reason: "stopped" | "config") => {
    if (why !== undefined) return;
    why = reason;
    void vitest
      .cancelCurrentRun("keyboard-input")
      .then(() => vitest.close())
      .catch((error: unknown) => console.error(`maestro-eval run: ${describeError(error)}`));
  };
  hooks.setStop(() => stop("stopped"));
  const configPath = setup.configPath;
  if (configPath !== undefined) {
    vitest.vite.watcher.add(configPath);
    const onConfig = (file: string) => {
      if (resolve(file) !== configPath || why !== undefined) return;
      console.log(`\n${show(configPath)} changed: starting again with it`);
      stop("config");
    };
    vitest.vite.watcher.on("change", onConfig);
    vitest.vite.watcher.on("add", onConfig);
  }
  const { registerConsoleShortcuts } = await loadVitestNode();
  const keys = process.stdin.isTTY
    ? registerConsoleShortcuts(vitest, process.stdin, process.stdout)
    : undefined;
  console.log(
    `maestro-eval run --watch: cassettes ${setup.harness.cassettes ?? "from MAESTRO_EVAL_CASSETTES"}; reports in ${show(dir)}`,
  );
  try {
    await vitest.start(suites);
  } catch (error) {
    if (why === undefined) {
      if ((error as Error).name === "FilesNotFoundError") printNothingRan(setup, suites, options);
      else console.error(`maestro-eval run: ${describeError(error)}`);
      why = "stopped";
      keys?.();
      await vitest.close();
      return "unusable";
    }
  }
  await closed;
  keys?.();
  return why ?? "stopped";
}

/**
 * A data file (JSON, YAML, text, ...) that changes beside or below suites reruns those suites: a fixture
 * a suite reads rather than imports (imports vitest follows itself). What runs write is left out: the
 * reports, the history and the cassettes.
 */
function readFixtureTrigger(setup: RunSetup, known: ReadonlySet<string>) {
  return {
    pattern: /\.(?:json|jsonl|ya?ml|txt|md|csv|tsv|xml|html)$/i,
    testsToRun(file: string): string[] | undefined {
      if (isInside(file, setup.dir) || /[\\/]__cassettes__[\\/]|\.cassette\.json$/.test(file))
        return undefined;
      if (setup.historyFile !== undefined && file === setup.historyFile) return undefined;
      const suites = [...known].filter((suite) => isInside(file, dirname(suite)));
      return suites.length === 0 ? undefined : suites;
    },
  };
}

function isInside(file: string, dir: string): boolean {
  const path = relative(dir, file);
  return path !== "" && !path.startsWith("..") && !isAbsolute(path);
}

/** Resolves at the next change of `path` (or, without one, only when `setCancel`'s function is called). */
function waitForChange(path: string | undefined, setCancel: (cancel: () => void) => void): Promise<void> {
  return new Promise((resolvePromise) => {
    let timer: NodeJS.Timeout | undefined;
    // The folder, not the file: an editor that saves by renaming replaces the file a watcher would follow.
    const watcher =
      path === undefined
        ? undefined
        : watch(dirname(path), (_event, name) => {
            if (name !== basename(path)) return;
            clearTimeout(timer);
            timer = setTimeout(done, 200);
          });
    function done() {
      clearTimeout(timer);
      watcher?.close();
      resolvePromise();
    }
    setCancel(done);
  });
}
