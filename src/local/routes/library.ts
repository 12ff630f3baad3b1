// The local server's routes for AI21's files library: `/studio/v1/library/files` (upload, list) and
// `/studio/v1/library/files/{file_id}` (get, update, delete), in AI21's wire format.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ValidationErrorItem } from "../../domain/index.js";
import { type FileLibrary, isFileId, LibraryError } from "../../library/index.js";
import { readBodyBytes } from "../read-body.js";
import { sendJson } from "../send-json.js";
import { MultipartError, parseMultipart, readBoundary } from "./parse-multipart.js";

/** The library's collection path. */
export const LIBRARY_FILES_PATH = "/studio/v1/library/files";

/** Whether a request path belongs to the library's routes. */
export function isLibraryPath(pathname: string): boolean {
  return pathname === LIBRARY_FILES_PATH || pathname.startsWith(`${LIBRARY_FILES_PATH}/`);
}

/** Options of {@link handleLibraryRequest}. */
export interface LibraryRequestOptions {
  /** The largest body accepted; larger ones get 413. */
  maxBodyBytes: number;
}

/**
 * Answers one library request: 200 with AI21's shapes, 404 for an unknown file, 405 for another
 * method, 409/413/422 for refused uploads, 422 for unreadable queries and bodies.
 */
export async function handleLibraryRequest(
  req: IncomingMessage,
  res: ServerResponse,
  library: FileLibrary,
  options: LibraryRequestOptions,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = req.method ?? "GET";
  try {
    if (url.pathname === LIBRARY_FILES_PATH) {
      if (method === "GET") {
        req.resume();
        return sendJson(res, 200, library.list(readListQuery(url.searchParams)));
      }
      if (method === "POST") return sendJson(res, 200, await upload(req, library, options));
      req.resume();
      return sendJson(res, 405, { detail: "Method Not Allowed" });
    }
    const rest = url.pathname.slice(LIBRARY_FILES_PATH.length + 1);
    let fileId: string;
    try {
      fileId = decodeURIComponent(rest);
    } catch {
      fileId = "";
    }
    if (fileId === "" || rest.includes("/")) {
      req.resume();
      return sendJson(res, 404, { detail: "Not Found" });
    }
    if (!isFileId(fileId)) {
      // As FastAPI answers a `file_id: UUID` path parameter; a decoded `../` never reaches the library.
      throw invalid(["path", "file_id"], "value is not a valid uuid", "type_error.uuid");
    }
    if (method === "GET") {
      req.resume();
      const file = library.get(fileId);
      return file === undefined ? sendJson(res, 404, { detail: "Not Found" }) : sendJson(res, 200, file);
    }
    if (method === "PUT") {
      const changes = readUpdate(await readBody(req, options.maxBodyBytes), fileId);
      const file = library.update(fileId, changes);
      return file === undefined ? sendJson(res, 404, { detail: "Not Found" }) : sendJson(res, 200, file);
    }
    if (method === "DELETE") {
      req.resume();
      return library.delete(fileId)
        ? sendJson(res, 200, { fileId })
        : sendJson(res, 404, { detail: "Not Found" });
    }
    req.resume();
    return sendJson(res, 405, { detail: "Method Not Allowed" });
  } catch (error) {
    if (error instanceof LibraryError) {
      req.resume();
      return sendJson(
        res,
        error.status,
        { detail: error.detail },
        error.status === 413 ? { connection: "close" } : {},
      );
    }
    throw error;
  }
}

async function upload(req: IncomingMessage, library: FileLibrary, options: LibraryRequestOptions) {
  const boundary = readBoundary(req.headers["content-type"]);
  if (boundary === undefined) {
    req.resume();
    throw invalid(["body"], "expected a multipart/form-data body with a file part", "value_error");
  }
  const body = await readBody(req, options.maxBodyBytes);
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    if (error instanceof MultipartError)
      throw invalid(["body"], `unreadable multipart body: ${error.message}`, "value_error");
    throw error;
  }
  const file = parts.find((part) => part.name === "file");
  if (file === undefined) throw invalid(["body", "file"], "field required", "value_error.missing");
  const text = (name: string) => {
    const part = parts.find((item) => item.name === name);
    return part === undefined ? undefined : part.data.toString("utf8");
  };
  const labels = parts
    .filter((part) => part.name === "labels")
    .flatMap((part) => readLabels(part.data.toString("utf8")));
  const path = text("path");
  const publicUrl = text("publicUrl");
  const stored = library.upload({
    filename: file.filename ?? "",
    data: file.data,
    labels,
    ...(path === undefined ? {} : { path }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
  });
  // AI21's Python SDK reads `fileId`; its TypeScript SDK types the answer `{id, fileId}`.
  return { fileId: stored.fileId, id: stored.fileId };
}

/** One `labels` part: a label, or a JSON array of labels (AI21's older Node example sends one). */
function readLabels(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed;
    } catch {
      // Not JSON: a label that happens to start with "[".
    }
  }
  return value === "" ? [] : [value];
}

function readListQuery(params: URLSearchParams) {
  const integer = (name: string) => {
    const value = params.get(name);
    if (value === null || value === "") return undefined;
    if (!/^\d+$/.test(value))
      throw invalid(["query", name], "value is not a valid non-negative integer", "type_error.integer");
    return Number(value);
  };
  const offset = integer("offset");
  const limit = integer("limit");
  const name = params.get("name") ?? undefined;
  const status = params.get("status") ?? undefined;
  const labels = [...params.getAll("label"), ...params.getAll("labels")].filter((label) => label !== "");
  return {
    ...(offset === undefined ? {} : { offset }),
    ...(limit === undefined ? {} : { limit }),
    ...(name === undefined || name === "" ? {} : { name }),
    ...(status === undefined || status === "" ? {} : { status }),
    ...(labels.length === 0 ? {} : { labels }),
  };
}

function readUpdate(body: Buffer, fileId: string): { labels?: string[]; publicUrl?: string } {
  const text = body.toString("utf8");
  let value: unknown = {};
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw invalid(["body", 0], `JSON decode error: ${(error as Error).message}`, "value_error.jsondecode");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(["body"], "value is not a valid dict", "type_error.dict");
  }
  const {
    labels,
    publicUrl,
    fileId: bodyFileId,
  } = value as { labels?: unknown; publicUrl?: unknown; fileId?: unknown };
  const issues: ValidationErrorItem[] = [];
  if (
    labels !== undefined &&
    labels !== null &&
    !(Array.isArray(labels) && labels.every((l) => typeof l === "string"))
  ) {
    issues.push({
      loc: ["body", "labels"],
      msg: "value is not a valid list of strings",
      type: "type_error.list",
    });
  }
  if (publicUrl !== undefined && publicUrl !== null && typeof publicUrl !== "string") {
    issues.push({ loc: ["body", "publicUrl"], msg: "str type expected", type: "type_error.str" });
  }
  // AI21's TypeScript SDK repeats the file's id in the body.
  if (bodyFileId !== undefined && bodyFileId !== null && bodyFileId !== fileId) {
    issues.push({
      loc: ["body", "fileId"],
      msg: `fileId ${typeof bodyFileId === "string" ? JSON.stringify(bodyFileId) : "of the wrong type"} differs from the file id in the path, ${fileId}`,
      type: "value_error.file_id_mismatch",
    });
  }
  if (issues.length > 0) throw new LibraryError(422, issues);
  return {
    ...(Array.isArray(labels) ? { labels: labels as string[] } : {}),
    // `null` means unset, as everywhere in a request: AI21's Python SDK sends `publicUrl: null` when only
    // labels are updated (and `labels: null` when only the URL is), and that field stays as it was.
    ...(typeof publicUrl === "string" ? { publicUrl } : {}),
  };
}

function invalid(loc: ValidationErrorItem["loc"], msg: string, type: string): LibraryError {
  return new LibraryError(422, [{ loc, msg, type }]);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const bytes = await readBodyBytes(req, limit);
  if (bytes === undefined) throw new LibraryError(413, `Request body exceeds ${limit} bytes`);
  return bytes;
}
