/**
 * One build for the benchmarks: parse, clean and sanitize every post of a folder through runBuild (as
 * `npm run build` does, the saved articles going to bench-out/), then plan the generation's KV writes,
 * without publishing. Prints one JSON line: wall and CPU time, peak memory, the summary line.
 * Run: node src/builder/run/run-compiled.ts bench/build-once.ts --posts DIR [--cache DIR] [--workers N] [--output FILE]
 * (compiled, as `npm run build` starts; `node --import tsx bench/build-once.ts …` runs it through tsx instead)
 */
import { parseArgs } from "node:util";
import { hashParts } from "../src/builder/plan/hash-parts";
import { openArticleSources } from "../src/builder/plan/open-article-sources";
import { planArticles } from "../src/builder/plan/plan-generation";
import { runBuild } from "../src/builder/run/run-build";

const { values } = parseArgs({
  options: { posts: { type: "string" }, cache: { type: "string" }, workers: { type: "string" }, output: { type: "string" } },
});
if (!values.posts) throw new Error("--posts DIR is required");
const started = performance.now();
const lines: string[] = [];
let entries = 0;
let planMilliseconds = 0;
const status = await runBuild({
  directory: values.posts,
  strict: false,
  quiet: true,
  output: values.output ?? "bench-out/articles.ndjson",
  cache: values.cache ?? false,
  ...(values.workers ? { workers: Number(values.workers) } : {}),
  log: (line) => lines.push(line),
  error: (line) => lines.push(line),
  publish: async (articlesFile, saved) => {
    // Planning as `npm run build` does it: from what the build saved, each article's text read on demand.
    const planStarted = performance.now();
    const sources = await openArticleSources(articlesFile, hashParts, saved);
    entries = planArticles(sources.articles, hashParts, sources.site).entries.length;
    await sources.close();
    planMilliseconds = performance.now() - planStarted;
    return "";
  },
});
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    status,
    wallMs: Math.round(performance.now() - started),
    planMs: Math.round(planMilliseconds),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    maxRssMb: Math.round(usage.maxRSS / 1024),
    entries,
    summary: lines[lines.length - 1],
  }),
);
