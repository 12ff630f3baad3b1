/** Exit codes shared by every command: 0 passed, 1 a quality gate failed, 2 infrastructure, 3 usage. */
export { EXIT } from "../domain/index.js";
