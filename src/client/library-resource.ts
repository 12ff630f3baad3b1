// `library.files`: upload (multipart), list, retrieve, update and delete the files file_search searches.
import type { Client } from "openapi-fetch";
import type { MaestroPaths } from "../domain/index.js";
import { type ClientCall, callSettings } from "./client-call.js";
import type { MaestroClient } from "./client-types.js";

const FILES = "/studio/v1/library/files";
const FILE = "/studio/v1/library/files/{file_id}";

/** The library resource of a client. */
export function createLibraryResource(context: {
  raw: Client<MaestroPaths>;
  call: ClientCall;
}): MaestroClient["library"] {
  const { raw, call } = context;
  const filePath = (method: string, fileId: string) => {
    if (typeof fileId !== "string" || fileId === "") {
      throw new TypeError(
        `library.files.${method}: fileId must be a non-empty string, got ${JSON.stringify(fileId)}`,
      );
    }
    return { path: `${FILES}/${encodeURIComponent(fileId)}`, params: { path: { file_id: fileId } } };
  };
  return {
    files: {
      async upload(file, uploadOptions = {}) {
        if (typeof file?.name !== "string" || file.name.trim() === "") {
          throw new TypeError("library.files.upload: file.name must be a non-empty string");
        }
        const form = new FormData();
        const blob =
          file.content instanceof Blob
            ? file.content
            : new Blob([typeof file.content === "string" ? file.content : Uint8Array.from(file.content)], {
                type: file.contentType ?? "application/octet-stream",
              });
        form.append("file", blob, file.name);
        for (const label of uploadOptions.labels ?? []) form.append("labels", label);
        if (uploadOptions.path !== undefined) form.append("path", uploadOptions.path);
        if (uploadOptions.publicUrl !== undefined) form.append("publicUrl", uploadOptions.publicUrl);
        return call.data("POST", FILES, () =>
          // openapi-fetch sends FormData as it is, with its own multipart Content-Type.
          raw.POST(FILES, { body: form as unknown as { file: string }, ...callSettings(uploadOptions) }),
        );
      },
      list(query = {}, callOptions = {}) {
        return call.data("GET", FILES, () =>
          raw.GET(FILES, {
            params: {
              query: {
                ...(query.offset === undefined ? {} : { offset: query.offset }),
                ...(query.limit === undefined ? {} : { limit: query.limit }),
                ...(query.name === undefined ? {} : { name: query.name }),
                ...(query.status === undefined ? {} : { status: query.status }),
                ...(query.label === undefined ? {} : { label: [...query.label] }),
              },
            },
            ...callSettings(callOptions),
          }),
        );
      },
      async retrieve(fileId, callOptions = {}) {
        const { path, params } = filePath("retrieve", fileId);
        return call.data("GET", path, () => raw.GET(FILE, { params, ...callSettings(callOptions) }));
      },
      async update(fileId, changes, callOptions = {}) {
        const { path, params } = filePath("update", fileId);
        await call.ok("PUT", path, () =>
          raw.PUT(FILE, { params, body: changes, ...callSettings(callOptions) }),
        );
      },
      async delete(fileId, callOptions = {}) {
        const { path, params } = filePath("delete", fileId);
        await call.ok("DELETE", path, () => raw.DELETE(FILE, { params, ...callSettings(callOptions) }));
      },
    },
  };
}
