/** The id of a build of the repository at `repository` made from its files as they are now (scripts/build-id.mjs). */
export declare function buildId(repository: string): string;
