// Runs real vitest on fixture suites in a child process, as a user would, and returns what it reported.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The environment of a child process that runs maestro-eval as a user would: no AI21 key, no cassettes,
 * and none of the variables that tell vitest it is already inside a worker.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AI21_API_KEY: "",
    MAESTRO_EVAL_CASSETTES: "",
    VITEST: "",
    VITEST_WORKER_ID: "",
    VITEST_POOL_ID: "",
    ...extra,
  };
}

export interface FixtureTest {
  name: string;
  state: "passed" | "failed" | "skipped" | "pending";
  errors: string[];
  meta: Record<string, unknown>;
}

export interface FixtureRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  results: FixtureTest[];
  moduleErrors: string[];
}

export async function runFixtureSuites(
  fixture: string,
  files: string[],
  env: Record<string, string> = {},
): Promise<FixtureRun> {
  const fixtureRoot = join(repoRoot, "test/fixtures", fixture);
  const dir = mkdtempSync(join(tmpdir(), "maestro-eval-fixture-"));
  const out = join(dir, "out.json");
  try {
    const { exitCode, stdout, stderr } = await new Promise<{
      exitCode: number;
      stdout: string;
      stderr: string;
    }>((done) => {
      execFile(
        process.execPath,
        [
          join(repoRoot, "node_modules/vitest/vitest.mjs"),
          "run",
          "--config",
          join(fixtureRoot, "vitest.config.ts"),
          "--reporter",
          join(repoRoot, "test/helpers/meta-reporter.ts"),
          ...files,
        ],
        {
          cwd: fixtureRoot,
          timeout: 120_000,
          env: userEnv({ ...env, MAESTRO_EVAL_FIXTURE_OUT: out }),
        },
        (error, stdoutText, stderrText) =>
          done({
            exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout: stdoutText,
            stderr: stderrText,
          }),
      );
    });
    let parsed: { results: FixtureTest[]; moduleErrors: string[] } = { results: [], moduleErrors: [] };
    try {
      parsed = JSON.parse(readFileSync(out, "utf8"));
    } catch {
      // vitest did not get as far as reporting; the caller sees stdout and stderr.
    }
    return { exitCode, stdout, stderr, ...parsed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
