export default {
  async fetch(request: Request, env: { FEEDS: KVNamespace }): Promise<Response> {
    const value = await env.FEEDS.get("current");
    return new Response(value ?? "none");
  },
} satisfies ExportedHandler<{ FEEDS: KVNamespace }>;
