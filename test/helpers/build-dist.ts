// Vitest global setup of this repository's tests: builds dist/ when any source is newer than the last
// build, so that the tests which start the CLI as a user would run it compiled (MAESTRO_EVAL_FROM=dist,
// set in vitest.config.ts) and always from the current sources. The build replaces dist/ whole when it is
// done (scripts/build.mjs), so another test run on this tree never finds it missing.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./run-fixture-suites.js";

const STAMP = join(repoRoot, "dist/.built-from-sources");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export default function setup(): void {
  const sources = Math.max(
    newestMtime(join(repoRoot, "src")),
    newestMtime(join(repoRoot, "tsconfig.json")),
    newestMtime(join(repoRoot, "tsconfig.build.json")),
    newestMtime(join(repoRoot, "package.json")),
    // The build writes the spec beside the modules as JSON (dist/openapi-spec.json).
    newestMtime(join(repoRoot, "openapi/maestro.yaml")),
  );
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= sources) return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: repoRoot, stdio: "inherit" });
  writeFileSync(STAMP, `built from the sources at ${new Date().toISOString()}\n`);
}
