// README, Reports: "Each file is written whole and then renamed into place": a reader of a report path
// sees the old file or the new one, never part of one, and a write that fails leaves the old file and no
// temporary file. Observed through the writers' contract, not timing: a streamed write's chunks (and the
// report's cells, read while it is rendered) are produced synchronously between two writes, so what the
// directory holds at that moment is what a reader could see in the middle of the write.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type EvalReport, evaluateGate } from "../../../src/domain/index.js";
import { renderReportJson } from "../../../src/reporter/render-report-json.js";
import { writeFileAtomic } from "../../../src/reporter/write-file-atomic.js";
import { REPORT_FILES, writeReportFiles } from "../../../src/reporter/write-report-files.js";
import { fixtureReport } from "./fixtures.js";

const root = mkdtempSync(join(tmpdir(), "maestro-eval-atomic-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
function freshDir(): string {
  dirs += 1;
  const dir = join(root, `d${dirs}`);
  mkdirSync(dir);
  return dir;
}

const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".tmp"));

describe("writeFileAtomic", () => {
  // Each chunk is larger than the 1 MiB buffer, so it is on disk before the next one is asked for.
  const CHUNK = 1_500_000;
  const chunk = (index: number) => String(index % 10).repeat(CHUNK);

  test("while a large file is streamed, the path holds the old file whole and a temporary file beside it grows", () => {
    const dir = freshDir();
    const path = join(dir, "report.json");
    writeFileSync(path, "old report");
    const seen: { target: string; temporary: string[]; temporaryBytes: number }[] = [];
    function* chunks(): Generator<string> {
      for (let index = 0; index < 5; index += 1) {
        const temporary = temporaries(dir);
        seen.push({
          target: readFileSync(path, "utf8"),
          temporary,
          temporaryBytes: temporary.length === 1 ? readFileSync(join(dir, temporary[0]!)).length : -1,
        });
        yield chunk(index);
      }
    }
    writeFileAtomic(path, chunks());
    // Mid-write: the old file at the path, and one temporary file in the same directory, holding every
    // chunk written so far.
    expect(seen.map((moment) => moment.target)).toEqual(Array(5).fill("old report"));
    for (const moment of seen) {
      expect(moment.temporary).toHaveLength(1);
      expect(moment.temporary[0]!.startsWith("report.json.")).toBe(true);
    }
    expect(seen.map((moment) => moment.temporaryBytes)).toEqual([0, 1, 2, 3, 4].map((n) => n * CHUNK));
    // After: the new file whole, renamed into place, and nothing else left.
    expect(readFileSync(path, "utf8")).toBe([0, 1, 2, 3, 4].map(chunk).join(""));
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  test("a new file does not exist at its path until it is whole", () => {
    const dir = freshDir();
    const path = join(dir, "junit.xml");
    const existed: boolean[] = [];
    function* chunks(): Generator<string> {
      for (let index = 0; index < 3; index += 1) {
        existed.push(existsSync(path));
        yield chunk(index);
      }
      existed.push(existsSync(path));
    }
    writeFileAtomic(path, chunks());
    expect(existed).toEqual([false, false, false, false]);
    expect(readFileSync(path, "utf8")).toHaveLength(3 * CHUNK);
    expect(readdirSync(dir)).toEqual(["junit.xml"]);
  });

  test("chunks that throw after megabytes were written leave the old file as it was and no temporary file", () => {
    const dir = freshDir();
    const path = join(dir, "report.html");
    writeFileSync(path, "old page");
    function* failing(): Generator<string> {
      yield chunk(1);
      yield chunk(2);
      throw new Error("render failed at the third chunk");
    }
    expect(() => writeFileAtomic(path, failing())).toThrow("render failed at the third chunk");
    expect(readFileSync(path, "utf8")).toBe("old page");
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });

  test("a new file whose chunks throw is never created", () => {
    const dir = freshDir();
    const path = join(dir, "summary.md");
    function* failing(): Generator<string> {
      yield chunk(1);
      throw new Error("render failed");
    }
    expect(() => writeFileAtomic(path, failing())).toThrow("render failed");
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a rename that fails (a directory in the way) leaves what was there and no temporary file", () => {
    const dir = freshDir();
    const path = join(dir, "report.json");
    mkdirSync(path);
    writeFileSync(join(path, "inside"), "kept");
    expect(() => writeFileAtomic(path, "new report")).toThrow();
    expect(() => writeFileAtomic(path, [chunk(0), chunk(1)])).toThrow();
    expect(readdirSync(dir)).toEqual(["report.json"]);
    expect(readFileSync(join(path, "inside"), "utf8")).toBe("kept");
  });
});

/**
 * The report with every cell behind a proxy that calls `onRead` whenever a renderer reads one of its
 * fields: the moments a streamed file is half rendered.
 */
function watchedReport(report: EvalReport, onRead: () => void): EvalReport {
  const cells = report.cells.map(
    (cell) =>
      new Proxy(cell, {
        get(target, property, receiver) {
          onRead();
          return Reflect.get(target, property, receiver);
        },
      }),
  );
  return { ...report, cells };
}

const FILES = [REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.junit, REPORT_FILES.markdown] as const;

function readFiles(dir: string): Record<string, string> {
  return Object.fromEntries(FILES.map((file) => [file, readFileSync(join(dir, file), "utf8")]));
}

function writeOldFiles(dir: string): void {
  for (const file of FILES) writeFileSync(join(dir, file), `old ${file}`);
}

describe("writeReportFiles", () => {
  test("report.json, report.html, junit.xml and summary.md each hold the old file or the whole new one at every moment of the write", () => {
    const dir = freshDir();
    writeOldFiles(dir);
    const plain = fixtureReport();
    const moments: { files: Record<string, string>; temporary: string[] }[] = [];
    const report = watchedReport(plain, () => {
      moments.push({ files: readFiles(dir), temporary: temporaries(dir) });
    });
    writeReportFiles(dir, report, evaluateGate(plain));
    const final = readFiles(dir);
    expect(final[REPORT_FILES.json]).toBe(renderReportJson(plain));
    expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
    // The renderers read cells while report.json, report.html and junit.xml were being written.
    const inProgress = new Set(
      moments.flatMap((moment) => moment.temporary.map((name) => name.split(".tmp")[0]!)),
    );
    for (const file of [REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.junit])
      expect(
        [...inProgress].some((name) => name.startsWith(`${file}.`)),
        file,
      ).toBe(true);
    // At no moment was any file empty, cut, or anything but the old file or the whole new one.
    for (const moment of moments)
      for (const file of FILES) expect([`old ${file}`, final[file]]).toContain(moment.files[file]);
  });

  test("a report that fails while report.html is rendered leaves report.json whole and new, the other files old, and no temporary file", () => {
    const dir = freshDir();
    writeOldFiles(dir);
    const plain = fixtureReport();
    const report = watchedReport(plain, () => {
      if (temporaries(dir).some((name) => name.startsWith(`${REPORT_FILES.html}.`)))
        throw new Error("a cell could not be rendered");
    });
    expect(() => writeReportFiles(dir, report, evaluateGate(plain))).toThrow("a cell could not be rendered");
    expect(readFiles(dir)).toEqual({
      [REPORT_FILES.json]: renderReportJson(plain),
      [REPORT_FILES.html]: `old ${REPORT_FILES.html}`,
      [REPORT_FILES.junit]: `old ${REPORT_FILES.junit}`,
      [REPORT_FILES.markdown]: `old ${REPORT_FILES.markdown}`,
    });
    expect(temporaries(dir)).toEqual([]);
  });
});
