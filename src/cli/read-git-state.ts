import { execFileSync } from "node:child_process";

/** The git state a history line records; nulls outside a git repository (or without git). */
export interface GitState {
  commit: string | null;
  branch: string | null;
  dirty: boolean;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    }).trim();
  } catch {
    return undefined;
  }
}

/** The short commit, the branch (null on a detached head) and whether the tree has uncommitted changes. */
export function readGitState(cwd: string): GitState {
  const commit = git(cwd, ["rev-parse", "--short", "HEAD"]);
  if (commit === undefined || commit === "") return { commit: null, branch: null, dirty: false };
  const branch = git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"]);
  const status = git(cwd, ["status", "--porcelain", "--untracked-files=no"]);
  return {
    commit,
    branch: branch === undefined || branch === "HEAD" ? null : branch,
    dirty: status !== undefined && status !== "",
  };
}
