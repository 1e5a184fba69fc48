import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** A ping the stand-in took or refused. */
export interface StandInPing {
  /** The feed URLs it named, in order. */
  urls: string[];
  /** What the stand-in answered. */
  status: number;
}

/** What the stand-in got when it fetched a pinged feed, as a hub does right after a ping. */
export interface StandInFetch {
  url: string;
  /** The HTTP status, or 0 when the fetch failed. */
  status: number;
  body: string;
  /** The `Link` header, where WebSub §4 names the hub and the topic. */
  link: string | null;
}

/** Options of startWebsubHubStandIn. */
export interface HubStandInOptions {
  /**
   * `repeated`: takes several `hub.url` in one request, as Google's hub does; `array`: `hub.url[]`, as
   * Superfeedr; `single` (default): exactly one `hub.url`, as a hub that reads only one does (a request
   * with more is refused, so a publisher that batches for such a hub is caught).
   */
  accepts?: "single" | "repeated" | "array";
  /** Its answer to a ping it takes: 204 (Google's, Superfeedr's) by default, or 202 (WebSub §5.1's for subscriptions). */
  status?: 202 | 204;
  /** Whether it fetches each pinged feed (default true). */
  fetchFeeds?: boolean;
}

/** A running stand-in for a WebSub hub. */
export interface HubStandIn {
  /** `http://127.0.0.1:<port>/`: what WEBSUB_HUB names. */
  url: string;
  /** Every request that reached it, in order. */
  pings: StandInPing[];
  /** Every feed it fetched after a ping it took, in order. */
  fetches: StandInFetch[];
  /** The next `count` requests get `status` instead of a ping's answer (a 5xx, a 429 with Retry-After 1). */
  failNext(count: number, status: number): void;
  /** The next `count` requests get no answer at all: the connection stays open. */
  hangNext(count: number): void;
  /** Resolves once every fetch it started has ended. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a local stand-in for a WebSub hub on 127.0.0.1 that behaves like the common hubs towards a
 * publisher: it takes `POST` with `application/x-www-form-urlencoded`, `hub.mode=publish` and absolute http(s)
 * `hub.url`s (in the form its `accepts` option says), answers 204 (or 202), refuses anything else with a 4xx
 * that says why, and then fetches every pinged feed, recording what it got. It can be made to fail (any
 * status) or to hang for the next requests.
 */
export async function startWebsubHubStandIn(options: HubStandInOptions = {}): Promise<HubStandIn> {
  const accepts = options.accepts ?? "single";
  const pings: StandInPing[] = [];
  const fetches: StandInFetch[] = [];
  const running = new Set<Promise<void>>();
  const sockets = new Set<Socket>();
  let failures: { count: number; status: number } = { count: 0, status: 0 };
  let hangs = 0;
  const fetchFeed = (url: string): void => {
    const done = (async () => {
      try {
        const response = await fetch(url, { headers: { "User-Agent": "edgefeed hub stand-in" }, signal: AbortSignal.timeout(10_000) });
        fetches.push({ url, status: response.status, body: await response.text(), link: response.headers.get("Link") });
      } catch (error) {
        fetches.push({ url, status: 0, body: String(error), link: null });
      }
    })();
    running.add(done);
    void done.finally(() => running.delete(done));
  };
  const server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (hangs > 0) {
      hangs--;
      pings.push({ urls: [], status: 0 });
      return;
    }
    const refuse = (status: number, reason: string, urls: string[] = []): void => {
      pings.push({ urls, status });
      response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...(status === 429 ? { "Retry-After": "1" } : {}) });
      response.end(reason);
    };
    if (failures.count > 0) {
      failures.count--;
      return refuse(failures.status, `failing on purpose with ${failures.status}`);
    }
    if (request.method !== "POST") return refuse(405, "publish with POST");
    if (!(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return refuse(400, "the body must be application/x-www-form-urlencoded");
    const form = new URLSearchParams(body);
    if (form.get("hub.mode") !== "publish") return refuse(400, `hub.mode must be publish, got ${JSON.stringify(form.get("hub.mode"))}`);
    const name = accepts === "array" ? "hub.url[]" : "hub.url";
    const urls = form.getAll(name);
    const other = [...form.keys()].filter((key) => key !== "hub.mode" && key !== name);
    if (other.length > 0) return refuse(400, `unknown parameter ${other[0]}`, urls);
    if (urls.length === 0) return refuse(400, `MUST supply at least one ${name} parameter`);
    if (accepts === "single" && urls.length > 1) return refuse(400, `one hub.url per request, got ${urls.length}`, urls);
    for (const url of urls) {
      if (!/^https?:\/\//.test(url) || !URL.canParse(url)) return refuse(400, `hub.url must be an absolute http(s) URL, got ${JSON.stringify(url)}`, urls);
    }
    pings.push({ urls, status: options.status ?? 204 });
    response.writeHead(options.status ?? 204);
    response.end();
    // Right after the ping, as a hub does: the publisher must have made the new bytes visible by now.
    if (options.fetchFeeds !== false) for (const url of urls) fetchFeed(url);
  }
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the hub stand-in has no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    pings,
    fetches,
    failNext(count, status) {
      failures = { count, status };
    },
    hangNext(count) {
      hangs = count;
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
