import { PublishError } from "../../report/publish-error";
import { WriteLimitError } from "../../report/write-limit-error";
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

/** The Cloudflare REST API's envelope ("Bulk Result" for the bulk endpoints, a key list for `…/keys`). */
interface ApiEnvelope {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: { successful_key_count?: number; unsuccessful_keys?: string[] } | { name: string }[] | null;
  result_info?: { count?: number; cursor?: string };
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
// "List a Namespace's Keys" returns at most 1,000 names a request (its `limit`, 1,000 by default and at
// most); each request is one list operation, and a Free account has 1,000 of those a day.
const LIST_PAGE_SIZE = 1_000;

// What Cloudflare answers once the account's daily KV allowance for an operation is spent (Free plan:
// 1,000 writes, 1,000 deletes and 1,000 lists a day, reset at 00:00 UTC; a bulk write costs one write
// per pair). The API reference documents no such error; this is what has been seen:
//  - The v4 envelope {"success":false,"errors":[{"code":10048,"message":"your account has reached the
//    free usage limit for this operation for today"}],…}, printed by wrangler for bulk puts and key puts,
//    in 2022 ("Code 10048: …", https://jameskilby.co.uk/2022/01/cloudflare-workers-limits-of-the-free-tier/)
//    and still in 2026 ("… [code: 10048]", https://github.com/Ikalus1988/MisakaNet/issues/1890).
//  - HTTP 429: Cloudflare's warning e-mail says that past the daily limit "requests to the Workers KV API
//    will return 429 errors … until the limit resets at … 00:00:00 UTC" (quoted in the blog post above and
//    in https://github.com/pureink/inkrss/issues/15). Neither source prints the status beside code 10048,
//    so the code decides whatever the status: a 429 without it is the REST API's ordinary rate limit
//    (1,200 requests per 5 minutes) and is still retried, while a 10048 never is, since every retry would
//    fail the same way until midnight UTC.
//  - Inside a Worker the binding throws "KV put() limit exceeded for the day." (and list(), delete()):
//    https://github.com/Ikalus1988/MisakaNet/pull/1926. The REST API is not known to word it so, but an
//    error message in that form is recognised too, should it ever arrive through the API.
// No source reports a partial write of the refused request: a `wrangler kv bulk put` in chunks of 25 that
// met the limit on its second chunk had written the first chunk and none of the second
// (https://github.com/tomy1031/nexmax-academy, docs/deploy.md, 2026-08-26). So a refused batch counts as
// not written, unless the refusal's own result gives a successful_key_count.
const DAILY_LIMIT_CODE = 10048;
const DAILY_LIMIT_MESSAGE = /free usage limit for this operation|limit exceeded for the day/i;

/** The daily allowance is spent; `request` throws it and the callers say what it cost them. */
class DailyLimitReached extends PublishError {
  constructor(
    readonly description: string,
    /** The refusal's `result.successful_key_count`, should Cloudflare ever report a part written. */
    readonly partlyWritten: number | undefined,
  ) {
    super(`Cloudflare refused the request: the account's daily KV limit for this operation is reached (${description}); it resets at 00:00 UTC`);
  }
}

/**
 * A KvStore over a real Workers KV namespace through Cloudflare's REST API: single reads, key lists
 * (`GET …/keys`), bulk writes (`PUT …/bulk`) and bulk deletes (`POST …/bulk/delete`) in batches within the
 * API's limits, retrying rate limits, server errors and the keys a bulk result reports in
 * `unsuccessful_keys`; a spent daily limit stops writing with a WriteLimitError and is never retried.
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
        const envelope = await readEnvelope(response);
        throwIfDailyLimit(envelope);
        failure = `HTTP ${response.status}${formatErrors(envelope)}`;
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

  const notFound = (): PublishError => new PublishError(`Cloudflare API: namespace ${options.namespaceId} not found in account ${options.accountId}`);

  /**
   * Sends a bulk request per batch, then again for the keys the result names unsuccessful; a spent daily
   * limit becomes a WriteLimitError counting the items this call wrote (or deleted) before it.
   */
  const bulk = async <Item>(method: string, path: string, items: readonly Item[], keyOf: (item: Item) => string): Promise<void> => {
    let pending = items;
    let written = 0;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const failed = new Set<string>();
      for (const batch of batches(pending)) {
        let envelope: ApiEnvelope;
        try {
          const response = await request(method, path, JSON.stringify(batch));
          if (response.status === 404) throw notFound();
          envelope = (await response.json()) as ApiEnvelope;
          throwIfDailyLimit(envelope);
        } catch (error) {
          if (!(error instanceof DailyLimitReached)) throw error;
          const { partlyWritten } = error;
          const detail =
            partlyWritten === undefined ? error.description : `${error.description}; the API reported ${partlyWritten} of the refused request's ${batch.length} written`;
          throw new WriteLimitError("daily-limit", written + (partlyWritten ?? 0), detail);
        }
        if (envelope.success === false) throw new PublishError(`Cloudflare API ${method} ${path} failed:${formatErrors(envelope)}`);
        const unsuccessful = bulkResult(envelope)?.unsuccessful_keys ?? [];
        for (const key of unsuccessful) failed.add(key);
        written += batch.length - unsuccessful.length;
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
    async getBytes(key) {
      // "Returns the value associated with the given key": the stored bytes, whatever they are.
      const response = await request("GET", `/values/${encodeURIComponent(key)}`);
      return response.status === 404 ? null : new Uint8Array(await response.arrayBuffer());
    },
    put: (key, value) => bulk("PUT", "/bulk", [bulkPair({ key, value })], (entry) => entry.key),
    delete: (key) => bulk("POST", "/bulk/delete", [key], (item) => item),
    putMany: (entries) => bulk("PUT", "/bulk", entries.map(bulkPair), (entry) => entry.key),
    deleteMany: (keys) => bulk("POST", "/bulk/delete", keys, (item) => item),
    async list(prefix) {
      // One request per 1,000 names, following result_info.cursor until it comes back empty.
      const names: string[] = [];
      let cursor = "";
      do {
        const query = new URLSearchParams({ prefix, limit: String(LIST_PAGE_SIZE) });
        if (cursor !== "") query.set("cursor", cursor);
        const response = await request("GET", `/keys?${query}`);
        if (response.status === 404) throw notFound();
        const envelope = (await response.json()) as ApiEnvelope;
        if (envelope.success === false || !Array.isArray(envelope.result)) throw new PublishError(`Cloudflare API GET /keys failed:${formatErrors(envelope)}`);
        for (const key of envelope.result) names.push(key.name);
        const next = envelope.result_info?.cursor ?? "";
        // A cursor that does not move would page forever; the API never sends one, but a loop must end.
        if (next !== "" && next === cursor) throw new PublishError("Cloudflare API GET /keys returned the same cursor twice");
        cursor = next;
      } while (cursor !== "");
      return names;
    },
  };
}

/** The bulk endpoints' result, when the envelope carries one. */
function bulkResult(envelope: ApiEnvelope): { successful_key_count?: number; unsuccessful_keys?: string[] } | undefined {
  const result = envelope.result;
  return result && !Array.isArray(result) ? result : undefined;
}

/** Throws DailyLimitReached when the envelope is Cloudflare's answer to a spent daily allowance (see above). */
function throwIfDailyLimit(envelope: ApiEnvelope | undefined): void {
  const error = envelope?.errors?.find((candidate) => candidate.code === DAILY_LIMIT_CODE || DAILY_LIMIT_MESSAGE.test(candidate.message ?? ""));
  if (!envelope || !error) return;
  const partlyWritten = bulkResult(envelope)?.successful_key_count;
  const description = [error.code, error.message].filter((part) => part !== undefined && part !== "").join(" ");
  throw new DailyLimitReached(description, typeof partlyWritten === "number" && partlyWritten > 0 ? partlyWritten : undefined);
}

/** A pair as the bulk API takes it: bytes go base64-encoded with `base64: true` ("Whether or not the server should base64 decode the value before storing it"). */
function bulkPair(entry: KvEntry): { key: string; value: string; base64?: true } {
  return typeof entry.value === "string" ? { key: entry.key, value: entry.value } : { key: entry.key, value: Buffer.from(entry.value).toString("base64"), base64: true };
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

/** The envelope of an unsuccessful answer, or undefined when its body is not JSON. */
async function readEnvelope(response: Response): Promise<ApiEnvelope | undefined> {
  try {
    return (await response.json()) as ApiEnvelope;
  } catch {
    return undefined;
  }
}

function formatErrors(envelope: ApiEnvelope | undefined): string {
  const messages = (envelope?.errors ?? []).map((error) => `${error.code ?? "?"} ${error.message ?? ""}`.trim());
  return messages.length > 0 ? `: ${messages.join("; ")}` : "";
}
