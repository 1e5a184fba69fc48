/**
 * Feed rendering cost in Node, as the Worker does it per uncached request: buildFeedDocument + renderFeed,
 * alone and with UTF-8 encoding (a Response body is bytes). Items are real built articles (the newest 100 of
 * bench-out/articles.ndjson, from `npm run bench`'s 10,000-post build), so bodies are the cleaned seed-like
 * HTML. Reports, per format and page size, the median and p90 of CPU time per render over 60 batches of
 * 25 renders after 300 warm-up renders. Prints one JSON line.
 * Run: node --import tsx bench/render-once.ts [ARTICLES.ndjson]
 */
import { readFileSync } from "node:fs";
import type { Article } from "../src/model/article";
import { FEED_FORMATS } from "../src/model/feed-format";
import type { HeadPage } from "../src/model/feed-page";
import type { Scope } from "../src/model/scope";
import { buildFeedDocument } from "../src/worker/feeds/build-feed-document";
import { renderFeed } from "../src/worker/feeds/render-feed";

const BATCHES = 60;
const PER_BATCH = 25;
const WARM_UP = 300;

const articles = readFileSync(process.argv[2] ?? "bench-out/articles.ndjson", "utf8")
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line) as Article)
  .sort((left, right) => (left.published < right.published ? 1 : left.published > right.published ? -1 : 0));
const scope: Scope = { kind: "category", path: articles[0]!.categories[0]!.slice(0, 1) };
const page: HeadPage = { kind: "head", items: articles.slice(0, 100) };
const config = {
  url: "https://news.example.com",
  siteId: "",
  title: "edgefeed",
  description: "新浪财经的文章",
  author: "",
  language: "zh-CN",
  timeZone: "Asia/Shanghai",
  sourceSite: "sina",
  idScheme: "edgefeed" as const,
  permalinkTimeZone: "Asia/Shanghai",
  imageProxyHosts: ["sinaimg.cn"],
  websubHub: "",
};
const encoder = new TextEncoder();

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

// CPU time (user + system) per batch, not wall time: on a shared machine, waiting for a core is not rendering.
function measure(work: () => number): { medianUs: number; p90Us: number } {
  for (let round = 0; round < WARM_UP; round++) work();
  const samples: number[] = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = process.cpuUsage();
    for (let round = 0; round < PER_BATCH; round++) work();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / PER_BATCH);
  }
  return { medianUs: Math.round(percentile(samples, 0.5)), p90Us: Math.round(percentile(samples, 0.9)) };
}

const results = [];
for (const limit of [20, 100]) {
  for (const format of FEED_FORMATS) {
    const render = () => renderFeed(buildFeedDocument({ config, origin: "https://news.example.com", scope, page, limit, format }), format);
    const alone = measure(() => render().length);
    const encoded = measure(() => encoder.encode(render()).length);
    results.push({ format, limit, bytes: encoder.encode(render()).length, medianUs: alone.medianUs, p90Us: alone.p90Us, encodedMedianUs: encoded.medianUs, encodedP90Us: encoded.p90Us });
  }
}
console.log(JSON.stringify(results));
