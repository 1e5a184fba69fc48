import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Options of the stand-in: how often it reports a key unsuccessful, keys it never accepts, and its daily write limit. */
export interface StandInOptions {
  token: string;
  /** Share of keys a bulk request reports in `unsuccessful_keys` (decided by a seeded generator). */
  unsuccessfulShare?: number;
  /** Keys reported unsuccessful every time. */
  alwaysFailing?: ReadonlySet<string>;
  /** Answer the first bulk request with 429 and Retry-After: 0, as a rate-limited API does. */
  rateLimitFirst?: boolean;
  /**
   * Pairs the account may write today (bulk PUT pairs and bulk delete keys, one each, as Cloudflare bills
   * them); once they are spent, every bulk request is refused as the real API refuses it and writes nothing.
   */
  dailyWriteLimit?: number;
  seed?: number;
}

/** One request the stand-in answered: what it was, how many pairs (or keys) it carried, and whether it was refused. */
export interface StandInRequest {
  method: string;
  path: string;
  pairs: number;
  bytes: number;
  /** Set on a bulk request refused because the daily write limit was spent. */
  refused?: "daily-limit";
}

// The limits the real API documents: 10,000 pairs and 100 MB per request, keys 512 bytes, values 25 MiB.
const MAX_PAIRS = 10_000;
const MAX_BODY_BYTES = 100_000_000;
const MAX_KEY_BYTES = 512;
const MAX_VALUE_BYTES = 25 * 1024 * 1024;
// "List a Namespace's Keys": `limit` is 10 to 1,000 names a page, 1,000 when not given.
const LIST_DEFAULT_LIMIT = 1_000;
const LIST_LEAST_LIMIT = 10;
// What the real API answers once the daily allowance is spent: code and message as wrangler prints them
// (https://github.com/Ikalus1988/MisakaNet/issues/1890), status 429 as Cloudflare's warning e-mail says
// (https://jameskilby.co.uk/2022/01/cloudflare-workers-limits-of-the-free-tier/); the sources and why
// the store trusts the code over the status are in src/builder/publish/stores/create-remote-store.ts.
const DAILY_LIMIT_STATUS = 429;
const DAILY_LIMIT_CODE = 10048;
const DAILY_LIMIT_MESSAGE = "your account has reached the free usage limit for this operation for today";

/**
 * A local stand-in for Cloudflare's Workers KV REST API (one namespace): reads, key lists, bulk writes and
 * bulk deletes, with the API's envelope and limits enforced, some keys reported unsuccessful at random,
 * and optionally a daily write limit that refuses bulk requests once it is spent.
 */
export async function startBulkApiStandIn(options: StandInOptions) {
  // Bytes sent base64-encoded (`base64: true`) are stored decoded, as the API does ("Whether or not the server
  // should base64 decode the value before storing it").
  const values = new Map<string, string | Buffer>();
  // What a bulk write set beside the value, returned by lists as the real API returns it.
  const details = new Map<string, { expiration?: number; metadata?: unknown }>();
  const requests: StandInRequest[] = [];
  let billedWrites = 0;
  // Writes billed before today's 00:00 UTC reset (resetDailyWrites) do not count against today's limit.
  let billedBeforeToday = 0;
  let random = options.seed ?? 42;
  const next = (): number => {
    // mulberry32: a tiny seeded generator, so every run fails the same keys.
    random = (random + 0x6d2b79f5) | 0;
    let value = Math.imul(random ^ (random >>> 15), 1 | random);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  let rateLimited = !options.rateLimitFirst;

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", "http://stand-in");
    const match = /^\/client\/v4\/accounts\/acc123\/storage\/kv\/namespaces\/ns456\/(values\/(.+)|bulk|bulk\/delete|keys)$/.exec(url.pathname);
    const method = request.method ?? "";
    if (request.headers.authorization !== `Bearer ${options.token}`) return reply(response, 403, fail(10000, "Authentication error"));
    if (!match) return reply(response, 404, fail(10013, "namespace not found"));
    if (match[1] === "keys" && method === "GET") return listKeys(url.searchParams, response);
    if (match[2] !== undefined && method === "GET") {
      requests.push({ method, path: "values", pairs: 1, bytes: 0 });
      const value = values.get(decodeURIComponent(match[2]));
      if (value === undefined) return reply(response, 404, fail(10009, "get: 'key not found'"));
      response.writeHead(200, { "Content-Type": "application/octet-stream" }).end(value);
      return;
    }
    const isWrite = match[1] === "bulk" && method === "PUT";
    const isDelete = match[1] === "bulk/delete" && method === "POST";
    if (!isWrite && !isDelete) return reply(response, 405, fail(10000, "method not allowed"));
    if (body.length > MAX_BODY_BYTES) return reply(response, 413, fail(10011, "request body too large"));
    if (!rateLimited) {
      rateLimited = true;
      response.writeHead(429, { "Retry-After": "0", "Content-Type": "application/json" }).end(JSON.stringify(fail(10429, "too many requests")));
      return;
    }
    const items = JSON.parse(body.toString("utf8")) as unknown[];
    if (options.dailyWriteLimit !== undefined && billedWrites - billedBeforeToday >= options.dailyWriteLimit) {
      // Refused whole: no source reports the real API writing part of a request past the limit.
      requests.push({ method, path: match[1]!, pairs: items.length, bytes: body.length, refused: "daily-limit" });
      return reply(response, DAILY_LIMIT_STATUS, fail(DAILY_LIMIT_CODE, DAILY_LIMIT_MESSAGE));
    }
    requests.push({ method, path: match[1]!, pairs: items.length, bytes: body.length });
    if (!Array.isArray(items) || items.length > MAX_PAIRS) return reply(response, 400, fail(10026, `too many pairs: ${items.length}`));
    const unsuccessful: string[] = [];
    for (const item of items) {
      const key = isWrite ? (item as { key: string }).key : (item as string);
      if (Buffer.byteLength(key) > MAX_KEY_BYTES) return reply(response, 414, fail(10034, `key too long: ${Buffer.byteLength(key)} bytes`));
      if (isWrite && Buffer.byteLength((item as { value: string }).value) > MAX_VALUE_BYTES) {
        return reply(response, 413, fail(10033, `value too large for key ${key}`));
      }
    }
    for (const item of items) {
      const key = isWrite ? (item as { key: string }).key : (item as string);
      if (options.alwaysFailing?.has(key) || next() < (options.unsuccessfulShare ?? 0)) {
        unsuccessful.push(key);
        continue;
      }
      // A request begun under the limit is written whole, even past it: Cloudflare's own counts show
      // days of 1,125 to 1,366 writes on a 1,000-write account (https://github.com/Ikalus1988/MisakaNet/issues/1890).
      billedWrites++;
      if (isWrite) {
        const pair = item as { value: string; base64?: boolean; expiration?: number; expiration_ttl?: number; metadata?: unknown };
        values.set(key, pair.base64 === true ? Buffer.from(pair.value, "base64") : pair.value);
        const expiration = pair.expiration ?? (pair.expiration_ttl === undefined ? undefined : Math.floor(Date.now() / 1000) + pair.expiration_ttl);
        if (expiration === undefined && pair.metadata === undefined) details.delete(key);
        else details.set(key, { ...(expiration === undefined ? {} : { expiration }), ...(pair.metadata === undefined ? {} : { metadata: pair.metadata }) });
      } else {
        values.delete(key);
        details.delete(key);
      }
    }
    reply(response, 200, { success: true, errors: [], messages: [], result: { successful_key_count: items.length - unsuccessful.length, unsuccessful_keys: unsuccessful } });
  });

  /** `GET …/keys`: names in KV's order (by UTF-8 bytes) from after the cursor, with the real envelope. */
  function listKeys(query: URLSearchParams, response: ServerResponse): void {
    const limit = query.has("limit") ? Number(query.get("limit")) : LIST_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < LIST_LEAST_LIMIT || limit > LIST_DEFAULT_LIMIT) {
      return reply(response, 400, fail(10000, `limit must be between ${LIST_LEAST_LIMIT} and ${LIST_DEFAULT_LIMIT}, got ${query.get("limit")}`));
    }
    const prefix = query.get("prefix") ?? "";
    const cursor = query.get("cursor") ?? "";
    // The real cursor is opaque; this one is the last name of the page before, so it survives writes in between.
    const after = cursor === "" ? undefined : Buffer.from(cursor, "base64url");
    const names = [...values.keys()]
      .filter((name) => name.startsWith(prefix) && (after === undefined || Buffer.compare(Buffer.from(name), after) > 0))
      .sort((left, right) => Buffer.compare(Buffer.from(left), Buffer.from(right)));
    const page = names.slice(0, limit);
    const more = names.length > page.length;
    requests.push({ method: "GET", path: "keys", pairs: page.length, bytes: 0 });
    reply(response, 200, {
      success: true,
      errors: [],
      messages: [],
      result: page.map((name) => ({ name, ...details.get(name) })),
      result_info: { count: page.length, cursor: more ? Buffer.from(page.at(-1)!).toString("base64url") : "" },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    values,
    requests,
    /** Pairs written and keys deleted so far, as counted against `dailyWriteLimit`. */
    get billedWrites(): number {
      return billedWrites;
    },
    /** The daily limit resets, as Cloudflare's does at 00:00 UTC. */
    resetDailyWrites(): void {
      billedBeforeToday = billedWrites;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function fail(code: number, message: string) {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
