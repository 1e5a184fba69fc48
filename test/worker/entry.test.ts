import { env, exports } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(3));
});

it("serves the site feed through the Worker's default export", async () => {
  const response = await exports.default.fetch(new Request("https://example.com/feed.xml"));
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
  expect(await response.text()).toContain("https://example.com/articles/a0003");
});

it("binds the deployed version's metadata, which every ETag depends on", () => {
  expect(typeof env.CF_VERSION_METADATA?.id).toBe("string");
});
