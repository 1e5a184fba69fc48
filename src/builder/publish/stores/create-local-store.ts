import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { MEMORY_LIMITS } from "../../memory-limits";
import type { KvStore } from "./kv-store";
import { readLocalNamespaceId } from "./read-namespace-id";

/** A KvStore over the local state `wrangler dev` reads; `dispose` stops the workerd process behind it. */
export interface LocalKvStore extends KvStore {
  /** The folder holding the local state (wrangler's `.wrangler/state/v3` by default). */
  readonly persistPath: string;
  /** How many times workerd was restarted to give its memory back (see MEMORY_LIMITS). */
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
  /** Writes and deletes after which workerd is restarted (default MEMORY_LIMITS.workerdRestartAfterWrites); tests lower it. */
  restartAfterWrites?: number;
  /** Bytes of values written after which workerd is restarted (default MEMORY_LIMITS.workerdRestartAfterBytes); tests lower it. */
  restartAfterBytes?: number;
}

/** What the local store uses of miniflare (its types are not ours to import: it comes with wrangler). */
interface MiniflareModule {
  Miniflare: new (options: unknown) => { getKVNamespace(binding: string): Promise<KVNamespace>; dispose(): Promise<void> };
  convertV4MiniflareOptions(options: Record<string, unknown>): unknown;
}

// The Worker the namespace hangs off: it is never asked anything.
const IDLE_WORKER = "export default { fetch() { return new Response(null, { status: 404 }); } };";

/**
 * Opens the local KV namespace `wrangler dev` serves: the same namespace id (see readLocalNamespaceId) in
 * the same state folder, through the same miniflare and workerd, so what this writes is what `wrangler dev`
 * then reads. It starts miniflare the way `wrangler kv key put --local` does, with wrangler's own copy;
 * wrangler's getPlatformProxy would do too, but loading all of wrangler keeps far more of a publish's
 * memory resident than loading miniflare alone.
 */
export async function createLocalStore(options: LocalStoreOptions = {}): Promise<LocalKvStore> {
  const configPath = resolve(options.configPath ?? "wrangler.toml");
  const persistPath = resolve(options.persistPath ?? resolve(dirname(configPath), ".wrangler/state/v3"));
  const binding = options.binding ?? "FEEDS";
  const namespaceId = await readLocalNamespaceId(configPath, binding);
  // Loaded on demand: a remote publish never needs it. Resolved from wrangler's folder, so it is always
  // the miniflare (and workerd) that wrangler dev runs, whatever else is installed. Required rather than
  // imported: it is CommonJS, and tsx's ESM loader (as `npm run build` runs) keeps more of it resident.
  const requireFromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"));
  const { Miniflare, convertV4MiniflareOptions } = requireFromWrangler("miniflare") as MiniflareModule;
  const open = async (): Promise<{ namespace: KVNamespace; dispose: () => Promise<void> }> => {
    const miniflare = new Miniflare(
      convertV4MiniflareOptions({
        script: IDLE_WORKER,
        modules: true,
        rootPath: dirname(configPath),
        kvNamespaces: { [binding]: namespaceId },
        resourcePersistencePath: persistPath,
      }),
    );
    try {
      return { namespace: await miniflare.getKVNamespace(binding), dispose: () => miniflare.dispose() };
    } catch (error) {
      await miniflare.dispose();
      throw error;
    }
  };
  const restartAfterWrites = options.restartAfterWrites ?? MEMORY_LIMITS.workerdRestartAfterWrites;
  const restartAfterBytes = options.restartAfterBytes ?? MEMORY_LIMITS.workerdRestartAfterBytes;
  let current = await open();
  let writes = 0;
  let bytes = 0;
  let restarts = 0;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let restarting: Promise<void> | undefined;
  /**
   * Runs one operation on the open workerd, restarting it first once enough writes, or bytes of values,
   * went through it. `written` is the bytes a write sends (0 for a delete), undefined for a read.
   */
  const run = async <T>(operation: (namespace: KVNamespace) => Promise<T>, written?: number): Promise<T> => {
    while (restarting) await restarting;
    // A read costs workerd nothing it keeps, so only writes count towards a restart.
    if (written !== undefined) {
      if (writes > 0 && (writes + 1 > restartAfterWrites || bytes + written > restartAfterBytes)) {
        writes = 0;
        bytes = 0;
        restarting = (async () => {
          // Operations already sent finish on the old workerd; new ones wait for the new one.
          if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
          await current.dispose();
          current = await open();
          restarts++;
        })().finally(() => (restarting = undefined));
        await restarting;
      }
      writes++;
      bytes += written;
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
    get: (key) => run((namespace) => namespace.get(key)),
    put: (key, value) => run((namespace) => namespace.put(key, value), Buffer.byteLength(value)),
    delete: (key) => run((namespace) => namespace.delete(key), 0),
    async list(prefix) {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page: KVNamespaceListResult<unknown> = await run((namespace) => namespace.list({ prefix, ...(cursor ? { cursor } : {}) }));
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
