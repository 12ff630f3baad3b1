// json-diff-kit's root entry also loads its React viewer, which this package does not install; the
// differ alone is `json-diff-kit/differ.js`, and the package's type map points that subpath at a file it
// does not ship. This gives the subpath the differ's own types.
declare module "json-diff-kit/differ.js" {
  export { Differ as default } from "json-diff-kit";
}
