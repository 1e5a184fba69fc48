import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { MEMORY_LIMITS } from "../../memory-limits";
import { PublishError } from "../../report/publish-error";
import type { KvBatchLimit, KvEntry, KvStore } from "./kv-store";
import { readLocalNamespaceId } from "./read-namespace-id";

/** A KvStore over the local state `wrangler dev` reads; `dispose` stops the workerd process behind it. */
export interface LocalKvStore extends KvStore {
  /** The folder holding the local state (wrangler's `.wrangler/state/v3` by default). */
  readonly persistPath: string;
  /** How many times workerd was restarted to give its memory back (see MEMORY_LIMITS). */
  readonly restarts: number;
  /** Writes every entry through the writer Worker, a batch per request; rejects naming the first key that failed. */
  putMany(entries: readonly KvEntry[]): Promise<void>;
  /** Deletes every key through the writer Worker, a batch per request; rejects naming the first key that failed. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Every key starting with `prefix`, listed by the writer Worker. */
  list(prefix: string): Promise<string[]>;
  /** What one request to the writer Worker carries (see BATCH_LIMIT); putMany splits larger calls itself. */
  readonly batchLimit: KvBatchLimit;
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

/** What the local store uses of a running miniflare. */
interface MiniflareInstance {
  readonly ready: Promise<unknown>;
  getKVNamespace(binding: string): Promise<KVNamespace>;
  dispatchFetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | Uint8Array },
  ): Promise<{ status: number; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>;
  dispose(): Promise<void>;
}

/** What the local store uses of miniflare (its types are not ours to import: it comes with wrangler). */
interface MiniflareModule {
  Miniflare: new (options: unknown) => MiniflareInstance;
  convertV4MiniflareOptions(options: Record<string, unknown>): unknown;
}

/** One running workerd: the writer Worker's miniflare. */
interface OpenWorkerd {
  miniflare: MiniflareInstance;
}

/** What the writer Worker answers: how many it wrote, the first key that failed and workerd's message, or why it could not read the batch. */
type WriterAnswer = { count: number } | { key: string; message: string } | { message: string };

/**
 * The most one request to the writer Worker carries; putMany and deleteMany split larger calls. Measured
 * putting 10,000 values of 10 KB into a fresh state (workerd restarted every 1,000 writes, on two cores
 * other work shared), batches of 250, 500 and 1,000 took alike, 11.2-12.9 s, against 18.8-20.2 s for 8
 * single puts in flight through getKVNamespace: past a few hundred a request costs nothing next to
 * workerd's ~1 ms of CPU per put. 500 divides the restart bound evenly and has half as many values built
 * at once as 1,000. 8 MiB bounds a batch of large values (~135 pages of 60 KB, two to a restart), and with
 * it the JSON Node and workerd each hold for one request: 4, 8 and 16 MiB took alike, and workerd peaked
 * within 10 MiB of each other.
 */
const BATCH_LIMIT: KvBatchLimit = { pairs: 500, bytes: 8 * 1024 * 1024 };
// What JSON.stringify adds around one pair ({"key":"","value":""} and a comma), before any escapes.
const PAIR_OVERHEAD_BYTES = 24;
/**
 * Writes the writer Worker keeps in flight. Measured as above, batches of 500: all 500 at once took
 * 12.7-15.3 s and workerd peaked at 253 MiB (against ~172); 8 in flight 12.5-14.5 s; 16, 32 and 64
 * 11.0-12.4 s, 64 peaking 5-10 MiB higher. Every put goes to the one object holding the namespace, so more
 * in flight only queues there.
 */
const WRITER_CONCURRENCY = 32;
/** Requests to the writer Worker a putMany keeps in flight. */
const REQUESTS_IN_FLIGHT = 2;

/**
 * The Worker inside miniflare that does a batch's writes itself: one dispatchFetch carries hundreds of
 * writes, where getKVNamespace's proxy costs a round trip from Node per key. `POST /put` takes a JSON array
 * of {key, value}, `POST /delete` a JSON array of keys; it answers 200 with {count}, or 500 with the first
 * key that failed and workerd's message (or just a message when the body is no JSON array). It answers only once every write it started has settled, so none
 * is still running when workerd is restarted, and starts no more after one fails. It reads too, so a
 * publish never sets up miniflare's proxy (~150 ms, and a thread that blocks Node's on every call):
 * `POST /get` takes a key and answers its bytes (204 when there is none), `POST /list` takes
 * {prefix, cursor} and answers {keys, cursor} (cursor null on the last page). Anything else is a 404.
 */
function writerWorker(binding: string): string {
  return `
const describe = (error) => String((error && error.message) || error);
async function writeAll(items, write, keyOf) {
  let next = 0;
  let failure;
  const lane = async () => {
    while (next < items.length && !failure) {
      const item = items[next++];
      try {
        await write(item);
      } catch (error) {
        failure ??= { key: String(keyOf(item)), message: describe(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(${WRITER_CONCURRENCY}, items.length) }, lane));
  return failure;
}
export default {
  async fetch(request, env) {
    const namespace = env[${JSON.stringify(binding)}];
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && path === "/get") {
      const value = await namespace.get(await request.text(), "arrayBuffer");
      return value === null ? new Response(null, { status: 204 }) : new Response(value);
    }
    if (request.method === "POST" && path === "/list") {
      const { prefix, cursor } = await request.json();
      const page = await namespace.list({ prefix, ...(cursor ? { cursor } : {}) });
      return Response.json({ keys: page.keys.map((key) => key.name), cursor: page.list_complete ? null : page.cursor });
    }
    if (request.method !== "POST" || (path !== "/put" && path !== "/delete")) return new Response(null, { status: 404 });
    let items;
    try {
      if (path === "/put") {
        // A JSON list of [key, length of its value], a newline, then the values one after another: the
        // values, themselves JSON, are never escaped into a JSON string and parsed back.
        // Bytes, not text: each value goes to KV as the UTF-8 it arrived in, never decoded and encoded again.
        const bytes = new Uint8Array(await request.arrayBuffer());
        const newline = bytes.indexOf(10);
        const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline)));
        if (!Array.isArray(header)) throw new TypeError("the header is not a JSON array");
        items = [];
        let offset = newline + 1;
        for (const [key, length] of header) {
          items.push({ key, value: bytes.slice(offset, offset + length) });
          offset += length;
        }
        if (offset !== bytes.length) throw new TypeError("the values' lengths do not add up to the body");
      } else {
        items = await request.json();
        if (!Array.isArray(items)) throw new TypeError("the body is not a JSON array");
      }
    } catch (error) {
      return Response.json({ message: describe(error) }, { status: 500 });
    }
    const failure = path === "/put"
      ? await writeAll(items, (pair) => namespace.put(pair.key, pair.value), (pair) => pair.key)
      : await writeAll(items, (key) => namespace.delete(key), (key) => key);
    if (failure) return Response.json(failure, { status: 500 });
    return Response.json({ count: items.length });
  },
};
`;
}

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
  const script = writerWorker(binding);
  const open = async (): Promise<OpenWorkerd> => {
    const miniflare = new Miniflare(
      convertV4MiniflareOptions({
        script,
        modules: true,
        rootPath: dirname(configPath),
        kvNamespaces: { [binding]: namespaceId },
        resourcePersistencePath: persistPath,
      }),
    );
    try {
      await miniflare.ready;
    } catch (error) {
      await miniflare.dispose();
      throw error;
    }
    return { miniflare };
  };
  const restartAfterWrites = options.restartAfterWrites ?? MEMORY_LIMITS.workerdRestartAfterWrites;
  // A request never carries more writes than one workerd takes before its restart, so restarts fall between
  // requests however low the limit is set.
  const batchLimit: KvBatchLimit = { ...BATCH_LIMIT, pairs: Math.max(1, Math.min(BATCH_LIMIT.pairs, restartAfterWrites)) };
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
   * went through it. `written` is how many writes the operation makes and the bytes of values they send
   * (0 for deletes), undefined for a read; a batch counts whole, so restarts fall between batches.
   */
  const run = async <T>(operation: (open: OpenWorkerd) => Promise<T>, written?: { writes: number; bytes: number }): Promise<T> => {
    while (restarting) await restarting;
    // A read costs workerd nothing it keeps, so only writes count towards a restart.
    if (written !== undefined) {
      if (writes > 0 && (writes + written.writes > restartAfterWrites || bytes + written.bytes > restartAfterBytes)) {
        writes = 0;
        bytes = 0;
        restarting = (async () => {
          // Operations already sent finish on the old workerd; new ones wait for the new one.
          if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
          await current.miniflare.dispose();
          current = await open();
          restarts++;
        })().finally(() => (restarting = undefined));
        await restarting;
      }
      writes += written.writes;
      bytes += written.bytes;
    }
    inFlight++;
    try {
      return await operation(current);
    } finally {
      if (--inFlight === 0) {
        idle?.();
        idle = undefined;
      }
    }
  };
  /** Sends one batch to the writer Worker on the open workerd; rejects naming the key that failed, with workerd's message. */
  const send = async (path: "/put" | "/delete", body: string | Uint8Array, keys: { first: string; count: number }, { miniflare }: OpenWorkerd): Promise<void> => {
    const operation = path === "/put" ? "put" : "delete";
    const batch = `local KV ${operation} of ${keys.count === 1 ? JSON.stringify(keys.first) : `${keys.count} keys from ${JSON.stringify(keys.first)}`}`;
    let status: number;
    let text: string;
    try {
      const response = await miniflare.dispatchFetch(`http://writer${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new PublishError(`${batch} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    let answer: WriterAnswer | undefined;
    try {
      answer = JSON.parse(text) as WriterAnswer;
    } catch {
      answer = undefined;
    }
    if (status === 200 && answer && "count" in answer && answer.count === keys.count) return;
    if (status === 500 && answer && "key" in answer) throw new PublishError(`local KV ${operation} of ${JSON.stringify(answer.key)} failed: ${answer.message}`);
    if (status === 500 && answer && "message" in answer) throw new PublishError(`${batch} failed: ${answer.message}`);
    throw new PublishError(`${batch} failed: HTTP ${status} ${text.slice(0, 500)}`);
  };
  /** Reads one value's bytes through the writer Worker (null when there is none). */
  const read = async (key: string, { miniflare }: OpenWorkerd): Promise<Uint8Array | null> => {
    let response;
    try {
      response = await miniflare.dispatchFetch("http://writer/get", { method: "POST", headers: {}, body: key });
    } catch (error) {
      throw new PublishError(`local KV get of ${JSON.stringify(key)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 204) return null;
    if (response.status !== 200) throw new PublishError(`local KV get of ${JSON.stringify(key)} failed: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  /** One page of the keys under `prefix`, listed by the writer Worker. */
  const listPage = async (prefix: string, cursor: string | undefined, { miniflare }: OpenWorkerd): Promise<{ keys: string[]; cursor: string | null }> => {
    let response;
    try {
      response = await miniflare.dispatchFetch("http://writer/list", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ prefix, cursor }) });
    } catch (error) {
      throw new PublishError(`local KV list of ${JSON.stringify(prefix)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.status !== 200) throw new PublishError(`local KV list of ${JSON.stringify(prefix)} failed: HTTP ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as { keys: string[]; cursor: string | null };
  };
  /** Writes entries through the writer Worker, split into requests within BATCH_LIMIT, one after another. */
  const putBatches = async (entries: readonly KvEntry[]): Promise<void> => {
    let start = 0;
    // Two requests in flight: Node builds the next batch while workerd writes this one.
    const pending = new Set<Promise<void>>();
    let failure: unknown;
    while (start < entries.length && failure === undefined) {
      let end = start;
      let requestBytes = 2;
      let valueBytes = 0;
      while (end < entries.length && end - start < batchLimit.pairs) {
        const entry = entries[end]!;
        const value = typeof entry.value === "string" ? Buffer.byteLength(entry.value) : entry.value.byteLength;
        const pair = Buffer.byteLength(entry.key) + value + PAIR_OVERHEAD_BYTES;
        if (end > start && requestBytes + pair > BATCH_LIMIT.bytes) break;
        requestBytes += pair;
        valueBytes += value;
        end++;
      }
      const batch = entries.slice(start, end);
      const values = batch.map((entry) => (typeof entry.value === "string" ? Buffer.from(entry.value, "utf8") : entry.value));
      const body = Buffer.concat([Buffer.from(`${JSON.stringify(batch.map(({ key }, index) => [key, values[index]!.length]))}\n`, "utf8"), ...values]);
      const request: Promise<void> = run((open) => send("/put", body, { first: batch[0]!.key, count: batch.length }, open), { writes: batch.length, bytes: valueBytes })
        .catch((error: unknown) => void (failure ??= error))
        .finally(() => pending.delete(request));
      pending.add(request);
      if (pending.size >= REQUESTS_IN_FLIGHT) await Promise.race(pending);
      start = end;
    }
    await Promise.all(pending);
    if (failure !== undefined) throw failure;
  };
  /** Deletes keys through the writer Worker, BATCH_LIMIT.pairs to a request (the publisher hands over up to 10,000). */
  const deleteBatches = async (keys: readonly string[]): Promise<void> => {
    for (let start = 0; start < keys.length; start += batchLimit.pairs) {
      const batch = keys.slice(start, start + batchLimit.pairs);
      await run((open) => send("/delete", JSON.stringify(batch), { first: batch[0]!, count: batch.length }, open), { writes: batch.length, bytes: 0 });
    }
  };
  return {
    persistPath,
    batchLimit,
    // Miniflare writes a key as often as it is asked: a local publish never waits to write `current`.
    oneWritePerKeyPerSecond: false,
    get restarts() {
      return restarts;
    },
    get: async (key) => {
      const value = await run((open) => read(key, open));
      return value === null ? null : Buffer.from(value).toString("utf8");
    },
    getBytes: (key) => run((open) => read(key, open)),
    // A single write is a batch of one: writes take one path, and a publish that only writes never waits
    // for miniflare's proxy.
    put: (key, value) => putBatches([{ key, value }]),
    delete: (key) => deleteBatches([key]),
    putMany: putBatches,
    deleteMany: deleteBatches,
    async list(prefix) {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await run((open) => listPage(prefix, cursor, open));
        keys.push(...page.keys);
        cursor = page.cursor ?? undefined;
      } while (cursor);
      return keys;
    },
    dispose: async () => {
      while (restarting) await restarting;
      await current.miniflare.dispose();
    },
  };
}
