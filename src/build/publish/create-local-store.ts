import { dirname, resolve } from "node:path";
import type { KvStore } from "./kv-store";

/** A KvStore over the local state `wrangler dev` reads; `dispose` stops the workerd process behind it. */
export interface LocalKvStore extends KvStore {
  /** The folder holding the local state (wrangler's `.wrangler/state/v3` by default). */
  readonly persistPath: string;
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
}

/**
 * Opens the local KV namespace `wrangler dev` serves, through wrangler's getPlatformProxy: the same
 * workerd storage, config and state folder, so what this writes is what `wrangler dev` then reads.
 */
export async function createLocalStore(options: LocalStoreOptions = {}): Promise<LocalKvStore> {
  const configPath = resolve(options.configPath ?? "wrangler.toml");
  const persistPath = resolve(options.persistPath ?? resolve(dirname(configPath), ".wrangler/state/v3"));
  const binding = options.binding ?? "FEEDS";
  // Loaded on demand: wrangler is large, and a remote publish never needs it.
  const { getPlatformProxy } = await import("wrangler");
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
  return {
    persistPath,
    get: (key) => namespace.get(key),
    put: (key, value) => namespace.put(key, value),
    delete: (key) => namespace.delete(key),
    async list(prefix) {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page: KVNamespaceListResult<unknown> = await namespace.list({ prefix, ...(cursor ? { cursor } : {}) });
        keys.push(...page.keys.map((key) => key.name));
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return keys;
    },
    dispose: () => proxy.dispose(),
  };
}
