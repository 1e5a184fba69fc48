/**
 * Requests per second under wrk (2 threads, 20 connections, 10 s) against `wrangler dev`: a category's
 * RSS feed from the edgefeed Worker, and a minimal Worker returning one KV value holding the same bytes
 * (bench/minimal-worker), measured in the same run, alternating, twice each. Each Worker gets its own
 * `--persist-to` folder under bench-out/ (never the repository's .wrangler/state, which others use).
 * Any non-2xx answer or socket error in a measured run makes the line's `failure` say so with the counts.
 * Needs the articles of the 10,000-post build. Prints one JSON line.
 * Run: node --import tsx bench/measure-requests.ts [ARTICLES.ndjson] [--reuse]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, toolEnvironment } from "../scripts/support/run-command";
import { startWranglerDev, type WranglerDev } from "../scripts/support/start-wrangler-dev";
import type { Article } from "../src/model/article";
import { parseWrkSummary, wrkFailure, type WrkSummary } from "./parse-wrk-summary";

const MAIN_STATE = "bench-out/state-main";
const MINIMAL_STATE = "bench-out/state-minimal";
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const STARTUP_MILLISECONDS = 120_000;

/** One wrk run against `url`: its summary, and why it cannot count as a figure (non-2xx answers, socket errors), if so. */
function runWrk(url: string, seconds: number): WrkSummary & { failure?: string } {
  const output = execFileSync("wrk", ["-t2", "-c20", `-d${seconds}s`, "--latency", url], { encoding: "utf8" });
  const summary = parseWrkSummary(output);
  const failure = wrkFailure(summary);
  return failure === undefined ? summary : { ...summary, failure: `${url}: ${failure}` };
}

const articlesFile = process.argv.slice(2).find((argument) => !argument.startsWith("--")) ?? "bench-out/articles.ndjson";
const articles = readFileSync(articlesFile, "utf8").split("\n", 1).map((line) => JSON.parse(line) as Article);
const category = articles[0]!.categories[0]![0]!;
const path = `/categories/${encodeURIComponent(category)}/feed.xml`;
// --reuse keeps the published state of an earlier run (publishing 12,000 values to local KV takes a minute).
const reuse = process.argv.includes("--reuse");
rmSync(MINIMAL_STATE, { recursive: true, force: true });
mkdirSync(MINIMAL_STATE, { recursive: true });
if (!reuse) rmSync(MAIN_STATE, { recursive: true, force: true });
if (!reuse) execFileSync(process.execPath, ["--import", "tsx", "scripts/publish.ts", "--articles", articlesFile, "--persist-to", MAIN_STATE], {
  stdio: ["ignore", "ignore", "inherit"],
});
const running: WranglerDev[] = [];
try {
  const main = await startWranglerDev({ state: resolve(MAIN_STATE), timeoutMilliseconds: STARTUP_MILLISECONDS });
  running.push(main);
  const feedUrl = `${main.origin}${path}`;
  const feed = await fetch(feedUrl);
  if (feed.status !== 200) throw new Error(`${feedUrl} answered ${feed.status}`);
  const feedFile = join(MINIMAL_STATE, "feed.xml");
  const feedBytes = new Uint8Array(await feed.arrayBuffer());
  writeFileSync(feedFile, feedBytes);
  execFileSync(WRANGLER, ["kv", "key", "put", "feed", "--path", feedFile, "--binding", "VALUES", "--local", "--persist-to", MINIMAL_STATE, "--config", "bench/minimal-worker/wrangler.toml"], {
    stdio: "ignore",
    env: toolEnvironment(),
  });
  // Served from its own folder, whose wrangler.toml names the minimal Worker; `/` answers 200 once the value is there.
  const minimal = await startWranglerDev({ state: resolve(MINIMAL_STATE), cwd: join(ROOT, "bench", "minimal-worker"), timeoutMilliseconds: STARTUP_MILLISECONDS });
  running.push(minimal);
  const minimalUrl = `${minimal.origin}/`;
  // The warm-up runs are not figures, but an error in them is as much a failure.
  const warmUps = [runWrk(feedUrl, 2), runWrk(minimalUrl, 2)];
  const rounds: { feed: ReturnType<typeof runWrk>; minimal: ReturnType<typeof runWrk> }[] = [];
  for (let round = 0; round < 2; round++) rounds.push({ feed: runWrk(feedUrl, 10), minimal: runWrk(minimalUrl, 10) });
  const failures = [...warmUps, ...rounds.flatMap((round) => [round.feed, round.minimal])].map((run) => run.failure).filter((failure) => failure !== undefined);
  const mean = (pick: (round: (typeof rounds)[number]) => number) => rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length;
  console.log(
    JSON.stringify({
      path,
      // The bytes fetched before wrk: a fetch after it would reuse a keep-alive connection pooled before
      // execFileSync blocked the event loop through every wrk run, which the server may have closed meanwhile.
      bytes: feedBytes.byteLength,
      rounds,
      ...(failures.length > 0 ? { failure: failures.join("; ") } : {}),
      ratio: mean((round) => round.feed.requestsPerSecond) / mean((round) => round.minimal.requestsPerSecond),
    }),
  );
} finally {
  await Promise.all(running.map((wrangler) => wrangler.stop()));
}
