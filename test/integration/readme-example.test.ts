import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);

/** The README's code blocks under a heading, in order. */
function codeBlocks(heading: string): string[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

test("the README's client example runs as written against the local server", async () => {
  const [example] = codeBlocks("The client");
  expect(example).toBeDefined();
  const source = example!
    .replace(
      'from "maestro-eval/local"',
      `from ${JSON.stringify(pathToFileURL(join(root, "src/local/index.ts")).href)}`,
    )
    .replace('from "maestro-eval"', `from ${JSON.stringify(pathToFileURL(join(root, "src/index.ts")).href)}`);
  const dir = mkdtempSync(join(root, "node_modules", ".readme-example-"));
  try {
    const file = join(dir, "example.mts");
    writeFileSync(file, source);
    const { stdout } = await run(process.execPath, ["--import", "tsx", file], {
      cwd: root,
      timeout: 60_000,
      env: { ...process.env, AI21_API_KEY: "" },
    });
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^completed (0|1|0\.\d+)$/);
    expect(lines[1]).toMatch(/^vendor: (0|1|0\.\d+) \(/);
    expect(lines[2]).toMatch(/^format consistency: (0|1|0\.\d+) \(/);
    expect(lines[3]!.length).toBeGreaterThan(0);
    expect(lines[4]).toBe(lines[3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
