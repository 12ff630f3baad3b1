// A throwaway maestro-eval project for the reliability runs: a directory under the repository root
// named `.tmp-*` (git-ignored, and inside the repository so that `maestro-eval` resolves to this
// package), with helpers that run the real CLI in it as a user would.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "../helpers/run-fixture-suites.js";

/** The CLI entry point of this repository. */
export const CLI = join(repoRoot, "bin/maestro-eval.js");

/** A temporary project directory. */
export interface TempProject {
  readonly dir: string;
  /** Writes a file under the project, creating its directories. */
  write(path: string, text: string): void;
  /** Removes the project. */
  remove(): void;
}

/** Creates an empty project under the repository root, named `.tmp-<prefix>-XXXXXX`. */
export function createTempProject(prefix: string): TempProject {
  const dir = mkdtempSync(join(repoRoot, `.tmp-${prefix}-`));
  return {
    dir,
    write(path, text) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The environment the CLI runs with: this process's, without what would change the backend or make
 * vitest think it runs inside another vitest (the soak may itself run under vitest), tools of the
 * local server kept to this machine, plus `extra`.
 */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AI21_API_KEY: "",
    AI21_API_HOST: "",
    MAESTRO_EVAL_BACKEND: "",
    MAESTRO_EVAL_CASSETTES: "",
    MAESTRO_EVAL_CONCURRENCY: "",
    VITEST: "",
    VITEST_WORKER_ID: "",
    VITEST_POOL_ID: "",
    FORCE_COLOR: "0",
    MAESTRO_EVAL_TOOL_NETWORK: "loopback-only",
    ...extra,
  };
}

/** What a finished CLI process left. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `maestro-eval <args>` in the project and waits for it; killed after `timeoutMs`. */
export function runCli(
  project: TempProject,
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: project.dir, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: cliEnv(env) },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : (error as { code?: unknown }).code;
        resolve({
          code: typeof code === "number" ? code : -1,
          stdout,
          stderr,
          ms: performance.now() - started,
        });
      },
    );
  });
}

/**
 * Starts `maestro-eval <args>` in the project as the leader of a new process group (its vitest
 * workers join the group), so that {@link killGroup} takes all of it down at once, like a crash.
 */
export function spawnCliGroup(project: TempProject, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: project.dir,
    detached: true,
    stdio: "ignore",
    env: cliEnv(),
  });
}

/** `kill -9` of a whole process group started by {@link spawnCliGroup}; resolves when its leader is gone. */
export async function killGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
  await exited;
}

/** Waits `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
