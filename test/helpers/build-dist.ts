// Vitest global setup of this repository's tests: builds dist/ unless it was built from the sources as they
// are now (dist/build-id against scripts/build-id.mjs, the check bin/maestro-eval.js makes), so that the
// tests which start the CLI as a user would run it compiled (MAESTRO_EVAL_FROM=dist, set in
// vitest.config.ts) and always from the current sources. The build replaces dist/ whole when it is done
// (scripts/build.mjs), so another test run on this tree never finds it missing.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildId } from "../../scripts/build-id.mjs";
import { repoRoot } from "./run-fixture-suites.js";

export default function setup(): void {
  const built = join(repoRoot, "dist/build-id");
  if (existsSync(built) && readFileSync(built, "utf8").trim() === buildId(repoRoot)) return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: repoRoot, stdio: "inherit" });
}
