/**
 * Requests per second, p50 and p99 under wrk against `wrangler dev`, for two pairs measured in the same run:
 * - requests-hot: a category's RSS feed as readers poll it, served from the isolate's memory, against a
 *   Worker returning the same bytes from a constant (bench/minimal-worker `/constant`);
 * - requests-cold: the same feed with the isolate's memory and the response cache bypassed (the switch of
 *   bench/feed-worker, whose comment says why a switch and not fresh URLs), so each request reads its page
 *   from KV and renders it, against a Worker reading one KV value holding the same bytes (`/kv`).
 * One `wrangler dev` serves the edgefeed Worker (bench/feed-worker: src/worker/index.ts and its cold twin),
 * another the baselines, each on its own `--persist-to` folder under bench-out/ (never the repository's
 * .wrangler/state, which others use). All four answer the same bytes, checked before wrk runs.
 *
 * wrk runs with 2 threads and 20 connections for 6 s (`--seconds`), feed and baseline back to back, in
 * `--rounds` rounds (5) after a 2 s warm-up of each; a row's figures are medians over its rounds and its
 * ratio the median of the rounds' ratios. Any answer outside 2xx (3xx included: bench/count-statuses.lua
 * counts them, wrk does not) or socket error in any run, warm-ups included, makes the row's `failure` say
 * so. wrk runs as a child process awaited, never execFileSync: a blocked event loop keeps Node's pooled
 * keep-alive connections past the server's idle close, and the next fetch then fails "other side closed".
 *
 * Needs the articles of the 10,000-post build. Prints one JSON line, `{"rows": [RequestRow, RequestRow]}`
 * (bench/request-rows.ts), hot first.
 * Run: node --import tsx bench/measure-requests.ts [ARTICLES.ndjson] [--reuse] [--rounds N] [--seconds S]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, runCommand, toolEnvironment } from "../scripts/support/run-command";
import { startWranglerDev, type WranglerDev } from "../scripts/support/start-wrangler-dev";
import type { Article } from "../src/model/article";
import { COLD_HEADER, RENDERS_PATH } from "./feed-worker/cold-header";
import { parseWrkSummary, wrkFailure } from "./parse-wrk-summary";
import { type RequestRow, summarizeRequestRow, type WrkRun } from "./request-rows";

const MAIN_STATE = "bench-out/state-main";
const MINIMAL_STATE = "bench-out/state-minimal";
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const STATUS_SCRIPT = join(ROOT, "bench", "count-statuses.lua");
const STARTUP_MILLISECONDS = 120_000;
const WARM_UP_SECONDS = 2;

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  // Five short rounds rather than two or three long ones: other work on the machine comes and goes within
  // seconds, which moved single rounds' ratios from 0.59 to 1.06 in one run; a median of five pairs moves less.
  options: { reuse: { type: "boolean" }, rounds: { type: "string", default: "5" }, seconds: { type: "string", default: "6" } },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, not ${options.rounds}`);
if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`--seconds needs a whole number of at least 1, not ${options.seconds}`);
// A slow answer on this shared machine is a figure (it is in p99), not a socket error: wrk's default is 2 s.
const WRK_SETTINGS = ["-t2", "-c20", "--timeout", "10s", "--latency", "-s", STATUS_SCRIPT];

/** The id of an article line, read from its start (an Article's JSON begins with its id). */
function idOf(line: string): string {
  const match = /^\{"id":"([^"]*)"/.exec(line);
  if (match === null) throw new Error(`an article line of ${articlesFile} does not start with its id: ${line.slice(0, 80)}`);
  return match[1]!;
}

/** One side of a pair: a URL and the request headers wrk sends it. */
interface Target {
  url: string;
  headers: Record<string, string>;
}

/** One wrk run against a target: its summary, and why it cannot count as a figure, if so. */
async function runWrk(target: Target, runSeconds: number): Promise<WrkRun> {
  const headerArguments = Object.entries(target.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const { code, output } = await runCommand("wrk", [...WRK_SETTINGS, `-d${runSeconds}s`, ...headerArguments, target.url]);
  const summary = parseWrkSummary(output);
  const failure = code === 0 ? wrkFailure(summary) : `wrk exited with ${code}: ${output.trim().slice(-500)}`;
  const described = `${target.url}${headerArguments.length > 0 ? ` (${headerArguments.filter((_, index) => index % 2 === 1).join(", ")})` : ""}`;
  return failure === undefined ? summary : { ...summary, failure: `${described}: ${failure}` };
}

/** The target's bytes, which must come with a 200 (a redirect is not followed). */
async function fetchBytes(target: Target): Promise<Uint8Array> {
  const response = await fetch(target.url, { headers: target.headers, redirect: "manual" });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${target.url} answered ${response.status} before wrk`);
  return bytes;
}

/** Measures one row: a warm-up of each side, then `rounds` rounds of both back to back, the order swapped each round against drift. */
async function measureRow(description: Omit<Parameters<typeof summarizeRequestRow>[0], "wrk">, feed: Target, baseline: Target): Promise<{ row: RequestRow; feedAnswers: number }> {
  const warmUps = [await runWrk(feed, WARM_UP_SECONDS), await runWrk(baseline, WARM_UP_SECONDS)];
  const runs: { feed: WrkRun; baseline: WrkRun }[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      const feedRun = await runWrk(feed, seconds);
      runs.push({ feed: feedRun, baseline: await runWrk(baseline, seconds) });
    } else {
      const baselineRun = await runWrk(baseline, seconds);
      runs.push({ feed: await runWrk(feed, seconds), baseline: baselineRun });
    }
  }
  const row = summarizeRequestRow({ ...description, wrk: `wrk ${[...WRK_SETTINGS.slice(0, -2), `-d${seconds}s`, "-s bench/count-statuses.lua"].join(" ")}` }, warmUps, runs);
  return { row, feedAnswers: [warmUps[0]!, ...runs.map((run) => run.feed)].reduce((sum, run) => sum + run.requests, 0) };
}

/** How many bodies bench/feed-worker's cold handler has rendered. */
async function coldRenders(origin: string): Promise<number> {
  const response = await fetch(`${origin}${RENDERS_PATH}`, { headers: { [COLD_HEADER]: "cold" } });
  const text = await response.text();
  if (response.status !== 200 || !/^\d+$/.test(text)) throw new Error(`${RENDERS_PATH} answered ${response.status} ${text.slice(0, 200)}: is bench/feed-worker the Worker served?`);
  return Number(text);
}

const articlesFile = positionals[0] ?? "bench-out/articles.ndjson";
// The top category of the article with the lowest id: the same feed whatever order the build saved the lines in.
let first = { id: "", line: "" };
for (const line of readFileSync(articlesFile, "utf8").split("\n")) {
  if (line === "") continue;
  const id = idOf(line);
  if (first.line === "" || id < first.id) first = { id, line };
}
const category = (JSON.parse(first.line) as Article).categories[0]![0]!;
const path = `/categories/${encodeURIComponent(category)}/feed.xml`;
rmSync(MINIMAL_STATE, { recursive: true, force: true });
mkdirSync(MINIMAL_STATE, { recursive: true });
// --reuse keeps the published state of an earlier run (publishing 12,000 values to local KV takes a minute).
if (!options.reuse) {
  rmSync(MAIN_STATE, { recursive: true, force: true });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/publish.ts", "--articles", articlesFile, "--persist-to", MAIN_STATE], { stdio: ["ignore", "ignore", "inherit"] });
}
const running: WranglerDev[] = [];
try {
  const main = await startWranglerDev({ state: resolve(MAIN_STATE), timeoutMilliseconds: STARTUP_MILLISECONDS, arguments: [join("bench", "feed-worker", "index.ts")] });
  running.push(main);
  const hot: Target = { url: `${main.origin}${path}`, headers: {} };
  const cold: Target = { url: hot.url, headers: { [COLD_HEADER]: "cold" } };
  const feedBytes = await fetchBytes(hot);
  const feedFile = resolve(MINIMAL_STATE, "feed.bin");
  writeFileSync(feedFile, feedBytes);
  execFileSync(WRANGLER, ["kv", "key", "put", "feed", "--path", feedFile, "--binding", "VALUES", "--local", "--persist-to", MINIMAL_STATE, "--config", "bench/minimal-worker/wrangler.toml"], {
    stdio: "ignore",
    env: toolEnvironment(),
  });
  // Served from its own folder, whose wrangler.toml names the baseline Worker, which bundles the file just written as its constant.
  const minimal = await startWranglerDev({ state: resolve(MINIMAL_STATE), cwd: join(ROOT, "bench", "minimal-worker"), timeoutMilliseconds: STARTUP_MILLISECONDS });
  running.push(minimal);
  const constant: Target = { url: `${minimal.origin}/constant`, headers: {} };
  const oneRead: Target = { url: `${minimal.origin}/kv`, headers: {} };
  for (const target of [cold, constant, oneRead]) {
    const bytes = await fetchBytes(target);
    if (Buffer.compare(bytes, feedBytes) !== 0) throw new Error(`${target.url} ${JSON.stringify(target.headers)} answered ${bytes.byteLength} bytes unlike the feed's ${feedBytes.byteLength}`);
  }
  const shared = { path, bytes: feedBytes.byteLength };
  const { row: hotRow } = await measureRow(
    { row: "requests-hot", feed: "the feed from the isolate's memory (current kept 5 s, no KV read)", baseline: "a Worker returning the same bytes from a constant", ...shared },
    hot,
    constant,
  );
  const rendersBefore = await coldRenders(main.origin);
  const { row: coldRow, feedAnswers } = await measureRow(
    { row: "requests-cold", feed: "the feed with the isolate's memory and the cache bypassed (one page read from KV, decoded, rendered per request)", baseline: "a Worker reading one KV value holding the same bytes per request", ...shared },
    cold,
    oneRead,
  );
  // Each cold answer must have been rendered (a few more renders: requests in flight when wrk stopped).
  const rendered = (await coldRenders(main.origin)) - rendersBefore;
  if (rendered < feedAnswers) {
    const problem = `the cold handler rendered ${rendered} bodies for ${feedAnswers} answers`;
    coldRow.failure = coldRow.failure === undefined ? problem : `${coldRow.failure}; ${problem}`;
  }
  console.log(JSON.stringify({ rows: [hotRow, coldRow] }));
} finally {
  await Promise.all(running.map((wrangler) => wrangler.stop()));
}
