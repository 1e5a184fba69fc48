/**
 * One build and local publish for the benchmarks, as `npm run build` does it (runBuild building in a child
 * process, then publishToLocalStore into a fresh local KV state through workerd), but with the cache off and every
 * output under bench-out/, so nothing of the developer's .build/ or .wrangler/ is touched. Prints one JSON
 * line: wall time of the build and of the publish, and the summary line.
 * Run: node --max-old-space-size=512 --import tsx bench/publish-once.ts --posts DIR --state DIR
 * (DIR of --state must not exist yet).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { openLocalStore, publishToLocalStore } from "../src/builder/publish/publish-to-local-store";
import { runBuild } from "../src/builder/run/run-build";

const { values } = parseArgs({ options: { posts: { type: "string" }, state: { type: "string" }, output: { type: "string" } } });
if (!values.posts || !values.state) throw new Error("--posts DIR and --state DIR are required");
// A fresh local KV is measured, and it is the caller's to clear: Node's recursive rm of a 100,000-post
// state (119,000 files) left this process at 448 MB resident, which then sat under the whole run.
if (existsSync(values.state)) throw new Error(`--state ${values.state} exists: remove it first (rm -rf), so this process starts small`);
const started = performance.now();
// As `npm run build` does (scripts/build.ts): the local store starts while the child process builds.
const store = openLocalStore(values.state);
store.catch(() => {});
let publishStarted = 0;
let report = "";
const lines: string[] = [];
const status = await runBuild({
  directory: values.posts,
  strict: false,
  quiet: true,
  output: values.output ?? "bench-out/articles-published.ndjson",
  cache: false,
  progress: true,
  inChildProcess: true,
  log: (line) => lines.push(line),
  error: (line) => lines.push(line),
  publish: async (articlesFile, saved) => {
    publishStarted = performance.now();
    // No terminal: the progress lines go to stderr, where run-benchmarks.ts ignores them.
    report = await publishToLocalStore(articlesFile, process.stderr, { persistTo: values.state!, saved, store });
    return report;
  },
});
const finished = performance.now();
console.log(
  JSON.stringify({
    status,
    buildMs: Math.round(publishStarted - started),
    publishMs: Math.round(finished - publishStarted),
    report,
    summary: lines[lines.length - 1],
  }),
);
