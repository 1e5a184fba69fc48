/**
 * How well building posts scales over this machine's cores: the same 6,000 posts of bench-out/posts-10000
 * built (buildArticle, then JSON) by one thread, by two worker threads of one process, and by two processes
 * at once. Prints one JSON line with the CPU time a post costs in each case. Not part of `npm run bench`;
 * BENCHMARKS.md's analysis quotes it.
 * Run: node --import tsx bench/parallel-scaling.ts
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { buildArticle } from "../src/builder/article/build-article";

const FOLDER = "bench-out/posts-10000";

/** Builds the files and gives the wall time a post took, in microseconds. */
function buildAll(paths: readonly string[]): number {
  const started = performance.now();
  for (const path of paths) JSON.stringify(buildArticle({ path, bytes: readFileSync(path) }, { sourceSite: "sina", timeZone: "Asia/Shanghai" }));
  return Math.round(((performance.now() - started) * 1000) / paths.length);
}

function inThreads(paths: readonly string[], count: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => new Promise<number>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: paths.filter((_, at) => at % count === index), execArgv: process.execArgv });
      worker.once("message", resolve).once("error", reject);
    })),
  );
}

function inProcesses(count: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, () => new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, "--alone"], { stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(Number(output.trim())) : reject(new Error(`exit ${code}`))));
    })),
  );
}

const paths = readdirSync(FOLDER).sort().slice(0, 6000).map((name) => `${FOLDER}/${name}`);
if (!isMainThread) {
  parentPort!.postMessage(buildAll(workerData as string[]));
} else if (process.argv.includes("--alone")) {
  // One of two processes building at once: half the posts each, as two workers would.
  console.log(buildAll(paths.filter((_, at) => at % 2 === 0)));
} else {
  const [oneThread] = await inThreads(paths, 1);
  const twoThreads = await inThreads(paths, 2);
  const twoProcesses = await inProcesses(2);
  console.log(JSON.stringify({ microsecondsPerPost: { oneThread, twoThreads, twoProcesses } }));
}
