import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createFileLibrary, isFileId, LibraryError } from "../../../src/library/index.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A folder holding `victim/secret.txt` and a library directory `library/` beside it. */
function setUp(): { root: string; libraryDir: string; secret: string } {
  const root = mkdtempSync(join(tmpdir(), "maestro-eval-library-test-"));
  folders.push(root);
  mkdirSync(join(root, "victim"));
  const secret = join(root, "victim", "secret.txt");
  writeFileSync(secret, "the victim's secret");
  const libraryDir = join(root, "library");
  mkdirSync(join(libraryDir, "files"), { recursive: true });
  return { root, libraryDir, secret };
}

function writeIndex(libraryDir: string, files: unknown[]): void {
  writeFileSync(join(libraryDir, "library.json"), JSON.stringify({ version: 1, files }));
}

const ENTRY = {
  name: "secret.txt",
  fileType: "txt",
  sizeBytes: 19,
  createdBy: "00000000-0000-0000-0000-000000000000",
  creationDate: "2026-03-01",
  lastUpdated: "2026-03-01",
  status: "PROCESSED",
  path: null,
  labels: [],
  publicUrl: null,
};

describe("isFileId", () => {
  test.each([
    ["3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b", true],
    ["3F2B1C9E-8D7A-4E6F-9A0B-1C2D3E4F5A6B", true],
    ["../../victim/secret.txt", false],
    ["3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b/..", false],
    ["3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6", false],
    ["", false],
    [42, false],
  ])("%j is %s", (value, expected) => {
    expect(isFileId(value)).toBe(expected);
  });
});

describe("createFileLibrary reading library.json", () => {
  test("refuses an index whose fileId leaves the folder, and reads nothing outside it", () => {
    const { libraryDir, secret } = setUp();
    writeIndex(libraryDir, [{ ...ENTRY, fileId: "../../victim/secret.txt" }]);
    expect(() => createFileLibrary({ directory: libraryDir })).toThrow(
      new TypeError(
        `createFileLibrary: ${join(libraryDir, "library.json")}: files[0].fileId must be a lowercase UUID, got "../../victim/secret.txt"; remove the entry or restore its id`,
      ),
    );
    expect(readFileSync(secret, "utf8")).toBe("the victim's secret");
  });

  test.each<[string, unknown, string]>([
    ["an entry that is not an object", "x", "files[0] must be an object"],
    [
      "an entry without a name",
      { ...ENTRY, name: undefined, fileId: "3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b" },
      "files[0].name must be a non-empty string, got undefined",
    ],
    [
      "an upper-case id",
      { ...ENTRY, fileId: "3F2B1C9E-8D7A-4E6F-9A0B-1C2D3E4F5A6B" },
      "files[0].fileId must be a lowercase UUID",
    ],
  ])("refuses %s, naming the entry", (_, entry, message) => {
    const { libraryDir } = setUp();
    writeIndex(libraryDir, [entry]);
    expect(() => createFileLibrary({ directory: libraryDir })).toThrow(message);
  });

  test("refuses an id listed twice", () => {
    const { libraryDir } = setUp();
    const fileId = "3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b";
    writeFileSync(join(libraryDir, "files", fileId), "text");
    writeIndex(libraryDir, [
      { ...ENTRY, fileId },
      { ...ENTRY, name: "other.txt", fileId },
    ]);
    expect(() => createFileLibrary({ directory: libraryDir })).toThrow(
      `files[1].fileId ${fileId} appears twice`,
    );
  });

  test("get, update and delete never reach a path built from an id that is not a UUID", () => {
    const { libraryDir, secret } = setUp();
    const library = createFileLibrary({ directory: libraryDir });
    const { fileId } = library.upload({ filename: "a.txt", data: Buffer.from("alpha") });
    for (const id of [
      "../../victim/secret.txt",
      "../victim/secret.txt",
      `${fileId}/../../../victim/secret.txt`,
    ]) {
      expect(library.get(id)).toBeUndefined();
      expect(library.update(id, { labels: ["x"] })).toBeUndefined();
      expect(library.delete(id)).toBe(false);
    }
    expect(existsSync(secret)).toBe(true);
    expect(library.get(fileId.toUpperCase())?.fileId).toBe(fileId);
    expect(library.delete(fileId.toUpperCase())).toBe(true);
    expect(existsSync(join(libraryDir, "files", fileId))).toBe(false);
  });

  test("a valid index is loaded with its files", () => {
    const { libraryDir } = setUp();
    const first = createFileLibrary({ directory: libraryDir });
    const { fileId } = first.upload({ filename: "kept.md", data: Buffer.from("# Kept\n\nStill here.") });
    const again = createFileLibrary({ directory: libraryDir });
    expect(again.get(fileId)?.name).toBe("kept.md");
    expect(again.files()[0]?.text).toBe("# Kept\n\nStill here.");
  });
});

/** The error an upload throws, as `{status, detail}`. */
function refusal(run: () => unknown): { status: number; detail: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof LibraryError) return { status: error.status, detail: error.detail };
    throw error;
  }
  throw new Error("the upload was accepted");
}

describe("createFileLibrary limits", () => {
  test("an upload past the total byte limit answers 507 with what to do; deleting frees room", () => {
    const library = createFileLibrary({ maxTotalBytes: 1_000 });
    try {
      const { fileId } = library.upload({ filename: "a.txt", data: Buffer.alloc(600, "a") });
      expect(refusal(() => library.upload({ filename: "b.txt", data: Buffer.alloc(500, "b") }))).toEqual({
        status: 507,
        detail:
          'The library is full: it holds 600 bytes of files and "b.txt" has 500, past its limit of 1000. Delete files (DELETE /studio/v1/library/files/{file_id}) or start the server with a larger libraryMaxBytes (MAESTRO_EVAL_LIBRARY_MAX_BYTES).',
      });
      expect(library.totalBytes).toBe(600);
      library.delete(fileId);
      expect(library.totalBytes).toBe(0);
      expect(library.upload({ filename: "b.txt", data: Buffer.alloc(500, "b") }).sizeBytes).toBe(500);
    } finally {
      library.close();
    }
  });

  test("the total counts the files already in the directory", () => {
    const { libraryDir } = setUp();
    createFileLibrary({ directory: libraryDir }).upload({ filename: "a.txt", data: Buffer.alloc(700, "a") });
    const again = createFileLibrary({ directory: libraryDir, maxTotalBytes: 1_000 });
    expect(again.totalBytes).toBe(700);
    expect(refusal(() => again.upload({ filename: "c.txt", data: Buffer.alloc(400, "c") })).status).toBe(507);
  });

  test.each<[string, string, string]>([
    [
      "NUL",
      "a\u0000b.txt",
      "the file name must not contain control characters; it contains NUL at position 1",
    ],
    [
      "CR/LF",
      "a\r\nb.txt",
      "the file name must not contain control characters; it contains CR at position 1",
    ],
    [
      "a tab",
      "a\tb.txt",
      "the file name must not contain control characters; it contains U+0009 at position 1",
    ],
    [
      "5,000 characters",
      `${"n".repeat(4_996)}.txt`,
      "the file name has 5000 characters; at most 255 are allowed",
    ],
  ])("a file name with %s is refused with 422 naming the field", (_, filename, msg) => {
    const library = createFileLibrary();
    try {
      expect(refusal(() => library.upload({ filename, data: Buffer.from("x") }))).toEqual({
        status: 422,
        detail: [{ loc: ["body", "file", "filename"], msg, type: "value_error" }],
      });
    } finally {
      library.close();
    }
  });

  test("a name of 255 characters is accepted", () => {
    const library = createFileLibrary();
    try {
      expect(
        library.upload({ filename: `${"é".repeat(251)}.txt`, data: Buffer.from("x") }).name,
      ).toHaveLength(255);
    } finally {
      library.close();
    }
  });

  test("NFC and NFD spellings of one name are one name", () => {
    const library = createFileLibrary();
    try {
      const nfd = "cafe\u0301.txt";
      const stored = library.upload({ filename: nfd, data: Buffer.from("x") });
      expect(stored.name).toBe("caf\u00e9.txt");
      expect(
        refusal(() => library.upload({ filename: "caf\u00e9.txt", data: Buffer.from("y") })).status,
      ).toBe(409);
      expect(library.list({ name: nfd }).map((file) => file.fileId)).toEqual([stored.fileId]);
    } finally {
      library.close();
    }
  });
});

describe("createFileLibrary default directory", () => {
  test("removes the directories a dead process left, and keeps a live process's", () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = mkdtempSync(join(tmpdir(), `maestro-eval-library-${dead}-`));
    writeFileSync(join(stale, "library.json"), "{}");
    const live = mkdtempSync(join(tmpdir(), `maestro-eval-library-${process.ppid}-`));
    folders.push(live);
    const library = createFileLibrary();
    try {
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(library.directory).toContain(`maestro-eval-library-${process.pid}-`);
    } finally {
      library.close();
    }
    expect(existsSync(library.directory)).toBe(false);
  });
});
