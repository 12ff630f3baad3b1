import * as childProcess from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createGitStateReader, readGitState, readGitStateLater } from "../../../src/cli/read-git-state.js";

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

describe("createGitStateReader: read without blocking as a run starts, used as it ends", () => {
  test("the read at the start is what the end sees, without reading again", async () => {
    const repo = mkdtempSync(join(tmpdir(), "maestro-eval-git-"));
    try {
      const git = (...args: string[]) =>
        childProcess.execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
          cwd: repo,
          stdio: "ignore",
        });
      git("init", "-q", "-b", "main");
      git("commit", "-q", "--allow-empty", "-m", "first");
      const reader = createGitStateReader(repo);
      await reader.refresh();
      const atStart = readGitState(repo);
      // A commit made during the run: the run is recorded with the commit it started from.
      git("commit", "-q", "--allow-empty", "-m", "second");
      expect(readGitState(repo).commit).not.toBe(atStart.commit);
      expect(reader.current()).toEqual({ ...atStart, branch: "main" });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  test("asked at the end before any read finished (a run over at once), it reads then", () => {
    const reader = createGitStateReader(outside);
    void reader.refresh();
    expect(reader.current()).toEqual({ commit: null, branch: null, dirty: false });
  });
});
