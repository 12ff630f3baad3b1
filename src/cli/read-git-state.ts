import { execFile, execFileSync } from "node:child_process";

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

/** git's output, or undefined when it fails, without blocking: the three of a state are asked at once. */
function gitLater(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, encoding: "utf8", timeout: 5000, windowsHide: true }, (error, stdout) =>
      resolve(error === null ? stdout.trim() : undefined),
    );
  });
}

const COMMIT = ["rev-parse", "--short", "HEAD"];
const BRANCH = ["rev-parse", "--abbrev-ref", "HEAD"];
const STATUS = ["status", "--porcelain", "--untracked-files=no"];

/** The short commit, the branch (null on a detached head) and whether the tree has uncommitted changes. */
export function readGitState(cwd: string): GitState {
  const commit = git(cwd, COMMIT);
  if (commit === undefined || commit === "") return { commit: null, branch: null, dirty: false };
  return toGitState(commit, git(cwd, BRANCH), git(cwd, STATUS));
}

/**
 * {@link readGitState} without blocking the event loop: git's three questions asked at once, in child
 * processes, so a run can ask as it starts and read the answer as it ends (about 50 ms less at the end).
 */
export async function readGitStateLater(cwd: string): Promise<GitState> {
  const [commit, branch, status] = await Promise.all([
    gitLater(cwd, COMMIT),
    gitLater(cwd, BRANCH),
    gitLater(cwd, STATUS),
  ]);
  if (commit === undefined || commit === "") return { commit: null, branch: null, dirty: false };
  return toGitState(commit, branch, status);
}

/** A run's git state, read as it starts and used as it ends, by the history and the HTML's trend alike. */
export interface GitStateReader {
  /**
   * Reads the state afresh, without blocking (each round of a watch starts with one): git's questions
   * run in child processes while the run does, and cost the main process only their spawning.
   * Resolves once the read is done (or a later refresh or a blocking read made it moot).
   */
  refresh(): Promise<void>;
  /** The state last read; read now, blocking, when no read has finished since the last refresh. */
  current(): GitState;
}

export function createGitStateReader(cwd: string): GitStateReader {
  let latest: GitState | undefined;
  let round = 0;
  return {
    async refresh() {
      latest = undefined;
      const mine = ++round;
      const state = await readGitStateLater(cwd);
      if (mine === round && latest === undefined) latest = state;
    },
    current() {
      latest ??= readGitState(cwd);
      return latest;
    },
  };
}

function toGitState(commit: string, branch: string | undefined, status: string | undefined): GitState {
  return {
    commit,
    branch: branch === undefined || branch === "HEAD" ? null : branch,
    dirty: status !== undefined && status !== "",
  };
}
