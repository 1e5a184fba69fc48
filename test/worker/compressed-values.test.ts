import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { planGeneration } from "../../src/builder/plan/plan-generation";
import { CURRENT_KEY } from "../../src/model/keys";
import { makeArticle } from "../support/make-article";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { testHash } from "../support/test-hash";
import { createWorkerHarness } from "../support/worker-harness";

/** gzip bytes, as compressStoredValue stores pages (it uses node:zlib; workerd has CompressionStream). */
async function compress(text: string): Promise<Uint8Array> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** gzip then base64, as publishes stored pages before they were bytes. */
async function compressToBase64(text: string): Promise<string> {
  let binary = "";
  for (const byte of await compress(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `text` as UTF-16LE bytes, as format 5 stores a head's lead that is not ASCII. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes[index * 2] = unit & 0xff;
    bytes[index * 2 + 1] = unit >> 8;
  }
  return bytes;
}

/** A stored head: its plain lead (UTF-16LE when `wide`), the newline, and its rest as `encode` gave it. */
async function joinLead(lead: string, rest: Uint8Array | string, wide: boolean): Promise<Uint8Array | string> {
  if (typeof rest === "string") return `${lead}\n${rest}`;
  const leadBytes = wide ? utf16le(`${lead}\n`) : new TextEncoder().encode(`${lead}\n`);
  const value = new Uint8Array(leadBytes.byteLength + rest.byteLength);
  value.set(leadBytes, 0);
  value.set(rest, leadBytes.byteLength);
  return value;
}

const long = makeArticle(150, { id: "long-article", contentHtml: Array.from({ length: 3_000 }, (_, index) => `<p>第 ${index} 段：${"很长的文章。".repeat(17)}</p>`).join("\n") });
const articles = [...siteArticles(200), long];
const PATHS = ["/feed.xml", "/atom.xml?limit=100", "/feed.json", "/", "/?page=5", "/articles/a0007", "/articles/long-article", "/categories/%E9%87%91%E8%9E%8D/feed.xml"];

async function snapshot(): Promise<string[]> {
  const harness = createWorkerHarness();
  return Promise.all(PATHS.map(async (path) => `${path} ${(await harness.fetch(path)).status} ${await (await harness.fetch(path)).text()}`));
}

describe("values the publish compressed", () => {
  it.each([
    { stored: "gzip bytes, heads' leads UTF-16LE (format 5)", encode: compress, wide: true },
    { stored: "gzip bytes, heads' leads UTF-8 (format 4)", encode: compress, wide: false },
    { stored: "base64 text of gzip (earlier publishes)", encode: compressToBase64, wide: false },
  ])("serves the same bytes from pages and articles stored as $stored as from plain ones", async ({ encode, wide }) => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, articles);
    const plain = await snapshot();
    await clearKv(env.FEEDS);
    const plan = planGeneration(articles, testHash);
    let compressed = 0;
    for (const entry of plan.entries) {
      const text = entry.value() as string;
      const encoded = entry.key.startsWith("page:") || entry.key.startsWith("article:");
      if (encoded) compressed++;
      // A head of more than HEAD_LEAD_ITEMS keeps its lead plain and compresses the rest after the newline.
      const split = text.indexOf("\n");
      await env.FEEDS.put(entry.key, !encoded ? text : split < 0 ? await encode(text) : await joinLead(text.slice(0, split), await encode(text.slice(split + 1)), wide));
    }
    await env.FEEDS.put(CURRENT_KEY, JSON.stringify({ manifest: plan.manifestHash, generation: 1, publishedAt: "2021-07-01T00:00:00Z", previous: [] }));
    expect(compressed).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(plain);
  });
});
