import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { KvStore } from "./kv-store";

/** A KvStore over the local state `wrangler dev` reads; `dispose` stops the workerd process behind it. */
export interface LocalKvStore extends KvStore {
  /** The folder holding the local state (wrangler's `.wrangler/state/v3` by default). */
  readonly persistPath: string;
  /** How many times workerd was restarted to give its memory back (see RESTART_AFTER_WRITES). */
  readonly restarts: number;
  dispose(): Promise<void>;
}

/** Options of createLocalStore. */
export interface LocalStoreOptions {
  /** wrangler.toml, whose `[[kv_namespaces]]` names the namespace (default `wrangler.toml`). */
  configPath?: string;
  /**
   * The state folder itself, `.wrangler/state/v3` beside the config by default (what `wrangler dev` uses).
   * `wrangler dev --persist-to DIR` reads `DIR/v3`: pass that `v3` folder here.
   */
  persistPath?: string;
  /** The KV binding to write (default `FEEDS`). */
  binding?: string;
  /** Writes and deletes after which workerd is restarted (default RESTART_AFTER_WRITES); tests lower it. */
  restartAfterWrites?: number;
}

/**
 * workerd keeps the memory it takes for writes and gives it back only when it stops: ~65 KB a write, whatever
 * the value's size (6,000 writes of 1.1 KB or of 11 KB values took it from 87 MB to ~350 MB). Unrestarted, a
 * 100,000-post publish (119,419 writes) left it at 700 MB. Starting a fresh one every this many writes (about
 * 0.5 s each) keeps it near 150 MB whatever the size of the publish; every 2,000 writes it peaked at 252 MB.
 */
export const RESTART_AFTER_WRITES = 1_000;

/**
 * Opens the local KV namespace `wrangler dev` serves, through wrangler's getPlatformProxy: the same
 * workerd storage, config and state folder, so what this writes is what `wrangler dev` then reads.
 */
export async function createLocalStore(options: LocalStoreOptions = {}): Promise<LocalKvStore> {
  const configPath = resolve(options.configPath ?? "wrangler.toml");
  const persistPath = resolve(options.persistPath ?? resolve(dirname(configPath), ".wrangler/state/v3"));
  const binding = options.binding ?? "FEEDS";
  // Loaded on demand: wrangler is large, and a remote publish never needs it. Required rather than
  // imported: wrangler is CommonJS, and importing it through tsx's ESM loader (as `npm run build` runs)
  // kept ~120 MB more resident (369 MB against 248 MB after loading it, measured with
  // process.memoryUsage() under `node --import tsx`).
  const { getPlatformProxy } = createRequire(import.meta.url)("wrangler") as typeof import("wrangler");
  const open = async (): Promise<{ namespace: KVNamespace; dispose: () => Promise<void> }> => {
    // remoteBindings off: the local store must never reach the real namespace by accident.
    const proxy = await getPlatformProxy<Record<string, KVNamespace | undefined>>({
      configPath,
      persist: { path: persistPath },
      remoteBindings: false,
    });
    const namespace = proxy.env[binding];
    if (!namespace || typeof namespace.put !== "function") {
      await proxy.dispose();
      throw new Error(`${configPath} has no KV namespace bound as ${binding}`);
    }
    return { namespace, dispose: () => proxy.dispose() };
  };
  const restartAfterWrites = options.restartAfterWrites ?? RESTART_AFTER_WRITES;
  let current = await open();
  let writes = 0;
  let restarts = 0;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let restarting: Promise<void> | undefined;
  /** Runs one operation on the open workerd, restarting it first once enough writes went through it. */
  const run = async <T>(operation: (namespace: KVNamespace) => Promise<T>, isWrite: boolean): Promise<T> => {
    while (restarting) await restarting;
    if (isWrite && ++writes > restartAfterWrites) {
      writes = 1;
      restarting = (async () => {
        // Operations already sent finish on the old workerd; new ones wait for the new one.
        if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
        await current.dispose();
        current = await open();
        restarts++;
      })().finally(() => (restarting = undefined));
      await restarting;
    }
    inFlight++;
    try {
      return await operation(current.namespace);
    } finally {
      if (--inFlight === 0) {
        idle?.();
        idle = undefined;
      }
    }
  };
  return {
    persistPath,
    get restarts() {
      return restarts;
    },
    get: (key) => run((namespace) => namespace.get(key), false),
    put: (key, value) => run((namespace) => namespace.put(key, value), true),
    delete: (key) => run((namespace) => namespace.delete(key), true),
    async list(prefix) {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page: KVNamespaceListResult<unknown> = await run((namespace) => namespace.list({ prefix, ...(cursor ? { cursor } : {}) }), false);
        keys.push(...page.keys.map((key) => key.name));
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return keys;
    },
    dispose: async () => {
      while (restarting) await restarting;
      await current.dispose();
    },
  };
}
