import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(25));
});

describe("HEAD", () => {
  it.each(["/feed.xml", "/atom.xml?limit=3", "/feed.json?page=1", "/", "/articles/a0002", "/opml.xml", "/tags/%E8%82%A1%E5%B8%82/"])(
    "answers HEAD %s with the headers of GET and no body",
    async (path) => {
      const harness = createWorkerHarness();
      const get = await harness.fetch(path);
      const head = await harness.fetch(path, { method: "HEAD" });
      expect(head.status).toBe(get.status);
      for (const name of ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "X-Content-Type-Options", "Access-Control-Allow-Origin"]) {
        expect(head.headers.get(name), name).toBe(get.headers.get(name));
      }
      expect(await head.text()).toBe("");
    },
  );

  it("answers HEAD for a missing feed with 404 and no body", async () => {
    const response = await createWorkerHarness().fetch("/tags/nope/feed.xml", { method: "HEAD" });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("answers a conditional HEAD with 304", async () => {
    const harness = createWorkerHarness();
    const etag = (await harness.fetch("/feed.xml", { method: "HEAD" })).headers.get("ETag")!;
    const response = await harness.fetch("/feed.xml", { method: "HEAD", headers: { "If-None-Match": etag } });
    expect(response.status).toBe(304);
  });
});

describe("other methods", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH"])("refuses %s with 405 and Allow", async (method) => {
    const response = await createWorkerHarness().fetch("/feed.xml", { method, body: method === "DELETE" ? null : "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toContain(`${method} is not allowed`);
  });

  it("answers a CORS preflight for a feed with 204 and the allowed methods and headers", async () => {
    const response = await createWorkerHarness().fetch("/feed.json", {
      method: "OPTIONS",
      headers: { Origin: "https://reader.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("If-None-Match");
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("exposes ETag to scripts reading a feed across origins", async () => {
    const response = await createWorkerHarness().fetch("/feed.json", { headers: { Origin: "https://reader.example" } });
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
  });
});
