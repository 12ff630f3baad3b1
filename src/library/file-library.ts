import { randomUUID } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import type { LibraryFile, ValidationErrorItem } from "../domain/index.js";
import { type DocumentKind, extractText, readDocumentKind } from "./extract-text.js";
import { splitPassages } from "./split-passages.js";
import { tokenize } from "./tokenize.js";

/** AI21's documented limit per file, 5 MB, read as 5 MiB. */
export const MAX_LIBRARY_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Default of {@link FileLibraryOptions.maxTotalBytes}: 64 MiB of files. A text file takes about ten
 * times its size in memory once split and indexed for search, so this keeps the library under 1 GiB.
 */
export const DEFAULT_LIBRARY_MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/** The longest file name accepted, in characters, as most file systems allow. */
export const MAX_LIBRARY_FILE_NAME_LENGTH = 255;

/** The prefix of a default library directory; the owning process's id follows. */
const TEMPORARY_PREFIX = "maestro-eval-library-";

/** The one user of the local library: `createdBy` of every file. */
export const LOCAL_LIBRARY_USER = "00000000-0000-0000-0000-000000000000";

/** A file id as the library makes them: a UUID, in any case. */
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a file id the library could have made (a UUID); nothing else names a file. */
export function isFileId(value: unknown): value is string {
  return typeof value === "string" && FILE_ID.test(value);
}

/** A file as the library keeps it: its wire metadata and what search reads. */
export interface StoredFile {
  meta: LibraryFile;
  /** The passages file_search ranks; empty when the file could not be read. */
  passages: readonly string[];
  /** Each passage's search terms. */
  terms: readonly (readonly string[])[];
  /** The whole text, for `retrieval_strategy: full_doc`; undefined when unreadable. */
  text: string | undefined;
}

/** What an upload carries. */
export interface LibraryUpload {
  filename: string;
  data: Uint8Array;
  labels?: readonly string[];
  path?: string;
  publicUrl?: string;
}

/** Which files `list` returns. */
export interface LibraryQuery {
  offset?: number;
  limit?: number;
  name?: string;
  status?: string;
  /** Files carrying any of these labels. */
  labels?: readonly string[];
}

/** A refused library request: its HTTP status and FastAPI-shaped detail. */
export class LibraryError extends Error {
  override readonly name = "LibraryError";
  readonly status: 404 | 409 | 413 | 422 | 507;
  readonly detail: string | ValidationErrorItem[];

  constructor(status: 404 | 409 | 413 | 422 | 507, detail: string | ValidationErrorItem[]) {
    super(typeof detail === "string" ? detail : detail.map((item) => item.msg).join("; "));
    this.status = status;
    this.detail = detail;
  }
}

/** Options of {@link createFileLibrary}. */
export interface FileLibraryOptions {
  /**
   * Where files and their metadata are kept; files already there are loaded. Default: a new temporary
   * directory, removed by `close()`.
   */
  directory?: string | undefined;
  /** The clock for `creationDate` and `lastUpdated`. Default: now. */
  now?: () => Date;
  /**
   * The most bytes of files the library holds; an upload past it is refused with 507. Default 64 MiB
   * ({@link DEFAULT_LIBRARY_MAX_TOTAL_BYTES}).
   */
  maxTotalBytes?: number | undefined;
}

/** The local server's file library: AI21's files API, on disk. */
export interface FileLibrary {
  readonly directory: string;
  /**
   * Stores a file; throws {@link LibraryError} (409 duplicate name, 413 too large, 422 bad name or type,
   * 507 library full).
   */
  upload(upload: LibraryUpload): LibraryFile;
  list(query?: LibraryQuery): LibraryFile[];
  get(fileId: string): LibraryFile | undefined;
  /** Replaces the labels and public URL given; undefined when there is no such file. */
  update(
    fileId: string,
    changes: { labels?: readonly string[]; publicUrl?: string },
  ): LibraryFile | undefined;
  /** Removes a file; false when there is no such file. */
  delete(fileId: string): boolean;
  /** Every stored file, in upload order, for search. */
  files(): readonly StoredFile[];
  /** Bytes of the files held, and the most allowed. */
  readonly totalBytes: number;
  readonly maxTotalBytes: number;
  /** Removes the directory when it was a temporary one. */
  close(): void;
}

interface LibraryIndex {
  version: 1;
  files: LibraryFile[];
}

/**
 * Opens a file library on disk: `library.json` holds the metadata, `files/<fileId>` the bytes. Text,
 * Markdown and HTML files are split into passages for file_search at upload; PDF and DOCX files are
 * kept with status `PARSING_FAILED`; other types are refused, as AI21 refuses them.
 *
 * @example
 * const library = createFileLibrary();
 * const file = library.upload({ filename: "refunds.md", data: Buffer.from("# Refunds\n..."), labels: ["policy"] });
 * library.close();
 */
export function createFileLibrary(options: FileLibraryOptions = {}): FileLibrary {
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_LIBRARY_MAX_TOTAL_BYTES;
  if (!Number.isInteger(maxTotalBytes) || maxTotalBytes < 1) {
    throw new RangeError(
      `createFileLibrary: maxTotalBytes must be a whole number >= 1, got ${maxTotalBytes}`,
    );
  }
  const temporary = options.directory === undefined;
  if (temporary) removeStaleLibraries(tmpdir());
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), `${TEMPORARY_PREFIX}${process.pid}-`));
  const now = options.now ?? (() => new Date());
  const filesDirectory = join(directory, "files");
  const indexPath = join(directory, "library.json");
  mkdirSync(filesDirectory, { recursive: true });
  const stored = new Map<string, StoredFile>();
  // Every path under files/ is built here, from an id checked to be a UUID and to stay in the folder.
  const pathOf = (fileId: string) => {
    const path = resolve(filesDirectory, fileId);
    if (!isFileId(fileId) || !path.startsWith(resolve(filesDirectory) + sep)) {
      throw new TypeError(`createFileLibrary: refused file id ${JSON.stringify(fileId)}: not a UUID`);
    }
    return path;
  };
  for (const meta of readIndex(indexPath)) {
    const kind = readDocumentKind(meta.name)?.kind;
    const data = readFileSync(pathOf(meta.fileId));
    stored.set(meta.fileId, prepare(meta, kind === undefined ? undefined : extractText(data, kind)));
  }

  let totalBytes = [...stored.values()].reduce((sum, file) => sum + file.meta.sizeBytes, 0);

  const save = () => {
    const index: LibraryIndex = { version: 1, files: [...stored.values()].map((file) => file.meta) };
    const temporaryPath = `${indexPath}.${process.pid}.tmp`;
    writeFileSync(temporaryPath, `${JSON.stringify(index, null, 2)}\n`);
    renameSync(temporaryPath, indexPath);
  };

  return {
    directory,
    upload(upload) {
      const { name, type } = checkUpload(upload, { stored, totalBytes, maxTotalBytes });
      const text = extractText(upload.data, type.kind);
      const date = isoDate(now());
      const meta: LibraryFile = {
        fileId: randomUUID(),
        name,
        fileType: type.extension,
        sizeBytes: upload.data.byteLength,
        createdBy: LOCAL_LIBRARY_USER,
        creationDate: date,
        lastUpdated: date,
        status: text === undefined ? "PARSING_FAILED" : "PROCESSED",
        path: nonEmpty(upload.path) ?? null,
        labels: cleanLabels(upload.labels ?? []),
        publicUrl: nonEmpty(upload.publicUrl) ?? null,
        ...(text === undefined
          ? {
              errorMessage: `The local server cannot read ${unreadable(type.kind)} files; file_search skips this one`,
            }
          : {}),
      };
      writeFileSync(pathOf(meta.fileId), upload.data);
      stored.set(meta.fileId, prepare(meta, text));
      totalBytes += meta.sizeBytes;
      save();
      return { ...meta };
    },
    list(query = {}) {
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 10_000;
      const labels = query.labels ?? [];
      return [...stored.values()]
        .map((file) => file.meta)
        .filter(
          (meta) =>
            (query.name === undefined || meta.name.normalize("NFC") === query.name.normalize("NFC")) &&
            (query.status === undefined || meta.status === query.status) &&
            (labels.length === 0 || labels.some((label) => meta.labels?.includes(label))),
        )
        .slice(offset, offset + limit)
        .map((meta) => ({ ...meta }));
    },
    get(fileId) {
      const file = isFileId(fileId) ? stored.get(fileId.toLowerCase()) : undefined;
      return file === undefined ? undefined : { ...file.meta };
    },
    update(fileId, changes) {
      const file = isFileId(fileId) ? stored.get(fileId.toLowerCase()) : undefined;
      if (file === undefined) return undefined;
      file.meta = {
        ...file.meta,
        ...(changes.labels === undefined ? {} : { labels: cleanLabels(changes.labels) }),
        ...(changes.publicUrl === undefined ? {} : { publicUrl: nonEmpty(changes.publicUrl) ?? null }),
        lastUpdated: isoDate(now()),
      };
      save();
      return { ...file.meta };
    },
    delete(fileId) {
      const file = isFileId(fileId) ? stored.get(fileId.toLowerCase()) : undefined;
      if (file === undefined) return false;
      stored.delete(file.meta.fileId);
      totalBytes -= file.meta.sizeBytes;
      rmSync(pathOf(fileId.toLowerCase()), { force: true });
      save();
      return true;
    },
    files: () => [...stored.values()],
    get totalBytes() {
      return totalBytes;
    },
    maxTotalBytes,
    close() {
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * An upload's name (NFC) and document type, once every rule is met: a file name, a supported type, at
 * most 5 MiB, room left in the library, and a name not already taken. Otherwise the LibraryError to answer.
 */
function checkUpload(
  upload: Parameters<FileLibrary["upload"]>[0],
  library: { stored: ReadonlyMap<string, StoredFile>; totalBytes: number; maxTotalBytes: number },
): { name: string; type: NonNullable<ReturnType<typeof readDocumentKind>> } {
  const { stored, totalBytes, maxTotalBytes } = library;
  // One name, one spelling: "café" typed (NFC) and "café" from a macOS file system (NFD) are one.
  const name = baseName(upload.filename).normalize("NFC");
  if (name === "") {
    throw new LibraryError(422, [
      { loc: ["body", "file"], msg: "the file part needs a file name", type: "value_error.missing" },
    ]);
  }
  const badName = checkFileName(name);
  if (badName !== undefined) {
    throw new LibraryError(422, [{ loc: ["body", "file", "filename"], msg: badName, type: "value_error" }]);
  }
  const type = readDocumentKind(name);
  if (type === undefined) {
    throw new LibraryError(
      422,
      `Unsupported document type: ${JSON.stringify(name)}; supported: pdf, docx, html, txt, md`,
    );
  }
  if (upload.data.byteLength > MAX_LIBRARY_FILE_BYTES) {
    throw new LibraryError(
      413,
      `File ${JSON.stringify(name)} has ${upload.data.byteLength} bytes; at most ${MAX_LIBRARY_FILE_BYTES} are allowed`,
    );
  }
  if (totalBytes + upload.data.byteLength > maxTotalBytes) {
    throw new LibraryError(
      507,
      `The library is full: it holds ${totalBytes} bytes of files and ${JSON.stringify(name)} has ${upload.data.byteLength}, past its limit of ${maxTotalBytes}. Delete files (DELETE /studio/v1/library/files/{file_id}) or start the server with a larger libraryMaxBytes (MAESTRO_EVAL_LIBRARY_MAX_BYTES).`,
    );
  }
  const existing = [...stored.values()].find((file) => file.meta.name.normalize("NFC") === name);
  if (existing !== undefined) {
    throw new LibraryError(
      409,
      `A file named ${JSON.stringify(name)} is already in the library (fileId ${existing.meta.fileId}); file names must be unique`,
    );
  }
  return { name, type };
}

function prepare(meta: LibraryFile, text: string | undefined): StoredFile {
  const passages = text === undefined ? [] : splitPassages(text);
  return { meta, passages, terms: passages.map((passage) => tokenize(passage)), text };
}

function readIndex(path: string): LibraryFile[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TypeError(`createFileLibrary: ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const index = parsed as Partial<LibraryIndex> | null;
  if (index?.version !== 1 || !Array.isArray(index.files)) {
    throw new TypeError(`createFileLibrary: ${path} is not a version 1 maestro-eval library index`);
  }
  // The index is a file anyone with access to the folder can edit: nothing in it names a path unchecked.
  const seen = new Set<string>();
  index.files.forEach((file: unknown, position) => {
    const where = `createFileLibrary: ${path}: files[${position}]`;
    const entry = file as Partial<LibraryFile> | null;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new TypeError(`${where} must be an object`);
    }
    if (!isFileId(entry.fileId) || entry.fileId !== entry.fileId.toLowerCase()) {
      throw new TypeError(
        `${where}.fileId must be a lowercase UUID, got ${JSON.stringify(entry.fileId)}; remove the entry or restore its id`,
      );
    }
    if (seen.has(entry.fileId)) throw new TypeError(`${where}.fileId ${entry.fileId} appears twice`);
    seen.add(entry.fileId);
    if (typeof entry.name !== "string" || entry.name === "") {
      throw new TypeError(`${where}.name must be a non-empty string, got ${JSON.stringify(entry.name)}`);
    }
  });
  return index.files;
}

/** Why a file name is refused, or undefined: control characters (NUL, CR, LF, ...) or too long. */
function checkFileName(name: string): string | undefined {
  const index = [...name].findIndex((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === "\u007f");
  if (index !== -1) {
    const code = [...name][index]?.codePointAt(0) ?? 0;
    const shown =
      { 0: "NUL", 10: "LF", 13: "CR" }[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return `the file name must not contain control characters; it contains ${shown} at position ${index}`;
  }
  const length = [...name].length;
  if (length > MAX_LIBRARY_FILE_NAME_LENGTH) {
    return `the file name has ${length} characters; at most ${MAX_LIBRARY_FILE_NAME_LENGTH} are allowed`;
  }
  return undefined;
}

/**
 * Removes the default library directories of processes that are gone (killed before `close()`), so
 * that uploaded files do not pile up in the temporary directory. A directory whose process still runs,
 * or whose name carries no process id, is left alone.
 */
function removeStaleLibraries(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = new RegExp(`^${TEMPORARY_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The last segment of a file name, as browsers and old clients may send a whole path. */
function baseName(filename: string): string {
  return (filename.split(/[/\\]/).pop() ?? "").trim();
}

function cleanLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.filter((label) => label !== ""))];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function unreadable(kind: DocumentKind): string {
  return kind === "pdf" ? "PDF" : "DOCX";
}
