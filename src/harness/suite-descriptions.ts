// The requirement descriptions a suite file spells out, read from its source: a guess, made as a run's
// workers start, of whether the run will parse descriptions the parse memory lacks, so that the local
// engine compiles the verifiers' patterns ahead of the first one (in pieces, while the workers load)
// rather than all at once when its create comes. Only a guess: a description built at run time is not
// seen, and a wrong guess changes when the patterns are compiled, never a result.
import { readFileSync } from "node:fs";

/**
 * `description: "..."` (or '...' or `...` without interpolation; the key quoted or not), as a suite's
 * requirements are written.
 */
const DESCRIPTION =
  /\bdescription["']?\s*:\s*(?:"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'|`((?:[^`\\$]|\\.)*)`)/g;

/** The descriptions written as string literals in `source`, escapes read. */
export function readSuiteDescriptions(source: string): string[] {
  return [...source.matchAll(DESCRIPTION)].map((match) =>
    (match[1] ?? match[2] ?? match[3] ?? "").replace(/\\(.)/g, "$1"),
  );
}

/** Whether any of `files` spells out a description that is not `known`; an unreadable file says nothing. */
export function spellsOutNewDescriptions(
  files: readonly string[],
  known: (description: string) => boolean,
): boolean {
  return files.some((file) => {
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      return false;
    }
    return readSuiteDescriptions(source).some((description) => !known(description));
  });
}
