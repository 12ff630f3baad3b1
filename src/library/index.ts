// The files library the local server serves and file_search searches: files kept on disk with their
// text, passages and terms, and BM25 search over them. Imports only domain.
export { type Bm25Index, type Bm25Options, createBm25Index } from "./bm25.js";
export {
  DOCUMENT_EXTENSIONS,
  type DocumentKind,
  extractText,
  htmlToText,
  readDocumentKind,
} from "./extract-text.js";
export {
  createFileLibrary,
  DEFAULT_LIBRARY_MAX_TOTAL_BYTES,
  type FileLibrary,
  type FileLibraryOptions,
  isFileId,
  LibraryError,
  type LibraryQuery,
  type LibraryUpload,
  LOCAL_LIBRARY_USER,
  MAX_LIBRARY_FILE_BYTES,
  MAX_LIBRARY_FILE_NAME_LENGTH,
  type StoredFile,
} from "./file-library.js";
export { type RankedPassage, rankPassages } from "./rank-passages.js";
export { FILE_SEARCH_MAX_RESULTS, searchFiles, selectFiles } from "./search-files.js";
export { type SplitPassagesOptions, splitPassages } from "./split-passages.js";
export { foldPlural, tokenize } from "./tokenize.js";
