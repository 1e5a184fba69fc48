/**
 * `npm run bench`: measures every performance target on generated seed-like posts and writes
 * BENCHMARKS.md, each row with its result against the bounds bench/benchmark-rows.ts gives it. Benchmarks
 * report; they never fail on a slow figure (tests never assert a time). See --help for the options.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { sampleResidentMemoryGroups } from "../scripts/support/sample-resident-memory";
import { BENCHMARK_ROWS } from "./benchmark-rows";
import { formatBenchmarks, type Measurement } from "./format-benchmarks";
import { linkProjectFolder } from "./link-project-folder";
import { exitWithUsageIfAsked } from "../scripts/support/exit-with-usage-if-asked";
import { parseTimeVerbose } from "./parse-time-verbose";
import { prepareHexoSite } from "./prepare-hexo-site";
import type { RequestRow } from "./request-rows";
import { selectRows } from "./select-rows";

exitWithUsageIfAsked(`usage: npm run bench [-- --only ROW[,ROW…]] [--posts N] [--skip-100k] [--skip-requests] [--reuse-state]

Measures every performance target on generated seed-like posts (written to bench-out/) and rewrites
BENCHMARKS.md: each row's figures, and its result against its target (met, missed, failed, not compared).
Benchmarks report; they never fail on a slow figure.

  --only ROW,…      run only these rows; BENCHMARKS.md then lists every other row as "not run in this
                    run", with no figure (it never keeps an earlier run's figures)
  --posts N         the corpus of the 10,000-post rows has N posts instead (a quick try); their targets
                    name 10,000, so those rows say "not compared"
  --skip-100k       leave out build-100k, publish-100k and npm-build-100k (about ten minutes)
  --skip-requests   leave out the request benchmark (wrangler dev and wrk)
  --reuse-state     keep the local KV the request benchmark published last time
  --help            show this text

Rows (render-20 and render-100 are measured together, as are npm-build-10k and npm-rebuild-10k, and the
hexo rows; those install Hexo 8 and hexo-generator-feed 3 into bench-out/hexo and compare with build-10k,
npm-build-10k and npm-rebuild-10k of the same run):
${BENCHMARK_ROWS.map((row) => `  ${row.name.padEnd(22)}${row.target}`).join("\n")}`);

const { values: options } = parseArgs({
  options: {
    only: { type: "string" },
    posts: { type: "string" },
    "skip-100k": { type: "boolean" },
    "skip-requests": { type: "boolean" },
    "reuse-state": { type: "boolean" },
  },
});
const selected = selectRows(
  BENCHMARK_ROWS.map((row) => row.name),
  options.only,
);
if (options["skip-100k"]) for (const name of ["build-100k", "publish-100k", "npm-build-100k"]) selected.delete(name);
if (options["skip-requests"]) for (const name of ["requests-hot", "requests-cold"]) selected.delete(name);
/** The corpus of the rows whose targets name 10,000 posts. */
const COUNT = options.posts === undefined ? 10_000 : Number(options.posts);
if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error(`--posts needs a whole number of posts, not ${options.posts}`);
// Figures of a smaller corpus say nothing of a target for 10,000, so they are shown but not compared.
const notCompared = COUNT === 10_000 ? {} : { notCompared: `${COUNT} posts (--posts), the target is for 10,000` };
/**
 * Runs of each command the Hexo ratios compare (build-10k, npm-build-10k, npm-rebuild-10k and Hexo's two): a
 * row gives the run of median wall time. One run each moved hexo-first-build between 2.69 and 3.94 in one
 * morning, Hexo alone between 12.4 and 17.5 s.
 */
const RUNS = 3;
const NODE = process.execPath;
const ENV = { ...process.env, PATH: `${join(process.cwd(), "node_modules", ".bin")}:${process.env.PATH ?? ""}` };
/** Where `npm run build` starts (package.json): its script compiled, see src/builder/run/compile-entry.ts. */
const RUN_COMPILED = "src/builder/run/run-compiled.ts";
/** The compile cache package.json's build script gives Node, which the build rows start with too. */
const COMPILE_CACHE = "node_modules/.cache/node-compile-cache";
const measurements = new Map<string, Measurement>();
/** The heap cap `npm run build` and `npm run publish` run with (package.json), so builds are measured as users run them. */
const HEAP_FLAG = "--max-old-space-size=512";
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");

function note(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Runs a command under /usr/bin/time -v: its stdout, wall time and peak memory (MiB), and the load before and after. */
function runUnderTime(command: string, args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = ENV): { stdout: string; wallSeconds: number; peakMb: number; load: string } {
  const before = load();
  const result = spawnSync("/usr/bin/time", ["-v", command, ...args], { cwd, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr.slice(-4000)}`);
  return { stdout: result.stdout, ...parseTimeVerbose(result.stderr), load: `${before} → ${load()}` };
}

/** Runs a TypeScript file on the repository's Node under /usr/bin/time -v; its JSON line, wall time and peak memory. */
function runTimed(script: string, args: string[], nodeFlags: string[] = []): { json: Record<string, unknown>; wallSeconds: number; peakMb: number; load: string } {
  const run = runUnderTime(NODE, [...nodeFlags, "--import", "tsx", script, ...args]);
  return lastJsonLine(run);
}

/**
 * runTimed for a build row's script, started as `npm run build` starts its script: compiled by
 * src/builder/run/run-compiled.ts, with the same compile cache (package.json), instead of through tsx.
 * A first call compiles; the rows warm it with an unmeasured run (warmCompiledBuild).
 */
function runCompiledTimed(script: string, args: string[], nodeFlags: string[] = []): { json: Record<string, unknown>; wallSeconds: number; peakMb: number; load: string } {
  return lastJsonLine(runUnderTime(NODE, [...nodeFlags, RUN_COMPILED, script, ...args], process.cwd(), { ...ENV, NODE_COMPILE_CACHE: COMPILE_CACHE }));
}

function lastJsonLine(run: { stdout: string; wallSeconds: number; peakMb: number; load: string }): { json: Record<string, unknown>; wallSeconds: number; peakMb: number; load: string } {
  const lastLine = run.stdout.trim().split("\n").pop()!;
  return { json: JSON.parse(lastLine) as Record<string, unknown>, wallSeconds: run.wallSeconds, peakMb: run.peakMb, load: run.load };
}

/** The run of median `wall` among `runs` (an odd number of them), and every run's wall in the order they ran, as text. */
function medianRun<R>(runs: readonly R[], wall: (run: R) => number): { median: R; walls: string } {
  const sorted = [...runs].sort((left, right) => wall(left) - wall(right));
  return { median: sorted[Math.floor(sorted.length / 2)]!, walls: runs.map((run) => wall(run).toFixed(2)).join(", ") };
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
): Promise<{ json: Record<string, unknown>; peaks: Peaks; load: string }> {
  const run = await runCommandSampled(NODE, [...nodeFlags, "--import", "tsx", script, ...args], process.cwd(), seriesFile);
  return { json: JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, unknown>, peaks: run.peaks, load: run.load };
}

/** Peak resident memory of a sampled run, in MiB: of Node (npm included), of workerd, and of all at one instant. */
interface Peaks {
  node: number;
  workerd: number;
  together: number;
  /** When the peak "together" was sampled, in seconds from the start, and how many Node processes ran then (two while the build's child runs). */
  togetherAt: number;
  nodeProcessesAt: number;
}

/** Runs a command in `cwd` and samples its processes' memory as runSampled does; its stdout, wall time and peaks. */
async function runCommandSampled(command: string, args: string[], cwd: string, seriesFile: string, intervalMs = 1000): Promise<{ stdout: string; wallSeconds: number; peaks: Peaks; load: string }> {
  const before = load();
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  // One walk of /proc a sample for both groups, so "together" adds figures of one instant. npm names its
  // process after the command it runs ("npm run build"), and that process is part of what the user waits on.
  const sampler = sampleResidentMemoryGroups(child.pid!, { node: ["node", "MainThread", "esbuild", "npm run build"], workerd: ["workerd"] }, intervalMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const wallSeconds = (performance.now() - started) / 1000;
  const { samples, counts } = sampler.stop();
  const { node, workerd } = samples;
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed with status ${code}: ${stderr}`);
  const mb = (kilobytes: number) => Math.round(kilobytes / 1024);
  const together = node.map((size, index) => size + workerd[index]!);
  const togetherAt = together.indexOf(Math.max(...together));
  const peaks: Peaks = {
    node: mb(Math.max(...node)),
    workerd: mb(Math.max(...workerd)),
    together: mb(together[togetherAt]!),
    togetherAt: (togetherAt * intervalMs) / 1000,
    nodeProcessesAt: counts.node[togetherAt]!,
  };
  // Every sample, for a look at where the memory went: second, MiB of Node, of workerd, Node processes.
  const rows = node.map((size, index) => `${(index * intervalMs) / 1000}\t${mb(size)}\t${mb(workerd[index]!)}\t${counts.node[index]}`);
  writeFileSync(seriesFile, `second\tnode_mib\tworkerd_mib\tnode_processes\n${rows.join("\n")}\n`);
  return { stdout, wallSeconds, peaks, load: `${before} → ${load()}` };
}

function buildCommand(folder: string, extra: string[]): string {
  return `NODE_COMPILE_CACHE=${COMPILE_CACHE} /usr/bin/time -v node ${HEAP_FLAG} ${RUN_COMPILED} bench/build-once.ts --posts ${folder} ${extra.join(" ")}`.trim();
}

let compiledBuildWarm = false;

/** Compiles bench/build-once.ts (and the worker's entry) once, unmeasured, so no build row's figures include compiling it. */
function warmCompiledBuild(): void {
  if (compiledBuildWarm) return;
  note("compiling bench/build-once.ts as npm run build compiles its script (not measured)");
  runCompiledTimed("bench/build-once.ts", ["--posts", ensureCorpus(COUNT), "--output", "bench-out/articles-warm.ndjson"], [HEAP_FLAG]);
  compiledBuildWarm = true;
}

/** Saves the articles of the COUNT corpus for the rows that read them (render, requests), building it unmeasured when no build-10k of this run did. */
function ensureArticles(): string {
  const file = `bench-out/articles-${COUNT}.ndjson`;
  if (!selected.has("build-10k") || !existsSync(file)) {
    note(`building ${file} for the rows that read it (not measured)`);
    runCompiledTimed("bench/build-once.ts", ["--posts", ensureCorpus(COUNT), "--output", file], [HEAP_FLAG]);
  }
  return file;
}

function measureBuild(row: string, count: number, label: string, extra: string[]): void {
  const folder = ensureCorpus(count);
  warmCompiledBuild();
  // build-10k's process is what hexo-cold divides by: the median of RUNS runs, as Hexo's is.
  const runs = row === "build-10k" ? RUNS : 1;
  const all = Array.from({ length: runs }, () => {
    note(`${label} (load ${load()})`);
    return runCompiledTimed("bench/build-once.ts", ["--posts", folder, "--output", `bench-out/articles-${count}.ndjson`, ...extra], [HEAP_FLAG]);
  });
  const { median: run, walls } = medianRun(all, (one) => one.wallSeconds);
  const json = run.json as { wallMs: number; cpuMs: number; planMs: number; summary: string; entries: number };
  measurements.set(row, {
    measured: `${(json.wallMs / 1000).toFixed(2)} s in the build (process ${run.wallSeconds.toFixed(2)} s, with Node starting and loading the compiled builder); ${(json.cpuMs / 1000).toFixed(1)} s CPU; peak ${run.peakMb} MiB`,
    detail: `${json.summary}; ${json.entries} KV entries planned in ${(json.planMs / 1000).toFixed(2)} s; ${runs > 1 ? `the run of median process wall of ${runs} (${walls} s); ` : ""}load ${run.load}`,
    command: buildCommand(folder, extra),
    figures: { build: json.wallMs / 1000, process: run.wallSeconds, peak: run.peakMb },
    ...(count === 100_000 ? {} : notCompared),
  });
}

/** The post every rebuild row changes: the same one of a sorted folder, whatever its size. */
function postToChange(folder: string): string {
  const files = readdirSync(folder).sort();
  return join(folder, files[Math.floor(files.length * 0.4321)]!);
}

/**
 * Adds a paragraph to one post (postToChange), so the next build must build it again; the `edit`th edit of a
 * series adds its own paragraph to the post as it was first, so each differs from the one before.
 */
function changePost(path: string, edit = 1, original: Buffer = readFileSync(path)): Buffer {
  writeFileSync(path, Buffer.concat([original, Buffer.from(`<p>改过的一段（第 ${edit} 次）。</p>\n`)]));
  return original;
}

function measureRebuild(): void {
  const folder = ensureCorpus(COUNT);
  const cache = `bench-out/cache-${COUNT}`;
  const extra = ["--cache", cache];
  warmCompiledBuild();
  runCompiledTimed("bench/build-once.ts", ["--posts", folder, ...extra], [HEAP_FLAG]);
  const changed = postToChange(folder);
  const original = changePost(changed);
  try {
    note(`rebuild after one changed post (load ${load()})`);
    const run = runCompiledTimed("bench/build-once.ts", ["--posts", folder, ...extra], [HEAP_FLAG]);
    const json = run.json as { wallMs: number; cpuMs: number; planMs: number; summary: string };
    measurements.set("rebuild-10k", {
      measured: `${(json.wallMs / 1000).toFixed(2)} s in the build, of which ${(json.planMs / 1000).toFixed(2)} s planning KV writes (process ${run.wallSeconds.toFixed(2)} s); ${(json.cpuMs / 1000).toFixed(1)} s CPU; peak ${run.peakMb} MiB`,
      detail: `${json.summary}; cache ${cache} warmed by one build first; load ${run.load}`,
      command: `${buildCommand(folder, extra)} (twice, editing one post between)`,
      figures: { build: json.wallMs / 1000, process: run.wallSeconds, peak: run.peakMb },
      ...notCompared,
    });
  } finally {
    writeFileSync(changed, original);
  }
}

/** State folders the run published into, removed once every measurement is done (see measurePublish). */
const statesToRemove: string[] = [];

async function measurePublish(row: string, count: number): Promise<void> {
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
  measurements.set(row, {
    // VmRSS is in KiB, so these are MiB; the target's GB is also given in SI units (10^6 bytes).
    measured: `publish ${(json.publishMs / 1000).toFixed(2)} s (build ${(json.buildMs / 1000).toFixed(1)} s before it); peak: Node ${run.peaks.node} MiB, workerd ${run.peaks.workerd} MiB, all at once ${run.peaks.together} MiB = ${Math.round((run.peaks.together * 1_048_576) / 1e6)} MB, at second ${run.peaks.togetherAt} (${run.peaks.nodeProcessesAt} Node processes then)`,
    detail: `${json.summary}; ${writes} KV writes (${written}); the publish phase runs from the build's end to the report (workerd is started while the child process builds, as npm run build does); resident memory (VmRSS) of Node, its esbuild helpers and workerd sampled every second, each sample in ${series}; no build cache; load ${run.load}`,
    command: `node ${HEAP_FLAG} --import tsx bench/publish-once.ts --posts ${folder} --state ${state} (as npm run build, memory sampled each second)`,
    figures: { publish: json.publishMs / 1000, peak: run.peaks.together },
    ...(count === 100_000 ? {} : notCompared),
  });
}

/** What `npm run build` printed: its KV writes (from the publish report) and its summary line. */
function describeNpmBuild(stdout: string): { writes: string; summary: string } {
  const lines = stdout.trim().split("\n");
  return { writes: /(\d+) KV writes in all/.exec(stdout)?.[1] ?? "?", summary: lines[lines.length - 1] ?? "" };
}

/**
 * `npm run build -- DIR` as a user types it, in a project folder of links to this repository (see
 * linkProjectFolder) with no .build/ and no .wrangler/: the first build end to end, then, for the 10,000
 * posts, the same command again after one post changed (the build cache and the local store of the first).
 */
async function measureNpmBuild(count: number): Promise<void> {
  const folder = ensureCorpus(count);
  const firstRow = count === 100_000 ? "npm-build-100k" : "npm-build-10k";
  // The 10,000-post rows are what the Hexo ratios divide by: RUNS first builds, each in a fresh project folder
  // (never one emptied just before: see FACTS on creating files after deleting many), and RUNS rebuilds.
  const runs = count === 100_000 ? 1 : RUNS;
  const firsts: { project: string; posts: string; run: Awaited<ReturnType<typeof runCommandSampled>> }[] = [];
  for (let index = 0; index < runs; index++) {
    const project = `bench-out/project-${count}-${Date.now()}`;
    statesToRemove.push(project);
    linkProjectFolder(process.cwd(), project);
    // As a user in the project folder names it; the command shown stays free of this machine's paths.
    const posts = relative(project, folder);
    note(`npm run build of ${count} posts into a fresh local store, end to end (load ${load()})`);
    // A series file per run: the row reports the median run's peak, whose samples must still be there to look at.
    const series = `bench-out/npm-build-${count}-memory${runs > 1 ? `-${index + 1}` : ""}.tsv`;
    firsts.push({ project, posts, run: await runCommandSampled("npm", ["run", "build", "--", posts], project, series) });
  }
  const { median: chosen, walls } = medianRun(firsts, (one) => one.run.wallSeconds);
  const first = chosen.run;
  const command = `cd ${chosen.project} && npm run build -- ${chosen.posts}`;
  const printed = describeNpmBuild(first.stdout);
  measurements.set(firstRow, {
    measured: `${first.wallSeconds.toFixed(2)} s wall; peak of npm, Node and workerd together ${first.peaks.together} MiB = ${Math.round((first.peaks.together * 1_048_576) / 1e6)} MB (Node ${first.peaks.node} MiB, workerd ${first.peaks.workerd} MiB)`,
    detail: `${printed.summary}; ${printed.writes} KV writes; from the command's start to its exit, npm's own start included; ${chosen.project} links to this repository but has its own .build/ and .wrangler/, both absent at the start; ${runs > 1 ? `the run of median wall of ${runs}, each in a fresh project folder (${walls} s); ` : ""}load ${first.load}`,
    command: `${command} (in a fresh project folder of links, memory sampled each second)`,
    figures: { wall: first.wallSeconds, peak: first.peaks.together },
    ...(count === 100_000 ? {} : notCompared),
  });
  if (count === 100_000) return;
  // The rebuilds start from the last first build's cache and store; each changes the post again (another
  // paragraph added to it as it was), so each has one post to build and publishes its pages anew.
  const { project, posts } = firsts[firsts.length - 1]!;
  const changed = postToChange(folder);
  const original = readFileSync(changed);
  const agains: Awaited<ReturnType<typeof runCommandSampled>>[] = [];
  try {
    for (let index = 0; index < runs; index++) {
      changePost(changed, index + 1, original);
      note(`npm run build after one changed post (load ${load()})`);
      // Sampled ten times a second: it ends within about a second, and a sample at its start only sees npm starting.
      agains.push(await runCommandSampled("npm", ["run", "build", "--", posts], project, `bench-out/npm-rebuild-${count}-memory-${index + 1}.tsv`, 100));
    }
  } finally {
    writeFileSync(changed, original);
  }
  const { median: again, walls: rebuildWalls } = medianRun(agains, (one) => one.wallSeconds);
  const reprinted = describeNpmBuild(again.stdout);
  measurements.set("npm-rebuild-10k", {
    measured: `${again.wallSeconds.toFixed(2)} s wall; peak of npm, Node and workerd together ${again.peaks.together} MiB (Node ${again.peaks.node} MiB, workerd ${again.peaks.workerd} MiB), sampled every 0.1 s`,
    detail: `${reprinted.summary}; ${reprinted.writes} KV writes; ${changed} changed (another paragraph added to it each time) after npm-build-10k, whose build cache and local store it starts from; the run of median wall of ${runs} (${rebuildWalls} s); load ${again.load}`,
    command: `cd ${project} && npm run build -- ${posts} (after npm-build-10k, one post changed, memory sampled every 0.1 s)`,
    figures: { wall: again.wallSeconds, peak: again.peaks.together },
    ...notCompared,
  });
}

function measurePublishCosts(): void {
  const folder = ensureCorpus(COUNT);
  note(`KV writes of publishes on real local KV (load ${load()})`);
  const work = `bench-out/publish-costs-${Date.now()}`;
  statesToRemove.push(work);
  const run = runTimed("bench/publish-costs.ts", ["--posts", folder, "--work", work], [HEAP_FLAG]);
  const json = run.json as { posts: number; firstWrites: number; firstPublishMs: number; newestWrites: number; middleWrites: number; editedWrites: number };
  measurements.set("publish-costs", {
    measured: `${json.firstWrites - 1} values (first publish ${json.firstWrites} writes with current); newest post ${json.newestWrites}; post dated in the middle ${json.middleWrites}; edited post ${json.editedWrites}`,
    detail: `each a real npm run build (runBuild with the build cache, then publishToLocalStore) into one fresh local state, in turn: the first publish, the next generated post added, another dated one second after the post in the middle, that middle post's title edited; counts from each publish's report, current included; load ${run.load}`,
    command: `node ${HEAP_FLAG} --import tsx bench/publish-costs.ts --posts ${folder} --work ${work}`,
    figures: { values: json.firstWrites - 1, newest: json.newestWrites, middle: json.middleWrites, edited: json.editedWrites },
    ...notCompared,
  });
}

/** Each test title once, ✓ or ✗, with how many times it ran (a title repeated over formats or parameters). */
function describeTests(tests: readonly { title: string; status: string }[]): string {
  const counts = new Map<string, number>();
  for (const test of tests) {
    const key = `${test.status === "passed" ? "✓" : "✗"} ${test.title}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => (count > 1 ? `${key} (×${count})` : key)).join("; ");
}

/** The read-costs row from the test's own report: vitest's JSON, each test's title and status. */
function measureReadCosts(): void {
  note("KV reads per request (test/worker/read-costs.test.ts)");
  const report = "bench-out/read-costs.json";
  rmSync(report, { force: true });
  const result = spawnSync(NODE, ["node_modules/vitest/vitest.mjs", "run", "test/worker/read-costs.test.ts", "--reporter=json", `--outputFile=${report}`], { encoding: "utf8", env: ENV });
  const command = "npx vitest run test/worker/read-costs.test.ts";
  if (!existsSync(report)) {
    measurements.set("read-costs", { measured: "", detail: "", command, figures: {}, failure: `vitest wrote no report (status ${result.status}): ${result.stderr.slice(-500)}` });
    return;
  }
  const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; testResults: { assertionResults: { title: string; status: string }[] }[] };
  const tests = json.testResults.flatMap((file) => file.assertionResults);
  const failed = tests.filter((test) => test.status !== "passed");
  measurements.set("read-costs", {
    measured: `${json.numPassedTests} of ${json.numTotalTests} tests passed${failed.length > 0 ? `; not passed: ${failed.map((test) => `"${test.title}" (${test.status})`).join(", ")}` : ""}`,
    detail: `each test asserts the exact KV gets a request makes, with a store that records every get; as vitest reported them: ${describeTests(tests)}`,
    command,
    figures: { failed: json.numTotalTests - json.numPassedTests, passed: json.numPassedTests },
  });
}

function measureRender(): void {
  const articles = ensureArticles();
  note(`render (load ${load()})`);
  const run = runTimed("bench/render-once.ts", [articles]);
  const rows = run.json as unknown as { format: string; limit: number; bytes: number; medianUs: number; p90Us: number; encodedMedianUs: number }[];
  for (const limit of [20, 100]) {
    const chosen = rows.filter((row) => row.limit === limit);
    measurements.set(`render-${limit}`, {
      measured: chosen.map((row) => `${row.format} ${row.medianUs} µs`).join(", "),
      detail: `CPU time, median of 60 batches of 25 after 300 warm-up; p90 ${chosen.map((row) => `${row.format} ${row.p90Us}`).join(", ")} µs; with UTF-8 encoding ${chosen.map((row) => `${row.format} ${row.encodedMedianUs}`).join(", ")} µs; ${chosen.map((row) => `${Math.round(row.bytes / 1024)} KiB`).join("/")}; load ${run.load}`,
      command: `node --import tsx bench/render-once.ts ${articles}`,
      // Compared whatever --posts says: a page holds its 20 or 100 items from any corpus at least that large.
      figures: Object.fromEntries(chosen.map((row) => [row.format, row.medianUs])),
    });
  }
}

function measureRequests(): void {
  const articles = ensureArticles();
  note(`requests under wrk (load ${load()})`);
  const args = [articles, ...(options["reuse-state"] ? ["--reuse"] : [])];
  const run = runTimed("bench/measure-requests.ts", args);
  const { rows } = run.json as unknown as { rows: RequestRow[] };
  const show = (requestsPerSecond: number, p50: number, p99: number) => `${Math.round(requestsPerSecond)} req/s, p50 ${p50} ms, p99 ${p99} ms`;
  for (const row of rows) {
    measurements.set(row.row, {
      measured: `${row.ratio.toFixed(2)} × (medians: feed ${show(row.feedRequestsPerSecond, row.feedP50Ms, row.feedP99Ms)}; baseline ${show(row.baselineRequestsPerSecond, row.baselineP50Ms, row.baselineP99Ms)})`,
      detail: `${row.feed} against ${row.baseline}; ${row.path}, ${row.bytes} bytes; wrk ${row.wrk}; ratio the median of ${row.rounds.length} rounds' (${row.rounds.map((round) => round.ratio.toFixed(2)).join(", ")}); load ${run.load}`,
      command: `node --import tsx bench/measure-requests.ts ${articles}`,
      figures: { ratio: row.ratio },
      ...(row.failure === undefined ? {} : { failure: row.failure }),
    });
  }
}

function measureBundle(): void {
  note("bundle size (wrangler deploy --dry-run)");
  const output = execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "bench-out/dry-run"], { encoding: "utf8", env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  const match = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+) KiB/.exec(output);
  const command = "npx wrangler deploy --dry-run --outdir bench-out/dry-run";
  measurements.set("bundle", match
    ? { measured: `${match[2]} KiB gzip (Total Upload ${match[1]})`, detail: "wrangler deploy --dry-run", command, figures: { gzip: Number(match[2]) } }
    : { measured: "", detail: "", command, figures: {}, failure: "could not read wrangler's Total Upload line" });
}

/**
 * `hexo generate` of the same posts on the same Node, under /usr/bin/time -v: with no db.json (cold), then
 * after one post changed (db.json kept), each against our build or rebuild of this run when it ran.
 */
function measureHexo(): void {
  const folder = ensureCorpus(COUNT);
  const site = "bench-out/hexo";
  const hexo = prepareHexoSite(folder, site, note);
  const generate = () => runUnderTime(NODE, [join(process.cwd(), hexo), "generate", "--silent"], site);
  const posts = join(site, "source", "_posts");
  const files = readdirSync(posts).sort();
  // RUNS cold runs, each with no db.json and no public/: those of the run before are renamed aside, not
  // removed, so no run writes its 10,000 pages just after 10,000 were deleted (FACTS: several times slower);
  // they go with the bench's other leftovers at its end.
  const colds: ReturnType<typeof generate>[] = [];
  for (let index = 0; index < RUNS; index++) {
    if (index > 0) {
      for (const entry of ["public", "db.json"]) {
        const aside = join(site, `${entry}.run-${index}`);
        rmSync(aside, { recursive: true, force: true });
        renameSync(join(site, entry), aside);
        statesToRemove.push(aside);
      }
    }
    note(`hexo generate, cold (load ${load()})`);
    colds.push(generate());
    if (!existsSync(join(site, "public", "rss2.xml")) || !existsSync(join(site, "public", "atom.xml"))) throw new Error("hexo generate wrote no rss2.xml or atom.xml");
    // With no theme Hexo writes one index.html per post and no other: fewer means it skipped posts, and its
    // time would then be of less work than ours.
    const pages = readdirSync(join(site, "public"), { recursive: true }).filter((path) => String(path).endsWith("index.html")).length;
    if (pages !== files.length) throw new Error(`hexo generate wrote ${pages} post pages for ${files.length} posts`);
  }
  // Hexo's copy of the posts, changed as ours are (another paragraph each time), each run after the one
  // before, from the last cold one's db.json; never restored (the next cold run copies them afresh).
  const changed = postToChange(posts);
  const original = readFileSync(changed);
  const agains: ReturnType<typeof generate>[] = [];
  for (let index = 0; index < RUNS; index++) {
    changePost(changed, index + 1, original);
    note(`hexo generate after one changed post (load ${load()})`);
    agains.push(generate());
  }
  const cold = medianRun(colds, (run) => run.wallSeconds);
  const again = medianRun(agains, (run) => run.wallSeconds);
  const command = `cd ${site} && /usr/bin/time -v node ${hexo.slice(site.length + 1)} generate --silent`;
  for (const [row, { median: run, walls }, ours, figure, what] of [
    ["hexo-cold", cold, "build-10k", "process", "no db.json, no public/"],
    ["hexo-first-build", cold, "npm-build-10k", "wall", "no db.json, no public/"],
    ["hexo-rebuild", again, "npm-rebuild-10k", "wall", "db.json and public/ of the last cold run kept, one post changed"],
  ] as const) {
    const oursSeconds = measurements.get(ours)?.figures[figure];
    const ratio = oursSeconds === undefined ? undefined : run.wallSeconds / oursSeconds;
    const missing = measurements.has(ours) ? `${ours} failed in this run` : `${ours} not run in this run`;
    measurements.set(row, {
      measured: `Hexo ${run.wallSeconds.toFixed(2)} s, peak ${run.peakMb} MiB; ${ratio === undefined ? missing : `ours ${oursSeconds!.toFixed(2)} s (${ours}'s ${figure === "process" ? "process" : "wall"}): ${ratio.toFixed(2)} ×`}`,
      detail: `${files.length} posts of ${folder} as source/_posts/*.html; ${what}; Hexo 8, hexo-generator-feed 3 (atom.xml and rss2.xml, 20 items), no theme, ${process.version}; Hexo's run of median wall of ${RUNS} (${walls} s), over ours of median wall of ${RUNS}; load ${run.load}`,
      command,
      figures: { hexo: run.wallSeconds, ...(ratio === undefined ? {} : { ratio }) },
      ...(ratio === undefined ? { notCompared: missing } : notCompared),
    });
  }
}

/** Each step, by the name its rows give (benchmark-rows.ts), in the order they run. */
const STEPS: Record<string, () => void | Promise<void>> = {
  "build-10k": () => measureBuild("build-10k", COUNT, `build ${COUNT} posts`, []),
  "build-10k-one-thread": () => measureBuild("build-10k-one-thread", COUNT, `build ${COUNT} posts on one thread`, ["--workers", "1"]),
  "rebuild-10k": measureRebuild,
  "npm-build-10k": () => measureNpmBuild(COUNT),
  "build-100k": () => measureBuild("build-100k", 100_000, "build 100,000 posts", []),
  "publish-10k": () => measurePublish("publish-10k", COUNT),
  "publish-costs": measurePublishCosts,
  "publish-100k": () => measurePublish("publish-100k", 100_000),
  "npm-build-100k": () => measureNpmBuild(100_000),
  "read-costs": measureReadCosts,
  render: measureRender,
  requests: measureRequests,
  bundle: measureBundle,
  hexo: measureHexo,
};

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memory: `${Math.round(totalmem() / 2 ** 30)} GiB (${Math.round(freemem() / 2 ** 30)} GiB free at the start)`,
  node: process.version,
  loadAtStart: load(),
  date: new Date().toISOString(),
};
const steps = [...new Set(BENCHMARK_ROWS.filter((row) => selected.has(row.name)).map((row) => row.step))];
for (const step of steps) {
  try {
    await STEPS[step]!();
  } catch (error) {
    // A step that cannot measure marks its rows failed and the run goes on; the reason goes to the file.
    const reason = (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 3).join(" ");
    note(`${step} failed: ${reason}`);
    for (const row of BENCHMARK_ROWS.filter((candidate) => candidate.step === step)) {
      if (!measurements.has(row.name)) measurements.set(row.name, { measured: "", detail: "", command: "", figures: {}, failure: reason });
    }
  }
}
writeFileSync("BENCHMARKS.md", formatBenchmarks(machine, BENCHMARK_ROWS, measurements, { options: process.argv.slice(2).join(" "), loadAtEnd: load() }));
note(`wrote BENCHMARKS.md (${measurements.size} of ${BENCHMARK_ROWS.length} rows run)`);
for (const folder of statesToRemove) rmSync(folder, { recursive: true, force: true });
