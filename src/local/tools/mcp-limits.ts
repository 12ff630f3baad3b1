// What the local server promises about MCP tools, apart from the module that calls them: that one loads
// the MCP SDK (and zod under it), which only a run with an MCP tool needs.

/** The most tools the local server calls on one MCP server in one run. */
export const MCP_MAX_CALLS_PER_SERVER = 10;

/** The name recorded for an MCP server that could not be reached or listed. */
export const MCP_LIST_CALL = "tools/list";
