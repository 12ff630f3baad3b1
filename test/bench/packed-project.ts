// The package as a user has it, for benchmarks: `npm pack` of this repository (which builds dist/),
// the tarball installed with the repository's vitest version into a temporary ES-module project
// outside the repository, and commands run there with the environment of a user's shell under GNU
// time, which reports the CPU of the command and every process it started and waited for, and the
// peak RSS of the largest of them.
import { spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { shellEnv } from "../helpers/shell-env.js";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** One command's measure. CPU and RSS are undefined where GNU time is missing. */
export interface Measured {
  /** Wall time from spawn to exit, as seen by the bench process. */
  wallMs: number;
  /** User + system CPU of the command and every process it started (GNU time's %U + %S). */
  cpuMs: number | undefined;
  /** The peak RSS of the largest process of the tree (GNU time's %M). */
  maxRssKiB: number | undefined;
  code: number;
  /** Files holding the command's output. */
  stdoutFile: string;
  stderrFile: string;
}

export interface PackedProject {
  /** The project's directory; `node_modules/maestro-eval` is the installed tarball. */
  dir: string;
  /** The vitest version installed beside it: the repository's. */
  vitestVersion: string;
  /** How long `npm pack` and `npm install` took together. */
  installMs: number;
  /** Runs a command in the project under GNU time with `env` (default: the user's). */
  measure(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Measured>;
  /** The last lines a measured command printed, to say why it failed. */
  tail(measured: Measured, lines?: number): string;
  /** Writes a file in the project. */
  write(path: string, text: string): void;
  /** Removes the project, the tarball and everything the runs wrote. */
  remove(): void;
}

let shared: Promise<PackedProject> | undefined;

/** The packed and installed project, made once per bench process and shared by every caller. */
export function packedProject(): Promise<PackedProject> {
  shared ??= makePackedProject();
  return shared;
}

function run(command: string, args: string[], cwd: string, timeout: number): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: shellEnv(), stdio: ["ignore", "pipe", "pipe"], timeout });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) done(stdout);
      else fail(new Error(`${command} ${args.join(" ")}: exit ${code}\n${stderr.slice(-4000)}`));
    });
  });
}

async function makePackedProject(): Promise<PackedProject> {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), "maestro-eval-bench-"));
  try {
    const vitestVersion = (
      JSON.parse(readFileSync(join(root, "node_modules/vitest/package.json"), "utf8")) as { version: string }
    ).version;
    // `npm pack` runs prepack, the build, as `npm publish` would.
    const packed = JSON.parse(
      await run("npm", ["pack", "--json", "--pack-destination", work], root, 300_000),
    ) as { filename: string }[];
    const dir = join(work, "project");
    mkdirSync(join(dir, "logs"), { recursive: true });
    // Written before the install so that npm cannot pick a parent folder's package.json.
    writeFileSync(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "bench-project", private: true, type: "module" }, null, 2)}\n`,
    );
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        join(work, packed[0]!.filename),
        `vitest@${vitestVersion}`,
      ],
      dir,
      300_000,
    );
    const installMs = performance.now() - started;
    const gnuTime = existsSync("/usr/bin/time");
    let serial = 0;
    return {
      dir,
      vitestVersion,
      installMs,
      write(path, text) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      },
      measure(command, args, env = shellEnv()) {
        serial += 1;
        const base = join(dir, "logs", String(serial).padStart(3, "0"));
        const [stdoutFile, stderrFile, timeFile] = [`${base}.out`, `${base}.err`, `${base}.time`];
        const out = openSync(stdoutFile, "w");
        const err = openSync(stderrFile, "w");
        const started = performance.now();
        const child = gnuTime
          ? spawn("/usr/bin/time", ["-f", "%e %U %S %M", "-o", timeFile, command, ...args], {
              cwd: dir,
              env,
              stdio: ["ignore", out, err],
            })
          : spawn(command, args, { cwd: dir, env, stdio: ["ignore", out, err] });
        return new Promise((done, fail) => {
          child.on("error", fail);
          child.on("close", (code, signal) => {
            const wallMs = performance.now() - started;
            closeSync(out);
            closeSync(err);
            let cpuMs: number | undefined;
            let maxRssKiB: number | undefined;
            if (gnuTime) {
              // The last line: GNU time writes "Command exited with non-zero status N" before it.
              const last = readFileSync(timeFile, "utf8").trim().split("\n").at(-1) ?? "";
              const match = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last);
              if (match) {
                cpuMs = (Number(match[2]) + Number(match[3])) * 1000;
                maxRssKiB = Number(match[4]);
              }
            }
            done({
              wallMs,
              cpuMs,
              maxRssKiB,
              code: code ?? (signal === null ? -1 : 128),
              stdoutFile,
              stderrFile,
            });
          });
        });
      },
      tail(measured, lines = 20) {
        const text = `${readFileSync(measured.stdoutFile, "utf8")}\n${readFileSync(measured.stderrFile, "utf8")}`;
        return text.trim().split("\n").slice(-lines).join("\n");
      },
      remove() {
        shared = undefined;
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
