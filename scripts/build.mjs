// `npm run build`: compiles src/ into dist/ with the generated types and the spec as JSON
// (dist/openapi-spec.json, which the package reads instead of parsing the YAML). The build goes to a folder
// of its own and replaces dist/ by two renames, so that whatever runs from dist/ meanwhile (another test
// run on this tree) never finds it missing or half written.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const building = join(root, `.dist-building-${process.pid}`);
const old = join(root, `.dist-old-${process.pid}`);
const dist = join(root, "dist");
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
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(building, dist);
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(building, { recursive: true, force: true });
}
