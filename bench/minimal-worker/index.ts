// The baselines of `npm run bench`'s request rows (bench/measure-requests.ts), each answering with the bytes
// the edgefeed Worker serves for the measured feed and the same content type, and nothing else:
// - `/constant`: the bytes from a constant, bundled into the Worker (the hot feed's yardstick: no storage, no work);
// - `/kv`: one KV read per request (the cold feed's yardstick: the one read an uncached feed needs, no work).
// Any other path is a 404, so a mistyped URL fails the row instead of measuring something else.
// The constant is the file bench/measure-requests.ts writes before it starts this Worker (bench-out/ is not
// in git), bundled by wrangler as a Data module.
import constantFeed from "../../bench-out/state-minimal/feed.bin";

interface MinimalEnv {
  VALUES: KVNamespace;
}

const HEADERS = { "Content-Type": "application/rss+xml; charset=utf-8" };

export default {
  async fetch(request: Request, env: MinimalEnv): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/constant") return new Response(constantFeed, { headers: HEADERS });
    if (pathname === "/kv") {
      const value = await env.VALUES.get("feed", "arrayBuffer");
      if (value === null) return new Response("not seeded", { status: 503 });
      return new Response(value, { headers: HEADERS });
    }
    // startWranglerDev waits for `/` to answer 200.
    if (pathname === "/") return new Response("ok");
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<MinimalEnv>;
