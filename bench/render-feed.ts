/**
 * Measures feed rendering (buildFeedDocument + renderFeed) per format for 20- and 100-item documents.
 * Targets: ≤ 300 µs median per 20-item page in each format, ≤ 1.5 ms per 100 items.
 * Run: npx tsx bench/render-feed.ts (prints CPU time per render, median and p90 over 60 batches of 25).
 */
import type { Article } from "../src/model/article";
import type { FeedFormat } from "../src/model/feed-format";
import { buildFeedDocument } from "../src/worker/feeds/build-feed-document";
import { renderFeed } from "../src/worker/feeds/render-feed";
import { categoryScope, headPage, publicConfig } from "../test/worker/feeds/feed-fixtures";

// About 3 KB of HTML per item, like the cleaned seed post, with references to escape.
const PARAGRAPH =
  "<p>　　6月11日，上海市人民政府官网发布了关于印发《上海市促进科技成果转移转化行动方案（2021-2023年）》的通知 R&amp;D &lt;3%。</p>\n";

function heavy(articles: Article[]): Article[] {
  return articles.map((article) => ({ ...article, contentHtml: PARAGRAPH.repeat(16), summary: PARAGRAPH.slice(3, 140) }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const page = headPage(categoryScope(), 100);
page.items = heavy(page.items);
// CPU time (user + system) per batch, not wall time: the machine is shared, and waiting for a core is not
// rendering. The median over batches is reported per render, for the string alone and with UTF-8 encoding
// (which flattens the string, as a Response body does).
const BATCHES = 60;
const PER_BATCH = 25;
const encoder = new TextEncoder();

function measure(work: () => number): { median: number; p90: number } {
  for (let warm = 0; warm < 200; warm++) work();
  const samples: number[] = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = process.cpuUsage();
    for (let round = 0; round < PER_BATCH; round++) work();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / PER_BATCH);
  }
  const sorted = [...samples].sort((left, right) => left - right);
  return { median: median(samples), p90: sorted[Math.floor(BATCHES * 0.9)]! };
}

const format1 = (value: number) => value.toFixed(1).padStart(7);
for (const limit of [20, 100]) {
  for (const format of ["rss", "atom", "json"] as FeedFormat[]) {
    const render = () =>
      renderFeed(buildFeedDocument({ config: publicConfig(), origin: "https://x.example", scope: categoryScope(), page, limit, format }), format);
    const alone = measure(() => render().length);
    const encoded = measure(() => encoder.encode(render()).length);
    console.log(
      `${String(limit).padStart(3)} items ${format.padEnd(4)} render median ${format1(alone.median)} µs (p90 ${format1(alone.p90)})` +
        `  with UTF-8 encoding ${format1(encoded.median)} µs (p90 ${format1(encoded.p90)})  ${encoder.encode(render()).length} bytes`,
    );
  }
}
