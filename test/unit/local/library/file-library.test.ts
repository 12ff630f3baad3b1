import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createFileLibrary, isFileId } from "../../../../src/local/library/index.js";

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
