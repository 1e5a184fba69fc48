// npm run build -- [DIR] [--strict]: builds the posts in DIR (default seeds/) and publishes them to the
// local KV store that `wrangler dev` reads. See --help.
import { parseArgs } from "node:util";
import { openLocalStore } from "../src/builder/publish/open-local-store";

const usage = `usage: npm run build -- [DIR] [--strict] [--quiet] [--force] [--persist-to STATE]

Parses, cleans and sanitizes every post (.md .markdown .txt .html) under DIR (default: seeds/), saves the
articles to .build/articles.ndjson and publishes them to the local KV store that \`wrangler dev\` reads.

  --strict   on any problem, warnings included, save and publish nothing and exit 1
  --quiet    print only problems and the summary line
  --force    publish even when the build drops more than 20% of the articles now live
  --no-ping  do not ping the WebSub hub (WEBSUB_HUB in wrangler.toml [vars]; unset, nothing is pinged)
  --persist-to STATE
             publish to the local state folder STATE, as \`wrangler dev --persist-to STATE\` takes it
             (the data lives in STATE/v3; default .wrangler/state)
  --help     show this text

Exit status: 0 when anything was published (problems are listed as path: reason); 1 when nothing could be
published (the previous build stays live); 2 for bad usage.`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      strict: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      "no-ping": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
      "persist-to": { type: "string" },
    },
  });
} catch (error) {
  console.error(`build: ${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
if (parsed.positionals.length > 1) {
  console.error(`build: one folder at most, got ${parsed.positionals.length}\n\n${usage}`);
  process.exit(2);
}
// The local store starts first, and opens while the build runs (miniflare and workerd take ~0.4 s, the
// store's critical path in a rebuild); closed here unless published to. The rest is loaded after it started.
const store = openLocalStore(parsed.values["persist-to"]);
store.catch(() => {}); // a failure to open is reported by the publish that awaits it
const [{ publishToLocalStore }, { runBuild }] = await Promise.all([
  import("../src/builder/publish/publish-to-local-store"),
  import("../src/builder/run/run-build"),
]);
let published = false;
process.exitCode = await runBuild({
  directory: parsed.positionals[0] ?? "seeds",
  strict: parsed.values.strict,
  quiet: parsed.values.quiet,
  progress: true,
  // The publish then starts in a process with none of the build's memory (100,000 posts: see BENCHMARKS.md).
  inChildProcess: true,
  publish: (articlesFile, saved) => {
    published = true;
    return publishToLocalStore(articlesFile, process.stderr, {
      saved,
      ...(parsed.values["persist-to"] === undefined ? {} : { persistTo: parsed.values["persist-to"] }),
      force: parsed.values.force,
      ping: !parsed.values["no-ping"],
      store,
    });
  },
});
if (!published) await (await store.catch(() => undefined))?.dispose();
