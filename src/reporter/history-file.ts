// The history file on disk: appended line by line, read back with every unreadable line listed.
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  formatHistoryLine,
  type HistoryEntry,
  type ParsedHistory,
  parseHistory,
} from "../domain/run-history.js";

/** The history file's name, in the reports directory. */
export const HISTORY_FILE = "history.jsonl";

/**
 * Appends history lines. Each line is one `appendFileSync` (a file opened with `O_APPEND`, one write), so
 * lines of runs that end at the same moment, two shards on one machine, land whole, one after the other.
 */
export function appendHistory(file: string, entries: readonly HistoryEntry[]): void {
  if (entries.length === 0) return;
  mkdirSync(dirname(file), { recursive: true });
  for (const entry of entries) appendFileSync(file, formatHistoryLine(entry));
}

/** Reads the history file; a missing file is an empty history. */
export function readHistoryFile(file: string): ParsedHistory {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], unreadable: [] };
    throw error;
  }
  return parseHistory(text);
}
