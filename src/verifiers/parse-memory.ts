// Parses kept from one process to the next of the same build. The first description a process reads
// compiles every family's patterns (about 0.4 s of CPU, in the local server's process and in each worker
// that scores chat answers), and a suite run again in the inner loop reads the same few descriptions. A
// process hands its parses on (the harness keeps them in the project's cache, harness/parse-memory-file.ts);
// the next adopts the well-formed ones into its parse cache and reads them from there. The memory names the
// build that made it: another build, whose verifiers may read a description otherwise, adopts none.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { RESPONSE_LANGUAGES, type ResponseLanguage } from "../domain/index.js";
import type { ParsedRequirement, ParseVerdict } from "./check.js";
import { adoptParse, type CachedParse, cachedParses } from "./parse-requirement.js";
import { assertCheck } from "./verify.js";

declare const __MAESTRO_EVAL_BUILD_ID__: string | undefined;

/**
 * The build this code belongs to: a hash of the package's sources, written in by scripts/build.mjs.
 * Undefined when running from the sources (tsx, vitest), whose verifiers change without a build: then no
 * memory is read or written.
 */
export const BUILD_ID: string | undefined =
  typeof __MAESTRO_EVAL_BUILD_ID__ === "string" ? __MAESTRO_EVAL_BUILD_ID__ : undefined;

/** The shape of a {@link ParseMemory}; a memory of another version is not read. */
export const PARSE_MEMORY_VERSION = 1;

/** Parses one process hands to the next: JSON as it is written. */
export interface ParseMemory {
  version: typeof PARSE_MEMORY_VERSION;
  /** The build whose verifiers made the parses; only a process of the same build adopts them. */
  build: string;
  /** The least recently used first. */
  parses: Array<{ description: string; responseLanguage?: ResponseLanguage; parsed: ParsedRequirement }>;
}

/** Parses a memory keeps: about as many as the parse cache holds in a process. */
export const REMEMBERED_PARSES = 500;

const VERDICTS: readonly ParseVerdict[] = ["verifiable", "partially_verifiable", "unverifiable"];

/** Parses adopted by this process so far. */
let recalled = 0;
/**
 * The keys of the parses this process read from each file or wrote to it: a process that parsed nothing
 * else since has nothing new to keep there.
 */
const inFile = new Map<string, Set<string>>();

/** A parse's key in a memory: the response language it was read for and its description. */
const keyOf = (parse: { description: string; responseLanguage?: ResponseLanguage | undefined }) =>
  `${parse.responseLanguage ?? ""}\u0000${parse.description}`;

/**
 * Adopts the parses of `memory` (anything read from a file: checked here) when it was made by `build`:
 * each well-formed parse goes into the parse cache; a malformed one is left out. Returns how many it took.
 */
export function recallParses(memory: unknown, build: string): number {
  return adoptAll(memory, build).length;
}

/** The well-formed parses of `memory` when `build` made it (of this version); none otherwise. */
function parsesOf(memory: unknown, build: string): CachedParse[] {
  const read = memory as Partial<ParseMemory> | null | undefined;
  if (read?.version !== PARSE_MEMORY_VERSION || read.build !== build || !Array.isArray(read.parses))
    return [];
  return read.parses.map(readParse).filter((parse): parse is CachedParse => parse !== undefined);
}

/** Adopts the well-formed parses of `memory` when `build` made it; those it adopted. */
function adoptAll(memory: unknown, build: string): CachedParse[] {
  const adopted = parsesOf(memory, build);
  for (const parse of adopted) adoptParse(parse);
  recalled += adopted.length;
  return adopted;
}

/** How many parses this process adopted from earlier ones: none means its patterns are compiled as it reads. */
export function recalledParseCount(): number {
  return recalled;
}

/**
 * The memory to hand on: this process's parses, the most recently used last, after those of `earlier` (a
 * memory of the same build read back, which other processes may have written since) this process did not
 * read; at most {@link REMEMBERED_PARSES}.
 */
export function rememberParses(build: string, earlier?: unknown): ParseMemory {
  const own = cachedParses();
  const ownKeys = new Set(own.map(keyOf));
  const before = parsesOf(earlier, build);
  const parses = [...before.filter((parse) => !ownKeys.has(keyOf(parse))), ...own]
    .slice(-REMEMBERED_PARSES)
    .map(({ description, responseLanguage, parsed }) => ({
      description,
      ...(responseLanguage === undefined ? {} : { responseLanguage }),
      parsed,
    }));
  return { version: PARSE_MEMORY_VERSION, build, parses };
}

/** One remembered parse, when it is well formed: a parse `parseRequirement` could have made. */
function readParse(entry: unknown): CachedParse | undefined {
  if (typeof entry !== "object" || entry === null) return undefined;
  const { description, responseLanguage, parsed } = entry as Record<string, unknown>;
  if (typeof description !== "string") return undefined;
  if (
    responseLanguage !== undefined &&
    // `unset` is read as no language: no parse is kept under it.
    (responseLanguage === "unset" || !(RESPONSE_LANGUAGES as readonly unknown[]).includes(responseLanguage))
  )
    return undefined;
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { checks, unchecked, reason, verdict } = parsed as Record<string, unknown>;
  if ((parsed as Record<string, unknown>).description !== description) return undefined;
  if (!(VERDICTS as readonly unknown[]).includes(verdict) || typeof reason !== "string") return undefined;
  if (!Array.isArray(unchecked) || !unchecked.every((fragment) => typeof fragment === "string"))
    return undefined;
  if (!Array.isArray(checks)) return undefined;
  try {
    checks.forEach((check, index) => {
      assertCheck(check, `checks[${index}]`);
    });
  } catch {
    return undefined;
  }
  return {
    description,
    responseLanguage: responseLanguage as ResponseLanguage | undefined,
    parsed: parsed as ParsedRequirement,
  };
}

/**
 * Adopts the parses kept in `file` by an earlier process of `build` (default: this one's); how many. A
 * cache: a missing, unreadable or foreign file adopts nothing, and nothing is read without a build.
 */
export function loadParseMemory(file: string, build: string | undefined = BUILD_ID): number {
  if (build === undefined) return 0;
  const adopted = adoptAll(readMemory(file), build);
  keysIn(file, adopted);
  return adopted.length;
}

/**
 * Keeps this process's parses in `file` for the next process of `build`: read again and merged (other
 * processes may have written since), written whole, then renamed, so a reader never sees half a file. A
 * cache: a file that cannot be written is left as it was. Nothing is written without a build, nor when
 * this process parsed nothing since it read or wrote that file (each suite's end asks, in every worker).
 */
export function saveParseMemory(file: string, build: string | undefined = BUILD_ID): void {
  if (build === undefined) return;
  const own = cachedParses();
  const kept = keysIn(file, []);
  if (own.every((parse) => kept.has(keyOf(parse)))) return;
  keysIn(file, own);
  const memory = rememberParses(build, readMemory(file));
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(memory)}\n`);
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written (a read-only checkout, a full disk) costs the next run its head start.
    removeQuietly(temporary);
  }
}

/** The keys this process read from `file` or wrote to it, with `parses` added. */
function keysIn(file: string, parses: readonly CachedParse[]): Set<string> {
  const keys = inFile.get(file) ?? new Set<string>();
  inFile.set(file, keys);
  for (const parse of parses) keys.add(keyOf(parse));
  return keys;
}

/** Removes a file if it can: under a path that is no folder, even `force` throws (ENOTDIR). */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing was written there.
  }
}

function readMemory(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
