import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { planGeneration } from "../../src/builder/plan/plan-generation";
import { CURRENT_KEY, manifestKey } from "../../src/model/keys";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { testHash } from "../support/test-hash";
import { createWorkerHarness } from "../support/worker-harness";

// Every article names one author (新浪财经), so the site's and the author's pages are the same values in format 3.
const articles = siteArticles(200);
const PATHS = ["/feed.xml", "/atom.xml?limit=100", "/feed.json", "/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/feed.xml", "/", "/?page=5", "/articles/a0007", "/categories/%E9%87%91%E8%9E%8D/feed.xml"];

async function snapshot(): Promise<string[]> {
  const harness = createWorkerHarness();
  return Promise.all(PATHS.map(async (path) => {
    const response = await harness.fetch(path);
    return `${path} ${response.status} ${await response.text()}`;
  }));
}

describe("a store whose live generation is format 2 (pages naming their scope)", () => {
  it("is served byte for byte as the same articles published in format 3", async () => {
    await clearKv(env.FEEDS);
    const { plan } = await seedKv(env.FEEDS, articles);
    const current = await snapshot();
    expect(current.every((line) => / 200 /.test(line))).toBe(true);

    // The same generation as format 2 wrote it: each page names a scope (which one does not matter to the
    // Worker, so the site for all) right after its kind, and the manifest says format 2.
    await clearKv(env.FEEDS);
    let pages = 0;
    for (const entry of plan.entries) {
      let text = entry.value() as string;
      if (entry.key.startsWith("page:")) {
        pages++;
        // Format 2's heads were one value: the lead and the rest joined.
        const [lead, rest] = text.split("\n");
        const page = JSON.parse(lead!) as { items: unknown[] };
        if (rest !== undefined) page.items.push(...(JSON.parse(rest) as { items: unknown[] }).items);
        text = JSON.stringify(page).replace(/^\{"kind":"(head|archive)",/, (start) => `${start}"scope":{"kind":"site"},`);
        expect(JSON.parse(text)).toHaveProperty("scope");
      }
      if (entry.key === manifestKey(plan.manifestHash)) text = JSON.stringify({ ...JSON.parse(text), format: 2 });
      await env.FEEDS.put(entry.key, text);
    }
    expect(pages).toBeGreaterThan(5);
    await env.FEEDS.put(CURRENT_KEY, JSON.stringify({ manifest: plan.manifestHash, generation: 1, publishedAt: "2021-07-01T00:00:00Z", previous: [] }));
    expect(await snapshot()).toEqual(current);
  });
});
