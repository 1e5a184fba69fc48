import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
it("reads KV", async () => {
  await (env as any).FEEDS.put("current", "x");
  const response = await exports.default.fetch(new Request("http://example.com/"));
  expect(await response.text()).toBe("x");
});
