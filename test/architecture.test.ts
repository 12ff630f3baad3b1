import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

/** STYLE.md's table: which src folders each folder may import, and which packages. */
const allowed: Record<string, { folders: string[]; packages: string[] }> = {
  generated: { folders: [], packages: [] },
  errors: { folders: [], packages: [] },
  domain: { folders: ["generated", "errors"], packages: [] },
  constraints: { folders: ["domain", "errors"], packages: ["ajv", "ajv-formats", "yaml", "node:*"] },
  verifiers: { folders: ["domain", "errors"], packages: ["franc", "node:*"] },
  client: {
    folders: ["generated", "domain", "errors", "constraints"],
    packages: ["openapi-fetch", "p-queue", "node:*"],
  },
  sim: { folders: ["domain", "verifiers"], packages: ["node:*"] },
  library: { folders: ["domain"], packages: ["node:*"] },
  local: {
    folders: ["domain", "errors", "constraints", "verifiers", "sim", "library"],
    packages: ["node:*", "@modelcontextprotocol/sdk", "yaml"],
  },
  // node:module only to require json-diff-kit at its first use (createRequire), not with the module.
  diff: { folders: ["domain"], packages: ["json-diff-kit", "node:module"] },
  arbitraries: { folders: ["domain", "constraints"], packages: ["fast-check", "@faker-js/faker"] },
  matchers: { folders: ["domain", "diff", "errors", "verifiers"], packages: ["vitest"] },
  harness: {
    folders: ["client", "domain", "diff", "matchers", "errors", "constraints", "local", "verifiers"],
    packages: ["vitest", "node:*", "@faker-js/faker"],
  },
  reporter: { folders: ["domain", "diff"], packages: ["vitest", "cli-table3", "node:*"] },
  cli: { folders: ["*"], packages: ["*"] },
  ".": { folders: ["*"], packages: [] },
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.(ts|mts|js)$/.test(name) ? [path] : [];
  });
}

function readSpecifiers(source: string): string[] {
  // Doc comments show users' imports (`from "maestro-eval/vitest"`); only code counts.
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*import\s*["']([^"']+)["']/gm,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function folderOf(file: string): string {
  const rel = relative(src, file).split(sep);
  return rel.length === 1 ? "." : rel[0]!;
}

function packageName(specifier: string): string {
  if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return "node:*";
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** The file a relative specifier names: `./x.js` is `./x.ts` on disk, a folder is its `index.ts`. */
function resolveFile(file: string, specifier: string): string {
  const target = resolve(dirname(file), specifier);
  if (/\.(ts|mts)$/.test(target)) return target;
  if (target.endsWith(".js")) return target.replace(/\.js$/, ".ts");
  return join(target, "index.ts");
}

/** Every import cycle among `graph`'s files, each as the files in order with the first repeated at the end. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): void => {
    path.push(file);
    onPath.add(file);
    for (const next of graph.get(file) ?? []) {
      if (onPath.has(next)) cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) visit(file);
  return cycles;
}

const files = listFiles(src);

describe("architecture", () => {
  test("every folder under src/ is in the import table", () => {
    const folders = new Set(files.map(folderOf));
    expect([...folders].filter((folder) => !(folder in allowed))).toEqual([]);
  });

  test("imports flow one way, as STYLE.md's table says", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      const rule = allowed[from];
      if (!rule) continue;
      for (const specifier of readSpecifiers(readFileSync(file, "utf8"))) {
        if (specifier.startsWith(".")) {
          const target = resolve(dirname(file), specifier);
          if (!target.startsWith(src)) continue;
          const to = folderOf(
            target.endsWith(".js") || target.endsWith(".ts") ? target : join(target, "index.ts"),
          );
          if (to === from || rule.folders.includes("*") || rule.folders.includes(to)) continue;
          violations.push(`${relative(root, file)} imports src/${to} (${specifier})`);
        } else {
          const pkg = packageName(specifier);
          // A rule names a package, or one built-in module ("node:module") where the folder needs no other.
          if (rule.packages.includes("*") || rule.packages.includes(pkg) || rule.packages.includes(specifier))
            continue;
          violations.push(`${relative(root, file)} imports package ${pkg}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  test("findCycles names the files of each cycle in import order, and nothing for a graph without one", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", ["d"]],
      ["e", ["a"]],
    ]);
    expect(findCycles(graph)).toEqual([
      ["a", "b", "c", "a"],
      ["d", "d"],
    ]);
    expect(
      findCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
          ["c", ["a", "b"]],
        ]),
      ),
    ).toEqual([]);
  });

  test("no file under src/ takes part in an import cycle", () => {
    // Type-only imports count too: a cycle of types still ties the files' designs together.
    const known = new Set(files);
    const graph = new Map(
      files.map((file) => [
        file,
        readSpecifiers(readFileSync(file, "utf8"))
          .filter((specifier) => specifier.startsWith("."))
          .map((specifier) => resolveFile(file, specifier))
          .filter((target) => known.has(target)),
      ]),
    );
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => relative(root, file)).join(" -> "));
    expect(cycles).toEqual([]);
  });

  test("no hand-written file is over 500 lines and no function over 120", () => {
    // Data tables (phrase banks) may run longer: they are read as tables, not followed as code.
    const dataTables = new Set(["src/sim/phrase-banks.ts"]);
    const handWritten = files.filter((file) => !relative(root, file).startsWith(`src${sep}generated`));
    const longFiles = handWritten
      .map((file) => [relative(root, file), readFileSync(file, "utf8").split("\n").length] as const)
      .filter(([name, lines]) => lines > 500 && !dataTables.has(name.split(sep).join("/")))
      .map(([name, lines]) => `${name}: ${lines} lines`);
    expect(longFiles).toEqual([]);
    const longFunctions: string[] = [];
    for (const file of handWritten) {
      const text = readFileSync(file, "utf8");
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > 120)
            longFunctions.push(`${relative(root, file)}:${start + 1}: ${end - start + 1} lines`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(longFunctions).toEqual([]);
  });

  test("no folder uses export *", () => {
    const offenders = files.filter((file) => /^\s*export\s+\*\s+from/m.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
