// The package as a user gets it: `npm pack` (which builds dist/), the tarball installed into a fresh
// project outside the repository from the npm registry alone, the README's "Use it in your project"
// files written there as they stand, `npx maestro-eval run` on the embedded local server, sharded runs
// merged and gated, plain vitest with the README's config, and the suite type-checked under strict.
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shellEnv } from "../helpers/shell-env.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SECTION = "Use it in your project";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

interface PackedFile {
  path: string;
  size: number;
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

function exec(command: string, args: string[], cwd: string, timeout = 120_000): Promise<Result> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, env: shellEnv(), timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        done({ code: typeof code === "number" ? code : -1, stdout, stderr });
      },
    );
  });
}

/** Fails with what the command printed, so that a failure in CI says why. */
function expectExit(result: Result, code: number, what: string): void {
  if (result.code !== code) {
    throw new Error(
      `${what}: exit ${result.code}, expected ${code}\n--- stdout\n${result.stdout.slice(-6000)}\n--- stderr\n${result.stderr.slice(-6000)}`,
    );
  }
}

/** The README section's text, up to the next second-level heading. */
function readSection(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${SECTION}\n`);
  if (start === -1) throw new Error(`README.md has no "## ${SECTION}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** The section's TypeScript blocks that start with `// <path>`, by path. */
function readProjectFiles(section: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [, body] of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const path = /^\/\/ ([\w./-]+\.ts)\n/.exec(body!)?.[1];
    if (path !== undefined) files.set(path, body!);
  }
  return files;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((name) => join(dir, name));
}

/** Type-checks the project under strict with each resolution; a misuse of the API must be an error. */
async function typeCheck(resolutions: { module: string; moduleResolution: string }[]): Promise<void> {
  writeFileSync(
    join(consumer, "entry-points.ts"),
    `// Every entry point resolves to typed declarations: a misuse must be an error.
import { createMaestroClient, defineConfig, isMaestroApiError, type MaestroRun } from "maestro-eval";
import { describeMaestro, defineMaestroConfig } from "maestro-eval/vitest";
import { startLocalServer } from "maestro-eval/local";
import { runRequest } from "maestro-eval/arbitraries";
import { verify } from "maestro-eval/verifiers";
import { validateRunRequest } from "maestro-eval/constraints";
import { MaestroReporter, renderComparisonTable } from "maestro-eval/reporter";
import { diffOutputs } from "maestro-eval/diff";

export const used = [createMaestroClient, defineConfig, isMaestroApiError, describeMaestro, defineMaestroConfig,
  startLocalServer, runRequest, verify, validateRunRequest, MaestroReporter, renderComparisonTable, diffOutputs];
export function statusOf(run: MaestroRun): string {
  return run.status;
}
// @ts-expect-error budget is one of low, medium, high
defineConfig({ reports: { reference: { model: "jamba-large", budget: "huge" } } });
// @ts-expect-error a suite needs options and an assertion
describeMaestro("no options");
`,
  );
  const base = {
    strict: true,
    target: "ES2022",
    lib: ["ES2023"],
    types: ["node"],
    noEmit: true,
    skipLibCheck: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
  };
  for (const resolution of resolutions) {
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { ...base, ...resolution }, include: ["**/*.ts"] }, null, 2),
    );
    const tsc = await exec(join(consumer, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], consumer);
    expectExit(tsc, 0, `tsc (${resolution.moduleResolution})`);
  }
}

let work: string;
let consumer: string;
let packed: PackResult;
let section: string;

beforeAll(async () => {
  section = readSection();
  work = mkdtempSync(join(tmpdir(), "maestro-eval-package-"));
  // `npm pack` runs prepack, the build, as `npm publish` would.
  const pack = await exec("npm", ["pack", "--json", "--pack-destination", work], root, 240_000);
  expectExit(pack, 0, "npm pack");
  packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;

  // An empty project, as `npm install` makes of an empty directory: a package.json that does not say
  // "type": "module" (the last test adds it). Written first so that npm cannot pick a parent folder.
  consumer = join(work, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), "{}\n");
  // The README's install line, with the tarball for `maestro-eval`; TypeScript and Node's types to
  // type-check the suite as a TypeScript project would.
  expect(section).toContain("npm install -D maestro-eval vitest@4");
  const install = await exec(
    "npm",
    [
      "install",
      "-D",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      join(work, packed.filename),
      "vitest@4",
      "typescript@5",
      "@types/node@20",
    ],
    consumer,
    240_000,
  );
  expectExit(install, 0, "npm install");

  const files = readProjectFiles(section);
  expect([...files.keys()].sort()).toEqual([
    "maestro-eval.config.ts",
    "suites/hello.eval.ts",
    "vitest.config.ts",
  ]);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(consumer, path)), { recursive: true });
    writeFileSync(join(consumer, path), text);
  }
}, 480_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  test("holds the compiled package, the spec, the report schema and the docs, and none of the sources, tests or maps", () => {
    const paths = packed.files.map((file) => file.path);
    for (const path of [
      "package.json",
      "README.md",
      "CHANGELOG.md",
      "LICENSE",
      "bin/maestro-eval.js",
      "openapi/maestro.yaml",
      "schemas/eval-report.schema.json",
      "dist/bundle/cli.js",
      "dist/bundle/global-setup.js",
      "dist/bundle/prepare-run-thread.js",
      "dist/bundle/suite-worker-preload.js",
      "dist/generated/maestro.d.ts",
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(
      paths.filter((path) => /^(src|test|suites|reports|node_modules)\/|\.map$|\.tsbuildinfo$/.test(path)),
    ).toEqual([]);
    // Every target of the exports map is in the tarball.
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      exports: Record<string, string | Record<string, string>>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const conditions = typeof target === "string" ? { default: target } : target;
      for (const [condition, file] of Object.entries(conditions)) {
        if (condition === "maestro-eval-source") continue;
        expect(paths, `${subpath} (${condition})`).toContain(file.replace(/^\.\//, ""));
      }
    }
    // The bound catches a directory that should not ship; README.md states the figures.
    expect(packed.unpackedSize).toBeLessThan(2_500_000);
    const stated = /The package is ([\d.]+) kB packed and ([\d.]+) MB unpacked/.exec(section);
    expect(stated, "README.md states the tarball's size").not.toBeNull();
    const [packedKb, unpackedMb] = [Number(stated![1]), Number(stated![2])];
    const near = (stated: number, actual: number) => Math.abs(stated - actual) / actual < 0.25;
    expect(
      near(packedKb * 1e3, packed.size),
      `README says ${packedKb} kB packed, it is ${packed.size} B`,
    ).toBe(true);
    expect(
      near(unpackedMb * 1e6, packed.unpackedSize),
      `README says ${unpackedMb} MB unpacked, it is ${packed.unpackedSize} B`,
    ).toBe(true);
  });

  test("imports at run time only its dependencies, its peer vitest and Node's built-in modules", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ]);
    const installed = join(consumer, "node_modules/maestro-eval");
    const undeclared = new Set<string>();
    for (const file of listFiles(join(installed, "dist")).filter((path) => path.endsWith(".js"))) {
      const text = readFileSync(file, "utf8");
      // Statements start a line in tsc's output; the doc comments' examples start with " * ".
      const statements =
        /^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm;
      for (const match of text.matchAll(statements)) {
        const specifier = match[1] ?? match[2] ?? match[3]!;
        if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        const name = specifier.startsWith("@")
          ? specifier.split("/").slice(0, 2).join("/")
          : specifier.split("/")[0]!;
        if (!declared.has(name) && !builtinModules.includes(name)) undeclared.add(`${name} (${file})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  test("its types resolve for ESM consumers (are the types wrong, esm-only profile)", async () => {
    const attw = await exec(
      join(root, "node_modules/.bin/attw"),
      [
        join(work, packed.filename),
        "--profile",
        "esm-only",
        // A YAML file, exported for tools that read the spec; attw checks only JavaScript and types.
        "--exclude-entrypoints",
        "./openapi/maestro.yaml",
        "--format",
        "ascii",
      ],
      root,
    );
    expectExit(attw, 0, "attw");
    // Each entry point, under Node's ESM resolution and bundlers', resolves to types and JavaScript.
    const verdicts = attw.stdout.split("\n").filter((line) => /^(node16 \(from ESM\)|bundler):/.test(line));
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: object };
    expect(verdicts).toHaveLength(2 * (Object.keys(manifest.exports).length - 1));
    expect(verdicts.filter((line) => !line.includes("🟢"))).toEqual([]);
  }, 120_000);
});

describe("a new project that installed the tarball as the README says", () => {
  test("npx maestro-eval run: the suite on the embedded local server, tables, every report, the gate passed, exit 0", async () => {
    expect(section).toContain("npx maestro-eval run");
    const run = await exec("npx", ["maestro-eval", "run"], consumer);
    expectExit(run, 0, "npx maestro-eval run");
    expect(run.stdout).toContain('suite "greetings": 8 cells · 8 passed · 0 failed (simulated models)');
    expect(run.stdout).toMatch(/│ short\s+│/);
    expect(run.stdout).toMatch(/│ no CEO \*\s+│/); // * mandatory
    expect(run.stdout).toContain("Gate PASSED");
    for (const file of ["results.jsonl", "report.json", "report.html", "junit.xml", "summary.md"]) {
      expect(existsSync(join(consumer, "reports", file)), file).toBe(true);
    }
    const report = JSON.parse(readFileSync(join(consumer, "reports/report.json"), "utf8")) as {
      cells: unknown[];
      tool?: { version?: string };
    };
    expect(report.cells).toHaveLength(8);
    expect(readFileSync(join(consumer, "reports/results.jsonl"), "utf8").trim().split("\n")).toHaveLength(8);
    expect(readFileSync(join(consumer, "reports/junit.xml"), "utf8")).toContain("<testsuites");
  }, 120_000);

  test("npx vitest run with the README's vitest.config.ts: the same cells, and the reporter's reports", async () => {
    rmSync(join(consumer, "reports"), { recursive: true, force: true });
    expect(section).toContain("npx vitest run");
    const run = await exec("npx", ["vitest", "run"], consumer);
    expectExit(run, 0, "npx vitest run");
    expect(run.stdout).toContain('suite "greetings": 8 cells · 8 passed · 0 failed (simulated models)');
    expect(existsSync(join(consumer, "reports/report.json"))).toBe(true);
  }, 120_000);

  test("a suite worker's Node flags preload maestro-eval/vitest and warn of nothing", async () => {
    // The flags a worker gets, as the installed package gives them to a hand-written vitest config.
    writeFileSync(
      join(consumer, "worker-flags.mjs"),
      `import { defineMaestroConfig } from "maestro-eval/vitest";
process.stdout.write(JSON.stringify(defineMaestroConfig().test.execArgv));
`,
    );
    const flagsRun = await exec(process.execPath, ["worker-flags.mjs"], consumer);
    expectExit(flagsRun, 0, "node worker-flags.mjs");
    const flags = JSON.parse(flagsRun.stdout) as string[];
    const preload = flags[flags.indexOf("--import") + 1] ?? "";
    expect(flags.slice(0, 2)).toEqual(["--no-regexp-tier-up", "--heap-growing-percent=50"]);
    expect(preload).toMatch(
      /^file:\/\/.*\/node_modules\/maestro-eval\/dist\/bundle\/suite-worker-preload\.js$/,
    );
    // A process started with them, and a hook that names each module loaded after them: the preload loads
    // the entry a suite file imports, which then is the module loaded already.
    const loads = `import { register } from "node:module"; register("data:text/javascript," + encodeURIComponent('export async function load(url, context, next) { process.stderr.write("loaded " + url + "\\\\n"); return next(url, context); }'));`;
    const check = `setTimeout(async () => {
  process.stderr.write("importing\\n");
  const { describeMaestro } = await import("maestro-eval/vitest");
  process.stdout.write(typeof describeMaestro);
}, 1000);`;
    const run = await exec(
      process.execPath,
      [...flags, "--import", `data:text/javascript,${encodeURIComponent(loads)}`, "-e", check],
      consumer,
    );
    expectExit(run, 0, "node with the workers' flags");
    expect(run.stdout).toBe("function");
    const lines = run.stderr.trim().split("\n");
    expect(lines.filter((line) => !line.startsWith("loaded ") && line !== "importing")).toEqual([]);
    const preloaded = lines.findIndex((line) => /maestro-eval\/dist\/bundle\/vitest\.js$/.test(line));
    expect(preloaded).toBeGreaterThanOrEqual(0);
    expect(preloaded).toBeLessThan(lines.indexOf("importing"));
  }, 60_000);

  test("the suite, the configs and every entry point type-check under strict, with NodeNext and with Bundler resolution", async () => {
    await typeCheck([
      { module: "NodeNext", moduleResolution: "NodeNext" },
      { module: "ESNext", moduleResolution: "Bundler" },
    ]);
  }, 120_000);

  test("the README's CI commands: two shards, merged, then gated over both, exit 0; a usage error exits 3", async () => {
    // vitest shards by file: a second suite file, so that each shard has one.
    const hello = readFileSync(join(consumer, "suites/hello.eval.ts"), "utf8");
    writeFileSync(
      join(consumer, "suites/hello-again.eval.ts"),
      hello.replace('"greetings"', '"greetings again"'),
    );
    const commands = [
      "run --shard 1/2 --reports reports/shard-1",
      "run --shard 2/2 --reports reports/shard-2",
      "merge reports/shard-1/report.json reports/shard-2/report.json --out reports",
      "gate reports/report.json",
    ];
    for (const command of commands) {
      expect(section).toContain(`npx maestro-eval ${command}`);
      const result = await exec("npx", ["maestro-eval", ...command.split(" ")], consumer);
      expectExit(result, 0, `npx maestro-eval ${command}`);
    }
    const merged = JSON.parse(readFileSync(join(consumer, "reports/report.json"), "utf8")) as {
      cells: unknown[];
    };
    expect(merged.cells).toHaveLength(16);
    const usage = await exec("npx", ["maestro-eval", "run", "--shard", "3/2"], consumer);
    expectExit(usage, 3, "npx maestro-eval run --shard 3/2");
    expect(usage.stderr).toContain("--shard must look like i/n");
  }, 180_000);

  test('the same project as ES modules ("type": "module"): the run passes and the suite type-checks', async () => {
    const manifest = JSON.parse(readFileSync(join(consumer, "package.json"), "utf8")) as object;
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ ...manifest, type: "module" }, null, 2));
    const run = await exec("npx", ["maestro-eval", "run"], consumer);
    expectExit(run, 0, "npx maestro-eval run");
    expect(run.stdout).toContain('suite "greetings": 8 cells · 8 passed · 0 failed (simulated models)');
    expect(run.stdout).toContain("Gate PASSED");
    await typeCheck([{ module: "NodeNext", moduleResolution: "NodeNext" }]);
  }, 120_000);
});
