import type { Limit } from "./compare-with-target";

/** One row of BENCHMARKS.md as the bench defines it: the name `--only` takes, the step that measures it, its target in words and as bounds. */
export interface BenchmarkRow {
  /** Short and stable: `npm run bench -- --only NAME`. */
  name: string;
  /** The measurement that writes it; rows of one step (render-20 and render-100) are measured together. */
  step: string;
  target: string;
  /** What the code compares; empty for a row shown for comparison only. */
  limits: readonly Limit[];
}

// 1 GB and 400 MB in the MiB that /usr/bin/time and /proc report (KiB / 1024).
const MIB_IN_400_MB = Math.floor(400e6 / 2 ** 20);
const MIB_IN_1_GB = Math.floor(1e9 / 2 ** 20);

/** Every row, in the order the bench runs and BENCHMARKS.md lists them. */
export const BENCHMARK_ROWS: readonly BenchmarkRow[] = [
  {
    name: "build-10k",
    step: "build-10k",
    target: "Build 10,000 posts (parse, clean, sanitize, plan KV writes): ≤ 3 s wall in the build, ≤ 400 MB peak",
    limits: [
      { figure: "build", unit: "s", atMost: 3 },
      { figure: "peak", unit: "MiB", atMost: MIB_IN_400_MB },
    ],
  },
  { name: "build-10k-one-thread", step: "build-10k-one-thread", target: "(for comparison) the same build on the main thread alone", limits: [] },
  { name: "rebuild-10k", step: "rebuild-10k", target: "Rebuild after 1 of 10,000 posts changed: ≤ 0.5 s in the build", limits: [{ figure: "build", unit: "s", atMost: 0.5 }] },
  {
    name: "npm-build-10k",
    step: "npm-build-10k",
    target: "First `npm run build` of 10,000 posts (no build cache) into a fresh local store, end to end as typed: for the ratio to Hexo (hexo-first-build)",
    limits: [],
  },
  {
    name: "npm-rebuild-10k",
    step: "npm-build-10k",
    target: "`npm run build` after one of those 10,000 posts changed, end to end as typed (process start and the publish included): ≤ 1 s wall",
    limits: [{ figure: "wall", unit: "s", atMost: 1 }],
  },
  {
    name: "build-100k",
    step: "build-100k",
    target: "Build 100,000 posts: ≤ 30 s wall in the build, ≤ 1 GB peak",
    limits: [
      { figure: "build", unit: "s", atMost: 30 },
      { figure: "peak", unit: "MiB", atMost: MIB_IN_1_GB },
    ],
  },
  {
    name: "publish-10k",
    step: "publish-10k",
    target: "Publish phase of the first `npm run build` of 10,000 posts into a fresh local store: ≤ 3 s",
    limits: [{ figure: "publish", unit: "s", atMost: 3 }],
  },
  {
    name: "publish-costs",
    step: "publish-costs",
    target: "KV writes on 10,000 posts (storage issue #13): ≤ 2,500 values in all, ≤ 10 for one newest post, ≤ 15 for one dated in the middle, ≤ 12 for an edited one",
    limits: [
      { figure: "values", unit: "values", atMost: 2500 },
      { figure: "newest", unit: "writes", atMost: 10 },
      { figure: "middle", unit: "writes", atMost: 15 },
      { figure: "edited", unit: "writes", atMost: 12 },
    ],
  },
  {
    name: "publish-100k",
    step: "publish-100k",
    target: "Publish phase of the first `npm run build` of 100,000 posts into a fresh local store: ≤ 40 s, ≤ 1 GB peak",
    limits: [
      { figure: "publish", unit: "s", atMost: 40 },
      { figure: "peak", unit: "MiB", atMost: MIB_IN_1_GB },
    ],
  },
  {
    name: "npm-build-100k",
    step: "npm-build-100k",
    target: "`npm run build` of 100,000 posts (no build cache) into a fresh local store, end to end as typed: ≤ 90 s wall, ≤ 1 GB peak of npm, Node and workerd together",
    limits: [
      { figure: "wall", unit: "s", atMost: 90 },
      { figure: "peak", unit: "MiB", atMost: MIB_IN_1_GB },
    ],
  },
  {
    name: "read-costs",
    step: "read-costs",
    target: "KV reads: ≤ 2 for an uncached feed request, ≤ 1 for a 304, no render for a cached response (each a test of test/worker/read-costs.test.ts)",
    // None failed, and some ran: a filter that matched no test must not read as met.
    limits: [
      { figure: "failed", unit: "tests", atMost: 0 },
      { figure: "passed", unit: "tests", atLeast: 1 },
    ],
  },
  {
    name: "render-20",
    step: "render",
    target: "Render a 20-item page, each format: ≤ 300 µs median (Node)",
    limits: ["rss", "atom", "json"].map((format) => ({ figure: format, unit: "µs", atMost: 300 })),
  },
  {
    name: "render-100",
    step: "render",
    target: "Render a 100-item page, each format: ≤ 1.5 ms median (Node)",
    limits: ["rss", "atom", "json"].map((format) => ({ figure: format, unit: "µs", atMost: 1500 })),
  },
  {
    name: "requests-hot",
    step: "requests",
    target: "Hot category RSS (served from the isolate's memory) under wrk ≥ 0.9 × the requests/s of a Worker returning the same bytes from a constant, same wrangler dev, same run; any answer outside 2xx or socket error fails the row",
    limits: [{ figure: "ratio", unit: "×", atLeast: 0.9 }],
  },
  {
    name: "requests-cold",
    step: "requests",
    target: "Cold category RSS (no response memory, no cache: one page read and rendered per request) under wrk ≥ 0.9 × a Worker reading one KV value per request; any answer outside 2xx or socket error fails the row",
    limits: [{ figure: "ratio", unit: "×", atLeast: 0.9 }],
  },
  { name: "bundle", step: "bundle", target: "Worker bundle ≤ 60 KiB gzipped", limits: [{ figure: "gzip", unit: "KiB", atMost: 60 }] },
  {
    name: "hexo-cold",
    step: "hexo",
    target: "Cold build of 10,000 posts ≥ 8× faster than `hexo generate` (Hexo 8 + hexo-generator-feed 3, no db.json) of the same posts: Hexo's wall over build-10k's process wall, both from this run",
    limits: [{ figure: "ratio", unit: "×", atLeast: 8 }],
  },
  {
    name: "hexo-first-build",
    step: "hexo",
    target: "First `npm run build` of 10,000 posts into a fresh local store ≥ 3× faster than `hexo generate` (no db.json) of the same posts: Hexo's wall over npm-build-10k's wall, both from this run",
    limits: [{ figure: "ratio", unit: "×", atLeast: 3 }],
  },
  {
    name: "hexo-rebuild",
    step: "hexo",
    target: "`npm run build` after 1 of 10,000 posts changed ≥ 15× faster than Hexo's second `hexo generate` (db.json kept, one post changed): Hexo's wall over npm-rebuild-10k's wall, both from this run",
    limits: [{ figure: "ratio", unit: "×", atLeast: 15 }],
  },
];
