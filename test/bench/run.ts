// `npm run bench`: runs every test/bench/*.bench.ts (or those named on the command line), prints one
// line per figure with its target, and writes reports/bench/<name>.json. Ratios and rates are measured
// in one run, on this machine, so they can be compared; nothing here is asserted by a test.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** One measured figure. `target` is the figure the issue asks for; `met` whether it was reached. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

/** What a bench file's default export returns. */
export type Bench = () => Promise<BenchFigure[]>;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => only.length === 0 || only.some((want) => name.includes(want)))
  .sort();

const outDir = join(root, "reports", "bench");
mkdirSync(outDir, { recursive: true });
const machine = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  memoryBytes: totalmem(),
};
let missed = 0;
for (const file of files) {
  const name = basename(file, ".bench.ts");
  const bench = (await import(pathToFileURL(join(here, file)).href)).default as Bench;
  console.log(`\n# ${name}`);
  const figures = await bench();
  for (const figure of figures) {
    const mark = figure.met === undefined ? "" : figure.met ? "  [met]" : "  [MISSED]";
    if (figure.met === false) missed += 1;
    const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(3);
    console.log(
      `${figure.name}: ${value} ${figure.unit}${figure.target ? ` (target ${figure.target})` : ""}${mark}`,
    );
  }
  writeFileSync(
    join(outDir, `${name}.json`),
    `${JSON.stringify({ name, machine, at: new Date().toISOString(), figures }, null, 2)}\n`,
  );
}
console.log(`\n${files.length} benchmark file(s); ${missed} target(s) missed; results in reports/bench/`);
