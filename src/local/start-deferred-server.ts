// The harness's embedded server: listening on 127.0.0.1 at once, with its engine (the pipeline, the run
// engine, the simulated models, the verifiers, the tools) loaded at the first moment its process is idle,
// or by the first request if that comes first. A run's process starts its workers about 0.1 s sooner: the
// engine loads while they start, instead of before. Imports nothing of the engine itself.
import { listenLocal } from "./listen-local.js";
import type { LocalApp, LocalServerOptions, LocalServerStats } from "./start-local-server.js";
import { clearDeferredWarmUp, setDeferredWarmUp, startDeferredWarmUp } from "./warm-up-trigger.js";

/** Options of {@link startDeferredLocalServer}: a local server's, bound to 127.0.0.1 without a token. */
export type DeferredLocalServerOptions = Omit<
  LocalServerOptions,
  "host" | "token" | "allowedHosts" | "warmUp"
>;

/** A running deferred local server. */
export interface DeferredLocalServer {
  url: string;
  port: number;
  /** What the server has done so far; all zero before its engine was loaded. */
  stats(): LocalServerStats;
  close(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

/**
 * Starts a local server whose engine is loaded once `startDeferredWarmUp()` is called (the harness calls
 * it when its process is idle; the engine then warms up as a deferred warm-up does) or at the first
 * request. Requests are answered as {@link startLocalServer}'s are; one that comes before the engine is
 * loaded waits for it.
 */
export async function startDeferredLocalServer(
  options: DeferredLocalServerOptions = {},
): Promise<DeferredLocalServer> {
  let app: LocalApp | undefined;
  let loading: Promise<LocalApp> | undefined;
  let closing = false;
  const load = (): Promise<LocalApp> => {
    loading ??= import("./start-local-server.js").then((engine) => {
      app = engine.createLocalApp(
        { ...options, host: LOOPBACK, warmUp: "deferred" },
        { boundHost: LOOPBACK, loopbackBind: true },
      );
      return app;
    });
    return loading;
  };
  const listener = await listenLocal(
    async (req, res) => (await load()).handle(req, res),
    LOOPBACK,
    options.port ?? 0,
    () => closing,
  );
  // The engine's own deferred warm-up replaces this hook as the engine is made, and is started next.
  const loadThenWarmUp = (): void => {
    void load().then(() => startDeferredWarmUp());
  };
  setDeferredWarmUp(loadThenWarmUp);
  return {
    url: listener.url,
    port: listener.port,
    stats: () =>
      app?.stats() ?? { runsCreated: 0, duplicateCreates: 0, chatCompletions: 0, faultsInjected: {} },
    close: () => {
      clearDeferredWarmUp(loadThenWarmUp);
      closing = true;
      return listener.close({
        abort: () => app?.abort(),
        dispose: async () => {
          // An engine still loading is disposed of once it is made.
          const made = app ?? (loading === undefined ? undefined : await loading.catch(() => undefined));
          await made?.dispose();
        },
      });
    },
  };
}
