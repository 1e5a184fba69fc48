/**
 * What a publish costs in KV writes on real local KV, through `npm run build`'s own path (runBuild, then
 * publishToLocalStore into a fresh local state): the first publish of a folder of generated posts, then one
 * newest post added, one post dated in the middle of the history added, and one post edited, each built
 * (with the build cache) and published in turn. Prints one JSON line with the write counts from each report.
 * Run: node --max-old-space-size=512 --import tsx bench/publish-costs.ts --posts DIR --work DIR
 * (DIR of --work must not exist yet; the posts are copied there, so DIR of --posts is left as it is).
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { publishToLocalStore } from "../src/builder/publish/publish-to-local-store";
import { runBuild } from "../src/builder/run/run-build";
import { generatePost } from "../scripts/support/generate-post";

const { values } = parseArgs({ options: { posts: { type: "string" }, work: { type: "string" } } });
if (!values.posts || !values.work) throw new Error("--posts DIR and --work DIR are required");
if (existsSync(values.work)) throw new Error(`--work ${values.work} exists: remove it first`);
const posts = join(values.work, "posts");
cpSync(values.posts, posts, { recursive: true });
const count = (await import("node:fs")).readdirSync(posts).length;

/** Builds the posts and publishes them to the work folder's local state; the report's KV writes and the publish's time. */
async function publish(): Promise<{ writes: number; milliseconds: number; report: string }> {
  let report = "";
  let started = 0;
  const lines: string[] = [];
  const status = await runBuild({
    directory: posts,
    strict: false,
    quiet: true,
    output: join(values.work!, "articles.ndjson"),
    cache: join(values.work!, "cache"),
    log: (line) => lines.push(line),
    error: (line) => lines.push(line),
    publish: async (articlesFile, saved) => {
      started = performance.now();
      report = await publishToLocalStore(articlesFile, process.stderr, { persistTo: join(values.work!, "state"), saved });
      return report;
    },
  });
  if (status !== 0) throw new Error(`the build failed:\n${lines.join("\n")}`);
  const writes = Number(/(\d+) KV writes in all/.exec(report)?.[1] ?? Number.NaN);
  return { writes, milliseconds: Math.round(performance.now() - started), report };
}

const first = await publish();
// The next post of the generated series: the newest.
const newest = generatePost(count);
writeFileSync(join(posts, newest.fileName), newest.text);
const afterNewest = await publish();
// The next one again, dated one minute after the post in the middle of the series: a late delivery.
const middleFile = (await import("node:fs")).readdirSync(posts).sort()[Math.floor(count / 2)]!;
const middleDate = /^date: (.+)$/m.exec(readFileSync(join(posts, middleFile), "utf8"))![1]!;
const late = generatePost(count + 1);
writeFileSync(join(posts, late.fileName), late.text.replace(/^date: .+$/m, `date: ${middleDate.replace(/:(\d\d)(?=[^:]*$)/, (_, second: string) => `:${String((Number(second) + 1) % 60).padStart(2, "0")}`)}`));
const afterMiddle = await publish();
// An edit of one post in the middle: its title.
const edited = readFileSync(join(posts, middleFile), "utf8").replace(/^title: '(.*)'$/m, "title: '$1（更正）'");
writeFileSync(join(posts, middleFile), edited);
const afterEdit = await publish();
console.log(
  JSON.stringify({
    posts: count,
    firstWrites: first.writes,
    firstPublishMs: first.milliseconds,
    newestWrites: afterNewest.writes,
    middleWrites: afterMiddle.writes,
    editedWrites: afterEdit.writes,
    reports: [first.report, afterNewest.report, afterMiddle.report, afterEdit.report],
  }),
);
