// `npm run build`: compiles src/ into dist/ with the generated types and the spec as JSON
// (dist/openapi-spec.json, which the package reads instead of parsing the YAML) and the request validators
// compiled ahead of time (dist/spec-validators.cjs, instead of loading ajv and compiling; the report's
// schema likewise, dist/report-validator.cjs). tsc writes the types
// (dist/**/*.d.ts); the JavaScript the package runs is bundled by esbuild into dist/bundle/, one file per
// entry point (the package's exports, the CLI, the harness's global setup, the suite workers' preload, the
// local server's preparing thread) and chunks of the code they share, so that every entry point sees one
// instance of each module.
// A process then loads a few files instead of a few hundred: a worker's import of `maestro-eval/vitest`
// took 180 ms from tsc's 213 modules and about 105 ms bundled, the CLI's process about 115 ms less.
// The build goes to a folder of its own and replaces dist/ by two renames, so that whatever runs from
// dist/ meanwhile (another test run on this tree) never finds it missing or half written.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildId } from "./build-id.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const building = join(root, `.dist-building-${process.pid}`);
const old = join(root, `.dist-old-${process.pid}`);
const dist = join(root, "dist");

/**
 * The bundle's entry points: their file in dist/bundle/ and the module tsc compiled them to. The package's
 * exports and bin name these files. Two are found by name at run time, relative to the code that uses
 * them, which the bundle puts in the same folder: `global-setup.js` and `suite-worker-preload.js`
 * (harness/define-maestro-config.ts), `prepare-run-thread.js` (local/run-preparer.ts); and the preload finds
 * `vitest.js` beside it.
 */
const ENTRIES = {
  index: "index.js",
  vitest: "vitest.js",
  local: "local/index.js",
  arbitraries: "arbitraries/index.js",
  verifiers: "verifiers/index.js",
  constraints: "constraints/index.js",
  reporter: "reporter/index.js",
  diff: "diff/index.js",
  cli: "cli/main.js",
  "global-setup": "harness/global-setup.js",
  "prepare-run-thread": "local/prepare-run-thread.js",
  "suite-worker-preload": "harness/suite-worker-preload.js",
};

/** Removes tsc's JavaScript outside dist/bundle/ (the bundle replaces it); its declarations stay. */
function removeCompiledJavaScript(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path !== join(building, "bundle")) removeCompiledJavaScript(path);
    } else if (name.endsWith(".js") || name.endsWith(".js.map")) rmSync(path);
  }
}

const id = buildId(root);
rmSync(building, { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", building],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  cpSync(join(root, "src/generated"), join(building, "generated"), { recursive: true });
  const spec = require("yaml").parse(readFileSync(join(root, "openapi/maestro.yaml"), "utf8"));
  writeFileSync(join(building, "openapi-spec.json"), JSON.stringify(spec));
  // The request validators compiled ahead of time (src/constraints/spec-validators.ts), by the code just
  // compiled, from the spec just written.
  const { generatePrecompiledValidators } = await import(
    pathToFileURL(join(building, "constraints/spec-validators.js")).href
  );
  writeFileSync(join(building, "spec-validators.cjs"), generatePrecompiledValidators());
  // And report.json's (src/cli/report-validator.ts), which gate, compare, merge and bless check.
  const { generateReportValidator } = await import(
    pathToFileURL(join(building, "cli/report-validator.js")).href
  );
  writeFileSync(join(building, "report-validator.cjs"), generateReportValidator());
  const esbuild = require("esbuild");
  await esbuild.build({
    entryPoints: Object.fromEntries(
      Object.entries(ENTRIES).map(([name, file]) => [name, join(building, file)]),
    ),
    outdir: join(building, "bundle"),
    // Chunks beside the entries: modules that find files relative to themselves (import.meta.url) are at
    // the same depth under dist/ as tsc put them, whichever file holds them.
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Dependencies and the peer vitest are the user's installed packages, imported as they are.
    packages: "external",
    // No keepNames: where two modules' names meet in one chunk, one is renamed, declaration and uses
    // alike. Nothing reads a function's or class's name at run time (errors set theirs), and the HTML
    // report's script, assembled from function sources, stays consistent with the names it calls.
    charset: "utf8",
    define: { __MAESTRO_EVAL_BUILD_ID__: JSON.stringify(id) },
    sourcemap: true,
    logLevel: "warning",
  });
  removeCompiledJavaScript(building);
  // Read by bin/maestro-eval.js in this repository: dist/ runs only while the sources are the ones it was built from.
  writeFileSync(join(building, "build-id"), `${id}\n`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(building, dist);
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(building, { recursive: true, force: true });
}
