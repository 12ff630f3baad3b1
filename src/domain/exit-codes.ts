/** Exit codes shared by every command and the gate: 0 passed, 1 a quality gate failed, 2 infrastructure, 3 usage. */
export const EXIT = { ok: 0, gateFailed: 1, infrastructure: 2, usage: 3 } as const;

/** One of {@link EXIT}'s codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
