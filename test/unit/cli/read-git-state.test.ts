import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readGitState, readGitStateLater } from "../../../src/cli/read-git-state.js";

const outside = mkdtempSync(join(tmpdir(), "maestro-eval-no-git-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe("readGitStateLater: the history's git state, read without blocking", () => {
  test("inside this repository it reads what the blocking reader reads", async () => {
    const later = await readGitStateLater(process.cwd());
    expect(later).toEqual(readGitState(process.cwd()));
    expect(later.commit).toMatch(/^[0-9a-f]{7,}$/);
  });

  test("outside a repository: no commit, no branch, not dirty", async () => {
    expect(await readGitStateLater(outside)).toEqual({ commit: null, branch: null, dirty: false });
  });
});
