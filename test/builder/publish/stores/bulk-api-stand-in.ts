import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Options of the stand-in: how often it reports a key unsuccessful, and keys it never accepts. */
export interface StandInOptions {
  token: string;
  /** Share of keys a bulk request reports in `unsuccessful_keys` (decided by a seeded generator). */
  unsuccessfulShare?: number;
  /** Keys reported unsuccessful every time. */
  alwaysFailing?: ReadonlySet<string>;
  /** Answer the first bulk request with 429 and Retry-After: 0, as a rate-limited API does. */
  rateLimitFirst?: boolean;
  seed?: number;
}

// The limits the real API documents: 10,000 pairs and 100 MB per request, keys 512 bytes, values 25 MiB.
const MAX_PAIRS = 10_000;
const MAX_BODY_BYTES = 100_000_000;
const MAX_KEY_BYTES = 512;
const MAX_VALUE_BYTES = 25 * 1024 * 1024;

/**
 * A local stand-in for Cloudflare's Workers KV REST API (one namespace): reads, bulk writes and bulk
 * deletes, with the API's envelope and limits enforced, and some keys reported unsuccessful at random.
 */
export async function startBulkApiStandIn(options: StandInOptions) {
  const values = new Map<string, string>();
  const requests: { method: string; path: string; pairs: number; bytes: number }[] = [];
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
    const match = /^\/client\/v4\/accounts\/acc123\/storage\/kv\/namespaces\/ns456\/(values\/(.+)|bulk|bulk\/delete)$/.exec(request.url ?? "");
    const method = request.method ?? "";
    if (request.headers.authorization !== `Bearer ${options.token}`) return reply(response, 403, fail(10000, "Authentication error"));
    if (!match) return reply(response, 404, fail(10013, "namespace not found"));
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
      if (isWrite) values.set(key, (item as { value: string }).value);
      else values.delete(key);
    }
    reply(response, 200, { success: true, errors: [], messages: [], result: { successful_key_count: items.length - unsuccessful.length, unsuccessful_keys: unsuccessful } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    values,
    requests,
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
