// Looks shared while learning: runs of one model and budget polled at the same time, before their
// durations are known, take turns looking instead of each asking the server at every step of the
// default schedule. Runs of one model and budget take similar times (the estimator's premise), so a run
// seen still in progress some time after its polling started says the others are too at that point of
// their own polling, and one seen done at some point says the others may be from that point of theirs on.
import { isTerminalStatus, type RunStatus } from "../domain/index.js";

/**
 * The most looks in a row one run skips on the strength of the others': a run that takes much longer
 * than its siblings (and keeps being the one that looks) delays them by at most this many steps of the
 * schedule before they look for themselves.
 */
export const MAX_SKIPPED_LOOKS = 2;

/**
 * Looks this close to one another, as a share of the later one's time, are at the same point of the
 * schedule: the timers of runs created together fire a millisecond or two apart.
 */
const SAME_POINT_SHARE = 0.05;

/** What one polling run does at each step of its schedule. */
export interface SharedLooker {
  /**
   * Called when a look is due, `elapsedMs` after this run's polling started. Resolves with the function
   * to report what the look saw (its status; undefined when the request failed) when this run should
   * look, or with undefined when a sibling's look at the same point or later saw its run in progress
   * and this one may take that for its own.
   */
  beforeLook(elapsedMs: number): Promise<((status: RunStatus | undefined) => void) | undefined>;
  /** The run's polling ended: it no longer takes part. */
  leave(): void;
}

/** Groups of runs polled at the same time without a plan, by the key of their model and budget. */
export interface SharedLooks {
  join(key: string): SharedLooker;
}

interface Group {
  members: number;
  /** The longest time after its polling started that a member's run was seen in progress. */
  inProgressAt: number;
  /**
   * The shortest time after its polling started that a member's run was seen ended: from that point of
   * their own polling on, the members look for themselves.
   */
  endedAt: number;
  /** A member's look under way: when it was taken, and when its answer is in. */
  looking?: { atMs: number; answered: Promise<void> };
}

/** Creates the groups one client's runs share their looks in. */
export function createSharedLooks(): SharedLooks {
  const groups = new Map<string, Group>();
  return {
    join(key) {
      let group = groups.get(key);
      if (group === undefined) {
        group = { members: 0, inProgressAt: -1, endedAt: Number.POSITIVE_INFINITY };
        groups.set(key, group);
      }
      group.members += 1;
      const joined = group;
      let skippedInRow = 0;
      /** Whether a sibling's run was seen in progress at this point of its polling or later, and none ended by it. */
      const covered = (elapsedMs: number) =>
        joined.inProgressAt >= elapsedMs * (1 - SAME_POINT_SHARE) && elapsedMs < joined.endedAt;
      let left = false;
      const look = (elapsedMs: number) => {
        skippedInRow = 0;
        let answer!: () => void;
        const looking = { atMs: elapsedMs, answered: new Promise<void>((resolve) => (answer = resolve)) };
        joined.looking = looking;
        return (status: RunStatus | undefined) => {
          if (status !== undefined) {
            if (isTerminalStatus(status)) joined.endedAt = Math.min(joined.endedAt, elapsedMs);
            else joined.inProgressAt = Math.max(joined.inProgressAt, elapsedMs);
          }
          if (joined.looking === looking) delete joined.looking;
          answer();
        };
      };
      return {
        async beforeLook(elapsedMs) {
          if (skippedInRow >= MAX_SKIPPED_LOOKS) return look(elapsedMs);
          // A sibling is looking at this point of its polling or later: its answer decides for both.
          const under = joined.looking;
          if (!covered(elapsedMs) && under !== undefined && under.atMs >= elapsedMs * (1 - SAME_POINT_SHARE))
            await under.answered;
          if (!covered(elapsedMs)) return look(elapsedMs);
          skippedInRow += 1;
          return undefined;
        },
        leave() {
          if (left) return;
          left = true;
          joined.members -= 1;
          // The last to leave ends the group: runs polled later start from what the estimator learned.
          if (joined.members === 0 && groups.get(key) === joined) groups.delete(key);
        },
      };
    },
  };
}
