import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { STYLE_SHEET, STYLE_SHEET_VERSION } from "../../../src/worker/assets/style-sheet";
import { clearKv, seedKv } from "../../support/seed-kv";
import { siteArticles } from "../../support/site-articles";
import { createWorkerHarness } from "../../support/worker-harness";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(25));
});

describe("the stylesheet", () => {
  it("is served as CSS for a year under its versioned URL, with its hash as a strong ETag", async () => {
    const response = await createWorkerHarness().fetch(`/style.css?v=${STYLE_SHEET_VERSION}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("ETag")).toBe(`"${STYLE_SHEET_VERSION}"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toBe(STYLE_SHEET);
  });

  it.each(["/style.css", "/style.css?v=0123456789abcdef"])("is cached only an hour at %s, which does not name this version", async (path) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
  });

  it("answers 304 when If-None-Match names its version", async () => {
    const response = await createWorkerHarness().fetch("/style.css", { headers: { "If-None-Match": `W/"${STYLE_SHEET_VERSION}"` } });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
  });

  it("sets CJK font stacks, a CJK line height and a dark scheme", () => {
    for (const font of ['"PingFang SC"', '"Hiragino Sans GB"', '"Noto Sans CJK SC"', '"Microsoft YaHei"']) expect(STYLE_SHEET).toContain(font);
    expect(STYLE_SHEET).toMatch(/font: 1rem\/1\.8 /);
    expect(STYLE_SHEET).toContain("@media (prefers-color-scheme: dark)");
  });
});
