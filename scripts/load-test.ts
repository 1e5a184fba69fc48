// npm run test:load: builds the seed plus a few hundred generated posts into a private local KV store,
// serves it with `wrangler dev` on 127.0.0.1, and loads it with wrk (50 connections, 30 s) over a mix of
// routes: every feed format of the site, categories and tags, pages, articles, archive pages, 304s with
// If-None-Match, 404s and 400s. Fails on any socket error, any response whose status is not the one its own
// request expects (200, 304 for a conditional request, 301, 400 or 404), or workerd's
// resident memory growing, from the 5 s mark to the end, by more than 50% of its size at 5 s beyond what a
// hello-world Worker grows under the same load and the same wrangler dev. Kills everything it started.
// Needs wrk (apt-get install wrk). Options: --posts N (default 300), --seconds S (default 30).
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Article } from "../src/model/article";
import { scopePath, scopesOfArticle } from "../src/model/scope";
import { type MixRequest, WRK_SCRIPT, type WrkReport } from "./load-test/wrk-script";
import { generatePost } from "./support/generate-post";
import { ROOT, runCommandOrFail } from "./support/run-command";
import { sampleResidentMemory, type MemorySampler } from "./support/sample-resident-memory";
import { startWranglerDev, type WranglerDev } from "./support/start-wrangler-dev";

const CONNECTIONS = 50;
/** How much more than a hello-world Worker's growth edgefeed's workerd may grow, as a share of its RSS at 5 s. */
const MEMORY_GROWTH_LIMIT = 0.5;
/** The whole run may take this long before everything is killed and the test fails. */
const DEADLINE_MS = 10 * 60_000;
/** How long a wrangler dev may take to answer 200 on `/`. */
const WRANGLER_START_MS = 60_000;

const usage = `usage: npm run test:load [-- --posts N] [--seconds S]

Builds seeds/ and N generated posts (default 300) into a private local KV store, serves it with
\`wrangler dev\` on 127.0.0.1 and loads it with wrk (${CONNECTIONS} connections, S seconds, default 30, at least
10) over a mix of routes. Exits 1 on any socket error, any answer whose status is not the one its route
expects, or workerd's memory growing more than a hello-world Worker's does under the same load (see the
report it prints). Needs wrk (bash scripts/install-test-tools.sh).

  --posts N     generated posts besides the seed (default 300)
  --seconds S   how long wrk runs (default 30, at least 10)
  --help        show this text`;
let values;
try {
  ({ values } = parseArgs({ options: { posts: { type: "string", default: "300" }, seconds: { type: "string", default: "30" }, help: { type: "boolean", default: false } } }));
} catch (error) {
  console.error(`test:load: ${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const postCount = Number(values.posts);
const seconds = Number(values.seconds);
if (!Number.isInteger(postCount) || postCount < 1 || !Number.isInteger(seconds) || seconds < 10) {
  console.error(usage);
  process.exit(2);
}

// Aborted to stop every process this script started (each leads its own process group: wrangler and its
// workerd, the build, wrk).
const stopping = new AbortController();

/** Stops every process this script started. */
function stopAll(): void {
  stopping.abort();
}

/** Writes the seed and `count` generated posts, builds them in `work` (its own .build/) into `work/state`. */
async function buildCorpus(work: string, count: number): Promise<Article[]> {
  const posts = join(work, "posts");
  await mkdir(posts, { recursive: true });
  for (let index = 0; index < count; index++) {
    const post = generatePost(index, 7);
    await writeFile(join(posts, post.fileName), post.text);
  }
  for (const file of await readdir(join(ROOT, "seeds"))) await copyFile(join(ROOT, "seeds", file), join(posts, file));
  await copyFile(join(ROOT, "wrangler.toml"), join(work, "wrangler.toml"));
  await runCommandOrFail(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "posts", "--persist-to", "state", "--quiet"], { cwd: work, signal: stopping.signal });
  const lines = (await readFile(join(work, ".build/articles.ndjson"), "utf8")).split("\n").filter((line) => line.trim() !== "");
  return lines.map((line) => JSON.parse(line) as Article);
}

/** Starts `wrangler dev` in `cwd` (its wrangler.toml) over the state folder on 127.0.0.1 and waits until it answers. */
async function startWorker(cwd: string, state: string): Promise<WranglerDev> {
  return startWranglerDev({ state, cwd, timeoutMilliseconds: WRANGLER_START_MS, signal: stopping.signal });
}

/** A request of the mix: its path, an entity tag to send as If-None-Match (for a 304), and the status it must get. */
interface PlannedRequest {
  path: string;
  ifNoneMatch?: string;
  status: number;
}

/** The mix: each route once plain, feeds and pages also conditionally, plus 404s and 400s; checked once before the load. */
async function planRequests(origin: string, articles: Article[]): Promise<PlannedRequest[]> {
  const scopes = new Map<string, string>();
  for (const article of articles) for (const scope of scopesOfArticle(article)) scopes.set(scopePath(scope), scopePath(scope));
  // Older pages are named after their oldest item: take the site's from its subscription document's next link.
  const subscription = (await (await fetch(`${origin}/feed.json`)).json()) as { next_url?: string };
  const older = subscription.next_url === undefined ? [] : [new URL(subscription.next_url)].map((url) => `${url.pathname}${url.search}`);
  const paths: string[] = ["/opml.xml", ...older, ...older.map((path) => path.replace("/feed.json", "/atom.xml")), "/feed.json?limit=100", "/?page=2"];
  for (const path of scopes.keys()) paths.push(path, `${path}feed.xml`, `${path}atom.xml`, `${path}feed.json`);
  for (const article of articles.slice(0, 100)) paths.push(`/articles/${encodeURIComponent(article.id)}`);
  const planned: PlannedRequest[] = [];
  for (const path of paths) {
    const response = await fetch(`${origin}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status} before the load`);
    planned.push({ path, status: 200 });
    const tag = response.headers.get("ETag");
    if (tag !== null) planned.push({ path, ifNoneMatch: tag, status: 304 });
  }
  for (const path of ["/nothing-here", "/articles/no-such-article", "/categories/%E6%B2%A1%E6%9C%89/feed.xml", "/tags/x/../../etc/passwd"]) planned.push({ path, status: 404 });
  for (const path of ["/feed.xml?limit=0", "/atom.xml?page=-1", "/categories/%C0%AE/feed.xml"]) planned.push({ path, status: 400 });
  // A page number of the layout before page names: redirected to the page holding its items.
  planned.push({ path: "/feed.xml?page=1", status: 301 });
  for (const request of planned.filter((entry) => entry.status !== 200)) {
    const response = await fetch(`${origin}${request.path}`, { redirect: "manual", ...(request.ifNoneMatch ? { headers: { "If-None-Match": request.ifNoneMatch } } : {}) });
    await response.arrayBuffer();
    if (response.status !== request.status) throw new Error(`${request.path} answered ${response.status}, expected ${request.status}, before the load`);
  }
  return planned;
}

/**
 * Runs wrk with the mix, one thread per connection so the script can match each response to its request
 * (see WRK_SCRIPT); resolves to the report its Lua `done` hook prints.
 */
async function runWrk(origin: string, work: string, planned: readonly MixRequest[]): Promise<WrkReport> {
  const script = join(work, `mix-${planned.length}.lua`);
  await writeFile(script, WRK_SCRIPT(planned));
  const output = await runCommandOrFail("wrk", [`-t${CONNECTIONS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, "--timeout", "10s", "-s", script, `${origin}/`], { cwd: work, signal: stopping.signal });
  const line = output.split("\n").find((text) => text.startsWith("LOAD-REPORT "));
  if (line === undefined) throw new Error(`wrk printed no report:\n${output}`);
  return JSON.parse(line.slice("LOAD-REPORT ".length)) as WrkReport;
}

/** RSS (KiB) at the 5 s mark and at the end of a run's samples. */
function growthWindow(samples: readonly number[]): { atFive: number; atEnd: number } | undefined {
  const atFive = samples[Math.min(5, samples.length - 1)];
  const atEnd = samples.at(-1);
  return atFive === undefined || atEnd === undefined || atFive === 0 ? undefined : { atFive, atEnd };
}

const megabytes = (kilobytes: number): string => `${(kilobytes / 1024).toFixed(1)} MiB`;

/**
 * The same load on a Worker that only answers "ok", under the same wrangler dev: workerd under wrangler dev
 * grows by hundreds of MiB in 30 s whatever the Worker does (measured: 323 to 661 MiB in 17 s for a
 * hello-world Worker), so edgefeed's growth is judged against this baseline rather than alone.
 */
async function measureBaseline(work: string): Promise<{ samples: number[]; requests: number }> {
  const folder = join(work, "baseline");
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "wrangler.toml"), 'name = "load-baseline"\nmain = "index.js"\ncompatibility_date = "2026-10-01"\n');
  await writeFile(join(folder, "index.js"), 'export default { fetch() { return new Response("ok"); } };\n');
  const worker = await startWorker(folder, join(folder, "state"));
  const sampler = sampleResidentMemory(worker.pid, "workerd");
  try {
    const report = await runWrk(worker.origin, work, [{ path: "/", status: 200 }]);
    return { samples: sampler.stop().samples, requests: report.requests };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}

async function main(): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), "edgefeed-load-"));
  let sampler: MemorySampler | undefined;
  try {
    const articles = await buildCorpus(work, postCount);
    console.log(`built ${articles.length} articles into ${join(work, "state")}`);
    const worker = await startWorker(ROOT, join(work, "state"));
    const { origin } = worker;
    const planned = await planRequests(origin, articles);
    console.log(`${planned.length} distinct requests in the mix; loading ${origin} with ${CONNECTIONS} connections for ${seconds} s`);
    sampler = sampleResidentMemory(worker.pid, "workerd");
    const report = await runWrk(origin, work, planned);
    const memory = sampler.stop();
    await worker.stop();
    const edgefeed = growthWindow(memory.samples);
    console.log("loading a hello-world Worker the same way, for the runtime's own memory growth");
    const baselineRun = await measureBaseline(work);
    const baseline = growthWindow(baselineRun.samples);
    const socketErrors = report.errors.connect + report.errors.read + report.errors.write + report.errors.timeout;
    console.log(
      [
        `requests ${report.requests} in ${(report.durationMicroseconds / 1e6).toFixed(1)} s: ${(report.requests / (report.durationMicroseconds / 1e6)).toFixed(0)} per second`,
        `latency p50 ${(report.latency.p50 / 1000).toFixed(1)} ms, p99 ${(report.latency.p99 / 1000).toFixed(1)} ms, max ${(report.latency.max / 1000).toFixed(1)} ms`,
        `statuses ${JSON.stringify(report.statuses)}`,
        `socket errors: connect ${report.errors.connect}, read ${report.errors.read}, write ${report.errors.write}, timeout ${report.errors.timeout}`,
        `workerd RSS (${memory.processes} processes, sampled each second): ${memory.samples.map((size) => Math.round(size / 1024)).join(" ")} MiB`,
        edgefeed && `edgefeed: ${megabytes(edgefeed.atFive)} at 5 s, ${megabytes(edgefeed.atEnd)} at the end (+${megabytes(edgefeed.atEnd - edgefeed.atFive)})`,
        baseline && `hello-world baseline (${baselineRun.requests} requests): ${megabytes(baseline.atFive)} at 5 s, ${megabytes(baseline.atEnd)} at the end (+${megabytes(baseline.atEnd - baseline.atFive)})`,
      ]
        .filter(Boolean)
        .join("\n"),
    );
    const failures: string[] = [];
    if (socketErrors > 0) failures.push(`${socketErrors} socket errors`);
    // Each response against the status its own request expects: a feed answering 404, or a conditional
    // request answering 200 instead of 304, fails the run even though 404 and 200 are expected elsewhere.
    const wrong = Object.entries(report.unexpected).map(([key, number]) => {
      const [index, status] = key.split(":").map(Number) as [number, number];
      const request = planned[index]!;
      return `${request.path}${request.ifNoneMatch === undefined ? "" : " (If-None-Match)"} answered ${status} ${number} times, expected ${request.status}`;
    });
    if (wrong.length > 0) failures.push(`unexpected statuses: ${wrong.join("; ")}`);
    if (!report.statuses["304"] || !report.statuses["404"] || !report.statuses["400"]) failures.push("the mix did not produce 304s, 404s and 400s");
    if (edgefeed === undefined || baseline === undefined) {
      failures.push("no memory samples of workerd");
    } else {
      // Growth beyond the runtime's own, as a share of where edgefeed stood at 5 s.
      const excess = edgefeed.atEnd - edgefeed.atFive - (baseline.atEnd - baseline.atFive);
      console.log(
        `memory check: workerd's resident memory (VmRSS, all its processes) from the 5 s mark to the end grew ${megabytes(edgefeed.atEnd - edgefeed.atFive)} under edgefeed and ` +
          `${megabytes(baseline.atEnd - baseline.atFive)} under a hello-world Worker with the same wrangler dev and load; the difference, ${megabytes(excess)}, ` +
          `may be at most ${MEMORY_GROWTH_LIMIT * 100}% of edgefeed's ${megabytes(edgefeed.atFive)} at 5 s (${megabytes(edgefeed.atFive * MEMORY_GROWTH_LIMIT)})`,
      );
      if (excess > edgefeed.atFive * MEMORY_GROWTH_LIMIT) failures.push(`workerd RSS grew ${megabytes(excess)} more than under a hello-world Worker, over ${MEMORY_GROWTH_LIMIT * 100}% of its ${megabytes(edgefeed.atFive)} at 5 s`);
    }
    if (failures.length > 0) {
      console.error(`load test FAILED: ${failures.join("; ")}`);
      return 1;
    }
    console.log("load test passed");
    return 0;
  } finally {
    sampler?.stop();
    stopAll();
    await rm(work, { recursive: true, force: true });
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
const deadline = setTimeout(() => {
  console.error(`load test FAILED: still running after ${DEADLINE_MS / 60_000} minutes; stopped`);
  stopAll();
  process.exit(1);
}, DEADLINE_MS);
try {
  process.exitCode = await main();
} catch (error) {
  console.error(`load test FAILED: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
}
