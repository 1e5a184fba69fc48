/**
 * `npm run bench`: measures every performance target on generated seed-like posts and writes
 * BENCHMARKS.md. Benchmarks report; they never fail on a slow figure (tests never assert a time).
 * Options: --skip-100k (the 100,000-post build and publish take ten minutes), --skip-requests (no wrangler dev / wrk),
 * --reuse-state (keep the local KV the request benchmark published last time).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { sampleResidentMemoryGroups } from "../scripts/support/sample-resident-memory";
import { formatBenchmarks, type Measurement } from "./format-benchmarks";
import { exitWithUsageIfAsked } from "../scripts/support/exit-with-usage-if-asked";

exitWithUsageIfAsked(`usage: npm run bench [-- --skip-100k] [--skip-requests] [--reuse-state]

Measures every performance target on generated seed-like posts (written to bench-out/) and rewrites
BENCHMARKS.md with the figures. Benchmarks report; they never fail on a slow figure.

  --skip-100k       leave out the 100,000-post build and publish (about ten minutes)
  --skip-requests   leave out the request benchmark (wrangler dev and wrk)
  --reuse-state     keep the local KV the request benchmark published last time
  --help            show this text`);

const skip100k = process.argv.includes("--skip-100k");
const skipRequests = process.argv.includes("--skip-requests");
const NODE = process.execPath;
const ENV = { ...process.env, PATH: `${join(process.cwd(), "node_modules", ".bin")}:${process.env.PATH ?? ""}` };
const measurements: Measurement[] = [];
/** The heap cap `npm run build` and `npm run publish` run with (package.json), so builds are measured as users run them. */
const HEAP_FLAG = "--max-old-space-size=512";
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");

function note(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Runs a TypeScript file on the repository's Node under /usr/bin/time -v; its JSON line, wall time and peak memory. */
function runTimed(script: string, args: string[], nodeFlags: string[] = []): { json: Record<string, unknown>; wallSeconds: number; peakMb: number; load: string } {
  const before = load();
  const result = spawnSync("/usr/bin/time", ["-v", NODE, ...nodeFlags, "--import", "tsx", script, ...args], { encoding: "utf8", env: ENV, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed:\n${result.stderr}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr)!;
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)![1]);
  const lastLine = result.stdout.trim().split("\n").pop()!;
  return {
    json: JSON.parse(lastLine) as Record<string, unknown>,
    wallSeconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    peakMb: Math.round(peakKb / 1024),
    load: `${before} → ${load()}`,
  };
}

/** Writes `count` generated posts into bench-out/posts-COUNT unless they are there already. */
function ensureCorpus(count: number): string {
  const folder = `bench-out/posts-${count}`;
  if (!existsSync(folder) || readdirSync(folder).length !== count) {
    note(`generating ${count} posts into ${folder}`);
    execFileSync(NODE, ["--import", "tsx", "scripts/generate-posts.ts", "--count", String(count), "--out", folder], { stdio: "inherit", env: ENV });
  }
  return folder;
}

/**
 * Runs a TypeScript file on the repository's Node and samples, every second, the resident memory of its
 * Node process (with the esbuild service tsx and the build's worker bundling start beside it) and of every
 * workerd it starts (for the local store). Returns the peaks: Node's, workerd's, and of all at one instant.
 */
async function runSampled(
  script: string,
  args: string[],
  nodeFlags: string[],
  seriesFile: string,
): Promise<{ json: Record<string, unknown>; peaks: { node: number; workerd: number; together: number; togetherAt: number; nodeProcessesAt: number }; load: string }> {
  const before = load();
  const child = spawn(NODE, [...nodeFlags, "--import", "tsx", script, ...args], { env: ENV, stdio: ["ignore", "pipe", "ignore"] });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  // One walk of /proc a second for both groups, so "together" adds figures of one instant.
  const sampler = sampleResidentMemoryGroups(child.pid!, { node: ["node", "MainThread", "esbuild"], workerd: ["workerd"] });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const { samples, counts } = sampler.stop();
  const { node, workerd } = samples;
  if (code !== 0) throw new Error(`${script} ${args.join(" ")} failed with status ${code}`);
  const mb = (kilobytes: number) => Math.round(kilobytes / 1024);
  const together = node.map((size, index) => size + workerd[index]!);
  const togetherAt = together.indexOf(Math.max(...together));
  const peaks = {
    node: mb(Math.max(...node)),
    workerd: mb(Math.max(...workerd)),
    together: mb(together[togetherAt]!),
    // When the peak came, and how many Node processes there were then (two while the build's child runs).
    togetherAt,
    nodeProcessesAt: counts.node[togetherAt]!,
  };
  // Every sample, for a look at where the memory went: second, MiB of Node, of workerd, Node processes.
  const rows = node.map((size, index) => `${index}\t${mb(size)}\t${mb(workerd[index]!)}\t${counts.node[index]}`);
  writeFileSync(seriesFile, `second\tnode_mib\tworkerd_mib\tnode_processes\n${rows.join("\n")}\n`);
  return { json: JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>, peaks, load: `${before} → ${load()}` };
}

function buildCommand(folder: string, extra: string[]): string {
  return `/usr/bin/time -v node ${HEAP_FLAG} --import tsx bench/build-once.ts --posts ${folder} ${extra.join(" ")}`.trim();
}

function measureBuild(count: number, label: string, extra: string[], target: string): void {
  const folder = ensureCorpus(count);
  note(`${label} (load ${load()})`);
  const run = runTimed("bench/build-once.ts", ["--posts", folder, "--output", `bench-out/articles-${count}.ndjson`, ...extra], [HEAP_FLAG]);
  const json = run.json as { wallMs: number; cpuMs: number; planMs: number; summary: string; entries: number };
  measurements.push({
    target,
    measured: `${(json.wallMs / 1000).toFixed(2)} s in the build (process ${run.wallSeconds.toFixed(2)} s, with Node and tsx starting); ${(json.cpuMs / 1000).toFixed(1)} s CPU; peak ${run.peakMb} MB`,
    detail: `${json.summary}; ${json.entries} KV entries planned in ${(json.planMs / 1000).toFixed(2)} s; load ${run.load}`,
    command: buildCommand(folder, extra),
  });
}

function measureRebuild(): void {
  const folder = ensureCorpus(10_000);
  const cache = "bench-out/cache-10000";
  const extra = ["--cache", cache];
  runTimed("bench/build-once.ts", ["--posts", folder, ...extra], [HEAP_FLAG]);
  const changed = join(folder, readdirSync(folder).sort()[4321]!);
  const original = readFileSync(changed);
  writeFileSync(changed, Buffer.concat([original, Buffer.from("<p>改过的一段。</p>\n")]));
  try {
    note(`rebuild after one changed post (load ${load()})`);
    const run = runTimed("bench/build-once.ts", ["--posts", folder, ...extra], [HEAP_FLAG]);
    const json = run.json as { wallMs: number; cpuMs: number; planMs: number; summary: string };
    measurements.push({
      target: "Rebuild after 1 of 10,000 posts changed: ≤ 0.5 s",
      measured: `${(json.wallMs / 1000).toFixed(2)} s in the build, of which ${(json.planMs / 1000).toFixed(2)} s planning KV writes (process ${run.wallSeconds.toFixed(2)} s); ${(json.cpuMs / 1000).toFixed(1)} s CPU; peak ${run.peakMb} MB`,
      detail: `${json.summary}; cache bench-out/cache-10000 warmed by one build first; load ${run.load}`,
      command: `${buildCommand(folder, extra)} (twice, editing one post between)`,
    });
  } finally {
    writeFileSync(changed, original);
  }
}

/** State folders the run published into, removed once every measurement is done (see measurePublish). */
const statesToRemove: string[] = [];

async function measurePublish(count: number, target: string): Promise<void> {
  const folder = ensureCorpus(count);
  note(`build and publish ${count} posts into a fresh local KV (load ${load()})`);
  // A folder of its own: this disk creates files several times slower right after deleting many, so the
  // last run's state is not removed before this one writes (it goes at the end of the run).
  const state = `bench-out/state-publish-${count}-${Date.now()}`;
  statesToRemove.push(state);
  const series = `bench-out/publish-${count}-memory.tsv`;
  const run = await runSampled("bench/publish-once.ts", ["--posts", folder, "--state", state], [HEAP_FLAG], series);
  const json = run.json as { buildMs: number; publishMs: number; report: string; summary: string };
  const writes = /(\d+) KV writes in all/.exec(json.report)?.[1] ?? "?";
  const written = /wrote .*\(([^)]+)\)/.exec(json.report)?.[1] ?? "?";
  measurements.push({
    target,
    // VmRSS is in KiB, so these are MiB; the target's GB is also given in SI units (10^6 bytes).
    measured: `publish ${(json.publishMs / 1000).toFixed(2)} s (build ${(json.buildMs / 1000).toFixed(1)} s before it); peak: Node ${run.peaks.node} MiB, workerd ${run.peaks.workerd} MiB, all at once ${run.peaks.together} MiB = ${Math.round((run.peaks.together * 1_048_576) / 1e6)} MB, at second ${run.peaks.togetherAt} (${run.peaks.nodeProcessesAt} Node processes then)`,
    detail: `${json.summary}; ${writes} KV writes (${written} before compression); the publish phase runs from the build's end to the report (workerd is started while the child process builds, as npm run build does); resident memory (VmRSS) of Node, its esbuild helpers and workerd sampled every second, each sample in ${series}; no build cache; load ${run.load}`,
    command: `node ${HEAP_FLAG} --import tsx bench/publish-once.ts --posts ${folder} --state ${state} (as npm run build, memory sampled each second)`,
  });
}

function measurePublishCosts(): void {
  const folder = ensureCorpus(10_000);
  note(`KV writes of publishes on real local KV (load ${load()})`);
  const work = `bench-out/publish-costs-${Date.now()}`;
  statesToRemove.push(work);
  const run = runTimed("bench/publish-costs.ts", ["--posts", folder, "--work", work], [HEAP_FLAG]);
  const json = run.json as { posts: number; firstWrites: number; firstPublishMs: number; newestWrites: number; middleWrites: number; editedWrites: number };
  measurements.push({
    target: "KV writes on 10,000 posts (storage issue #13): ≤ 2,500 values in all, ≤ 10 for one newest post, ≤ 15 for one dated in the middle, ≤ 12 for an edited one",
    measured: `${json.firstWrites - 1} values (first publish ${json.firstWrites} writes with current); newest post ${json.newestWrites}; post dated in the middle ${json.middleWrites}; edited post ${json.editedWrites}`,
    detail: `each a real npm run build (runBuild with the build cache, then publishToLocalStore) into one fresh local state, in turn: the first publish, the next generated post added, another dated one second after the post in the middle, that middle post's title edited; counts from each publish's report, current included; load ${run.load}`,
    command: `node ${HEAP_FLAG} --import tsx bench/publish-costs.ts --posts ${folder} --work ${work}`,
  });
}

function measureReadCosts(): void {
  note("KV reads per request (test/worker/read-costs.test.ts)");
  const result = spawnSync(NODE, ["node_modules/vitest/vitest.mjs", "run", "test/worker/read-costs.test.ts"], { encoding: "utf8", env: ENV });
  const passed = /Tests\s+(\d+) passed/.exec(result.stdout.replace(/\u001b\[[0-9;]*m/g, ""))?.[1];
  measurements.push({
    target: "KV reads: ≤ 2 for an uncached feed request, ≤ 1 for a 304, no render for a cached response",
    measured: result.status === 0 ? "uncached feed: 1 (the page) on a warm isolate that read current in the last 5 s, 2 after that (current + page), 3 on a cold one (+ manifest); 304: 0 within the 5 s, 1 (current) after; cached response: 0 reads within the 5 s, 1 (current) after, 0 renders" : "read-costs test FAILED",
    detail: `asserted by test/worker/read-costs.test.ts (${passed ?? "?"} tests passed) with a store that records every KV get`,
    command: "npx vitest run test/worker/read-costs.test.ts",
  });
}

function measureRender(): void {
  note(`render (load ${load()})`);
  const run = runTimed("bench/render-once.ts", ["bench-out/articles-10000.ndjson"]);
  const rows = run.json as unknown as { format: string; limit: number; bytes: number; medianUs: number; p90Us: number; encodedMedianUs: number }[];
  for (const limit of [20, 100]) {
    const chosen = rows.filter((row) => row.limit === limit);
    measurements.push({
      target: limit === 20 ? "Render a 20-item page, each format: ≤ 300 µs median (Node)" : "Render a 100-item page, each format: ≤ 1.5 ms median (Node)",
      measured: chosen.map((row) => `${row.format} ${row.medianUs} µs`).join(", "),
      detail: `CPU time, median of 60 batches of 25 after 300 warm-up; p90 ${chosen.map((row) => `${row.format} ${row.p90Us}`).join(", ")} µs; with UTF-8 encoding ${chosen.map((row) => `${row.format} ${row.encodedMedianUs}`).join(", ")} µs; ${chosen.map((row) => `${Math.round(row.bytes / 1024)} KiB`).join("/")}; load ${run.load}`,
      command: "node --import tsx bench/render-once.ts bench-out/articles-10000.ndjson",
    });
  }
}

function measureRequests(): void {
  note(`requests under wrk (load ${load()})`);
  const args = ["bench-out/articles-10000.ndjson", ...(process.argv.includes("--reuse-state") ? ["--reuse"] : [])];
  const run = runTimed("bench/measure-requests.ts", args);
  const json = run.json as { path: string; ratio: number; rounds: { feed: Wrk; minimal: Wrk }[] };
  type Wrk = { requestsPerSecond: number; p50Ms: number; p99Ms: number };
  const show = (wrk: Wrk) => `${Math.round(wrk.requestsPerSecond)} req/s, p50 ${wrk.p50Ms} ms, p99 ${wrk.p99Ms} ms`;
  measurements.push({
    target: "Category RSS under wrk (2 threads, 20 connections, 10 s) ≥ 0.9 × a minimal one-KV-value Worker",
    measured: `${json.ratio.toFixed(2)} ×`,
    detail: json.rounds.map((round, index) => `round ${index + 1}: feed ${show(round.feed)}; minimal ${show(round.minimal)}`).join("; ") + `; ${json.path} on wrangler dev; load ${run.load}`,
    command: "node --import tsx bench/measure-requests.ts bench-out/articles-10000.ndjson",
  });
}

function measureBundle(): void {
  note("bundle size (wrangler deploy --dry-run)");
  const output = execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "bench-out/dry-run"], { encoding: "utf8", env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  const match = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+) KiB/.exec(output);
  measurements.push({
    target: "Worker bundle ≤ 60 KiB gzipped",
    measured: match ? `${match[2]} KiB gzip (Total Upload ${match[1]})` : "could not read wrangler's output",
    detail: "wrangler deploy --dry-run",
    command: "npx wrangler deploy --dry-run --outdir bench-out/dry-run",
  });
}

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memory: `${Math.round(totalmem() / 2 ** 30)} GiB (${Math.round(freemem() / 2 ** 30)} GiB free at the start)`,
  node: process.version,
  loadAtStart: load(),
  date: new Date().toISOString(),
};
measureBuild(10_000, "build 10,000 posts", [], "Build 10,000 posts (parse, clean, sanitize, plan KV writes): ≤ 3 s wall, ≤ 400 MB peak");
measureBuild(10_000, "build 10,000 posts on one thread", ["--workers", "1"], "(for comparison) the same build on the main thread alone");
measureRebuild();
if (!skip100k) measureBuild(100_000, "build 100,000 posts", [], "Build 100,000 posts: ≤ 30 s wall, ≤ 1 GB peak");
await measurePublish(10_000, "Publish phase of the first `npm run build` of 10,000 posts into a fresh local store: ≤ 3 s");
measurePublishCosts();
if (!skip100k) await measurePublish(100_000, "Publish phase of the first `npm run build` of 100,000 posts into a fresh local store: ≤ 40 s, ≤ 1 GB peak");
measureReadCosts();
measureRender();
if (!skipRequests) measureRequests();
measureBundle();
writeFileSync("BENCHMARKS.md", formatBenchmarks(machine, measurements, load()));
note("wrote BENCHMARKS.md");
for (const folder of statesToRemove) rmSync(folder, { recursive: true, force: true });
