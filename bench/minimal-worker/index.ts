// The baseline for `npm run bench`'s request benchmark: a Worker that does nothing but return one KV
// value (the same bytes the edgefeed Worker serves for the measured feed), with the same content type.

interface MinimalEnv {
  VALUES: KVNamespace;
}

export default {
  async fetch(_request: Request, env: MinimalEnv): Promise<Response> {
    const value = await env.VALUES.get("feed", "arrayBuffer");
    if (value === null) return new Response("not seeded", { status: 503 });
    return new Response(value, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
  },
} satisfies ExportedHandler<MinimalEnv>;
