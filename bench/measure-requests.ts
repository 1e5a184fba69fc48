/**
 * Requests per second under wrk (2 threads, 20 connections, 10 s) against `wrangler dev`: a category's
 * RSS feed from the edgefeed Worker, and a minimal Worker returning one KV value holding the same bytes
 * (bench/minimal-worker), measured in the same run, alternating, twice each. Each Worker gets its own
 * `--persist-to` folder under bench-out/ (never the repository's .wrangler/state, which others use).
 * Needs the articles of the 10,000-post build. Prints one JSON line.
 * Run: node --import tsx bench/measure-requests.ts [ARTICLES.ndjson] [--reuse]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, toolEnvironment } from "../scripts/support/run-command";
import { startWranglerDev, type WranglerDev } from "../scripts/support/start-wrangler-dev";
import type { Article } from "../src/model/article";

const MAIN_STATE = "bench-out/state-main";
const MINIMAL_STATE = "bench-out/state-minimal";
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const STARTUP_MILLISECONDS = 120_000;

interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

function toMilliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

function runWrk(url: string, seconds: number): WrkResult {
  const output = execFileSync("wrk", ["-t2", "-c20", `-d${seconds}s`, "--latency", url], { encoding: "utf8" });
  const latency = (percent: string) => toMilliseconds(new RegExp(`^\\s*${percent}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0),
  };
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
  writeFileSync(feedFile, new Uint8Array(await feed.arrayBuffer()));
  execFileSync(WRANGLER, ["kv", "key", "put", "feed", "--path", feedFile, "--binding", "VALUES", "--local", "--persist-to", MINIMAL_STATE, "--config", "bench/minimal-worker/wrangler.toml"], {
    stdio: "ignore",
    env: toolEnvironment(),
  });
  // Served from its own folder, whose wrangler.toml names the minimal Worker; `/` answers 200 once the value is there.
  const minimal = await startWranglerDev({ state: resolve(MINIMAL_STATE), cwd: join(ROOT, "bench", "minimal-worker"), timeoutMilliseconds: STARTUP_MILLISECONDS });
  running.push(minimal);
  const minimalUrl = `${minimal.origin}/`;
  runWrk(feedUrl, 2);
  runWrk(minimalUrl, 2);
  const rounds: { feed: ReturnType<typeof runWrk>; minimal: ReturnType<typeof runWrk> }[] = [];
  for (let round = 0; round < 2; round++) rounds.push({ feed: runWrk(feedUrl, 10), minimal: runWrk(minimalUrl, 10) });
  const mean = (pick: (round: (typeof rounds)[number]) => number) => rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length;
  console.log(
    JSON.stringify({
      path,
      bytes: (await (await fetch(feedUrl)).arrayBuffer()).byteLength,
      rounds,
      ratio: mean((round) => round.feed.requestsPerSecond) / mean((round) => round.minimal.requestsPerSecond),
    }),
  );
} finally {
  await Promise.all(running.map((wrangler) => wrangler.stop()));
}
