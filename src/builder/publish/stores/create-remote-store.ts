import { PublishError } from "../../report/publish-error";
import type { KvEntry, KvStore } from "./kv-store";

/** Options of createRemoteStore. */
export interface RemoteStoreOptions {
  accountId: string;
  apiToken: string;
  namespaceId: string;
  /** The API's root; tests point it at a local stand-in. */
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: (milliseconds: number) => Promise<void>;
  /** Attempts per request and per unsuccessful key before giving up (default 6). */
  attempts?: number;
}

/** The Cloudflare REST API's envelope ("Bulk Result" for the bulk endpoints). */
interface ApiEnvelope {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: { successful_key_count?: number; unsuccessful_keys?: string[] } | null;
}

/** The Cloudflare API v4 root every REST call hangs off. */
export const CLOUDFLARE_API_BASE = "https://api.cloudflare.com/client/v4";
// "Body should be an array of up to 10,000 key-value pairs … The entire request size must be 100
// megabytes or less." (Workers KV REST API, bulk write). 100 MB is read as 10^8 bytes, the smaller reading.
const BULK_MAX_PAIRS = 10_000;
const BULK_MAX_BYTES = 100_000_000;
// What the publisher hands over per putMany call: half the API's limits, as wrangler's own bulk put
// does (5,000 pairs), so no more than ~50 MB of values are in memory at once and progress moves.
const PUBLISH_BATCH = { pairs: 5_000, bytes: 50_000_000 };

/**
 * A KvStore over a real Workers KV namespace through Cloudflare's REST API: single reads, bulk writes
 * (`PUT …/bulk`) and bulk deletes (`POST …/bulk/delete`) in batches within the API's limits, retrying
 * rate limits, server errors and the keys a bulk result reports in `unsuccessful_keys`.
 */
export function createRemoteStore(options: RemoteStoreOptions): KvStore {
  const base = `${(options.baseUrl ?? CLOUDFLARE_API_BASE).replace(/\/+$/, "")}/accounts/${encodeURIComponent(options.accountId)}/storage/kv/namespaces/${encodeURIComponent(options.namespaceId)}`;
  const fetchApi = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const attempts = options.attempts ?? 6;
  const headers = { Authorization: `Bearer ${options.apiToken}` };

  /** Sends one request, retrying 429 and 5xx with exponential backoff; throws a PublishError otherwise. */
  const request = async (method: string, path: string, body?: string): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: string;
      try {
        response = await fetchApi(`${base}${path}`, {
          method,
          headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
          ...(body === undefined ? {} : { body }),
        });
        if (response.ok || response.status === 404) return response;
        failure = `HTTP ${response.status}${await describeErrors(response)}`;
        if (response.status !== 429 && response.status < 500) {
          throw new PublishError(`Cloudflare API ${method} ${path.split("?")[0]} failed: ${failure}`);
        }
      } catch (error) {
        if (error instanceof PublishError) throw error;
        failure = error instanceof Error ? error.message : String(error);
      }
      if (attempt >= attempts) throw new PublishError(`Cloudflare API ${method} ${path.split("?")[0]} failed ${attempt} times; last: ${failure}`);
      await sleep(backoff(attempt, response?.headers.get("Retry-After")));
    }
  };

  /** Sends a bulk request per batch, then again for the keys the result names unsuccessful. */
  const bulk = async <Item>(method: string, path: string, items: readonly Item[], keyOf: (item: Item) => string): Promise<void> => {
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const failed = new Set<string>();
      for (const batch of batches(pending)) {
        const response = await request(method, path, JSON.stringify(batch));
        if (response.status === 404) throw new PublishError(`Cloudflare API: namespace ${options.namespaceId} not found in account ${options.accountId}`);
        const envelope = (await response.json()) as ApiEnvelope;
        if (envelope.success === false) throw new PublishError(`Cloudflare API ${method} ${path} failed:${formatErrors(envelope)}`);
        for (const key of envelope.result?.unsuccessful_keys ?? []) failed.add(key);
      }
      pending = pending.filter((item) => failed.has(keyOf(item)));
      if (pending.length === 0) return;
      if (attempt >= attempts) {
        throw new PublishError(`Cloudflare KV did not accept ${pending.length} keys after ${attempt} attempts, e.g. ${pending.slice(0, 3).map(keyOf).join(", ")}`);
      }
      await sleep(backoff(attempt, null));
    }
  };

  return {
    batchLimit: PUBLISH_BATCH,
    async get(key) {
      const response = await request("GET", `/values/${encodeURIComponent(key)}`);
      return response.status === 404 ? null : await response.text();
    },
    put: (key, value) => bulk("PUT", "/bulk", [{ key, value }], (entry) => entry.key),
    delete: (key) => bulk("POST", "/bulk/delete", [key], (item) => item),
    putMany: (entries) => bulk("PUT", "/bulk", entries.map((entry): KvEntry => ({ key: entry.key, value: entry.value })), (entry) => entry.key),
    deleteMany: (keys) => bulk("POST", "/bulk/delete", keys, (item) => item),
  };
}

/** Splits items into request bodies of at most 10,000 items and 100 MB of JSON. */
function* batches<Item>(items: readonly Item[]): Generator<Item[]> {
  let batch: Item[] = [];
  let bytes = 2; // the array's brackets
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item), "utf8") + 1; // and its comma
    if (batch.length > 0 && (batch.length >= BULK_MAX_PAIRS || bytes + size > BULK_MAX_BYTES)) {
      yield batch;
      batch = [];
      bytes = 2;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function backoff(attempt: number, retryAfter: string | null | undefined): number {
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return Math.min(30_000, 500 * 2 ** (attempt - 1));
}

async function describeErrors(response: Response): Promise<string> {
  try {
    return formatErrors((await response.json()) as ApiEnvelope);
  } catch {
    return "";
  }
}

function formatErrors(envelope: ApiEnvelope): string {
  const messages = (envelope.errors ?? []).map((error) => `${error.code ?? "?"} ${error.message ?? ""}`.trim());
  return messages.length > 0 ? `: ${messages.join("; ")}` : "";
}
