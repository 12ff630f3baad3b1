// The build's identity: a hash of what a build is made from (the package's version, the spec, every file
// under src/, the TypeScript configs and the build script). scripts/build.mjs writes it into the bundle
// (what one build's verifiers parsed is reused only by processes of the same build:
// verifiers/parse-memory.ts) and into dist/build-id; bin/maestro-eval.js, in this repository, runs dist/
// only when its id is the one the files have now. About 20 ms for the 330 files.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The inputs of a build besides src/, relative to the repository's root. */
const INPUTS = [
  "openapi/maestro.yaml",
  "tsconfig.json",
  "tsconfig.build.json",
  "scripts/build.mjs",
  "scripts/build-id.mjs",
];

/** The id of a build of the repository at `repository` made from its files as they are now. */
export function buildId(repository) {
  // Without a trailing separator: the files' paths are hashed relative to it.
  const root = resolve(repository);
  const hash = createHash("sha256");
  const files = (dir) =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
  hash.update(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  for (const file of [...INPUTS.map((input) => join(root, input)), ...files(join(root, "src"))]) {
    hash.update(`\0${file.slice(root.length)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}
