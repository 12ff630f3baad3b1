import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

// Chunks are encoded into one buffer of this many bytes and written when it is full: few system calls,
// no string joined from chunks, and a 200 MB report never exists whole in memory.
const BUFFER_BYTES = 1 << 20;

/**
 * Writes a file whole, then renames it into place: a reader sees the old file or the new, never half. The
 * content is a string or the chunks a streaming renderer yields (`renderJunitChunks(report)`), which are
 * written as they come, so that a large report is never held as one string. When writing fails, or the
 * chunks throw, the temporary file is removed and the old file stays.
 *
 * @example
 * writeFileAtomic("reports/junit.xml", renderJunitChunks(report));
 */
export function writeFileAtomic(path: string, content: string | Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, "w");
  let open = true;
  try {
    if (typeof content === "string") writeText(fd, content);
    else {
      const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
      let used = 0;
      for (const chunk of content) {
        // UTF-8 takes at most 3 bytes per UTF-16 code unit: a chunk that may not fit goes after a flush,
        // or on its own when it is larger than the buffer.
        if (used + chunk.length * 3 > BUFFER_BYTES) {
          writeBytes(fd, buffer, used);
          used = 0;
          if (chunk.length * 3 > BUFFER_BYTES) {
            writeText(fd, chunk);
            continue;
          }
        }
        used += buffer.write(chunk, used, "utf8");
      }
      writeBytes(fd, buffer, used);
    }
    open = false;
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

function writeText(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  writeBytes(fd, bytes, bytes.length);
}

function writeBytes(fd: number, bytes: Buffer, length: number): void {
  let offset = 0;
  while (offset < length) offset += writeSync(fd, bytes, offset, length - offset);
}
