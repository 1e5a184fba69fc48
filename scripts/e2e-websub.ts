// npm run test:websub: WebSub end to end. Starts a local stand-in for a WebSub hub
// (scripts/support/websub-hub-stand-in.ts), builds generated posts into a private local KV store with a
// wrangler.toml whose [vars] name the hub and SITE_URL, serves them with `wrangler dev`, then publishes new
// posts through `npm run build` and checks what the hub saw: a ping for exactly the feeds that changed (the
// site's, each level of the new post's category, its tag; every format), none for the others or for an
// unchanged build, and, fetched right after each ping as a hub does, the new bytes with the hub named in
// them and in the Link header. A hub that fails leaves the publish live and exit status 0.
import { readFile, mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";
import { findFreePort } from "./support/free-port";
import { ROOT, runCommand, runCommandOrFail } from "./support/run-command";
import { type WranglerDev, startWranglerDev } from "./support/start-wrangler-dev";
import { type HubStandIn, startWebsubHubStandIn } from "./support/websub-hub-stand-in";

exitWithUsageIfAsked(`usage: npm run test:websub

WebSub end to end: starts a local stand-in for a WebSub hub, builds 20 generated posts into a private
local KV store with WEBSUB_HUB and SITE_URL set, serves it with \`wrangler dev\`, then publishes new posts
with \`npm run build\` and checks that the hub was pinged for exactly the feeds that changed (every format),
that it fetched the new bytes right after the ping, that an unchanged build pings nothing, and that a
failing hub leaves the publish live. Exits 1 listing each failed check.

  --help   show this text`);

const MINUTE = 60_000;
const FORMATS = ["feed.xml", "atom.xml", "feed.json"];
const failures: string[] = [];
let wrangler: WranglerDev | undefined;
let hub: HubStandIn | undefined;
let work: string | undefined;

function check(condition: boolean, what: string): void {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
  if (!condition) failures.push(what);
}

/** A post newer than every generated one, in a category and tag of its own (so only those scopes change). */
async function writePost(posts: string, number: number): Promise<string> {
  const title = `WebSub 测试文章 ${number}`;
  const date = new Date(Date.UTC(2030, 0, number)).toUTCString();
  await writeFile(
    join(posts, `websub_${String(number).padStart(16, "0")}.md`),
    `---\ntitle: '${title}'\ncategories:\n - 实时\n - 推送\ntags: [websub]\nauthor: 测试\ndate: ${date}\n---\n正文 ${number}：新条目几秒内到达订阅者。\n`,
  );
  return title;
}

async function main(): Promise<number> {
  work = await mkdtemp(join(tmpdir(), "edgefeed-e2e-websub-"));
  const posts = join(work, "posts");
  const state = join(work, "state");
  await mkdir(posts);
  hub = await startWebsubHubStandIn();
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  // The build reads wrangler.toml from where it runs: a copy whose [vars] name the hub and where the site is.
  const config = (await readFile(join(ROOT, "wrangler.toml"), "utf8")).replace(/^SITE_URL = ".*"$/m, `SITE_URL = "${origin}"`).replace(/^WEBSUB_HUB = ".*"$/m, `WEBSUB_HUB = "${hub.url}"`);
  if (!config.includes(`WEBSUB_HUB = "${hub.url}"`)) throw new Error("wrangler.toml has no WEBSUB_HUB line to set");
  await writeFile(join(work, "wrangler.toml"), config);
  const build = (...args: string[]) =>
    runCommand("tsx", [join(ROOT, "scripts", "build.ts"), posts, "--persist-to", state, ...args], { cwd: work, timeoutMilliseconds: 5 * MINUTE });

  console.log(`generating 20 posts, building them into ${state} (--no-ping: nothing serves them yet)…`);
  await runCommandOrFail("tsx", ["scripts/generate-posts.ts", "--count", "20", "--out", posts], { timeoutMilliseconds: 2 * MINUTE });
  const first = await build("--no-ping");
  check(first.code === 0 && first.output.includes(`WebSub: --no-ping, ${hub.url} not pinged`) && hub.pings.length === 0, "a build with --no-ping pings nothing and says so");

  wrangler = await startWranglerDev({ state, port, vars: { SITE_URL: origin, WEBSUB_HUB: hub.url }, timeoutMilliseconds: 2 * MINUTE });
  console.log(`wrangler dev answers on ${origin}; the hub stand-in listens on ${hub.url}`);
  const site = await fetch(`${origin}/feed.xml`);
  check((await site.text()).includes(`<atom:link href="${hub.url}" rel="hub"/>`), "the site's RSS feed names the hub");
  check(site.headers.get("Link") === `<${hub.url}>; rel="hub", <${origin}/feed.xml>; rel="self"`, "the site's RSS feed sends the Link header with rel=hub and rel=self");

  // A new post changes the site's feeds, its author's (测试), each level of its category and its tag's.
  const changed = ["/", "/authors/%E6%B5%8B%E8%AF%95/", "/categories/%E5%AE%9E%E6%97%B6/", "/categories/%E5%AE%9E%E6%97%B6/%E6%8E%A8%E9%80%81/", "/tags/websub/"].flatMap((path) => FORMATS.map((name) => `${origin}${path}${name}`));
  for (const number of [1, 2]) {
    const title = await writePost(posts, number);
    hub.pings.length = 0;
    hub.fetches.length = 0;
    const started = Date.now();
    // Readers poll while the publish runs, so wrangler dev's isolate always holds a fresh copy of the old
    // `current` (kept 5 s): a ping sent before that copy expires would have the hub fetch the old bytes.
    const polling = pollWhile(`${origin}/feed.xml`);
    const result = await build();
    await hub.settled();
    polling.stop();
    const pinged = hub.pings.flatMap((ping) => ping.urls).sort();
    check(result.code === 0 && new RegExp(`WebSub: pinged .* for ${changed.length} of ${changed.length} feed URLs in ${changed.length} requests`).test(result.output), `post ${number}: the build exits 0 and says it pinged ${changed.length} feed URLs`);
    check(JSON.stringify(pinged) === JSON.stringify([...changed].sort()), `post ${number}: the hub was pinged for exactly the site's, 测试's, 实时's, 实时 › 推送's and #websub's feeds, every format (got ${pinged.length}: ${pinged.filter((url) => !changed.includes(url)).join(" ") || "none other"})`);
    check(hub.fetches.length === changed.length && hub.fetches.every((fetched) => fetched.status === 200 && fetched.body.includes(title)), `post ${number}: every feed the hub fetched right after the ping already holds "${title}"`);
    check(hub.fetches.every((fetched) => fetched.link === `<${hub!.url}>; rel="hub", <${fetched.url}>; rel="self"`), `post ${number}: every fetched feed names the hub and itself in its Link header`);
    check(hub.fetches.every((fetched) => fetched.body.includes(hub!.url)), `post ${number}: every fetched feed names the hub in its body`);
    console.log(`     (${Math.round((Date.now() - started) / 1000)} s for the build, its wait for wrangler dev's isolate, and the pings)`);
  }

  hub.pings.length = 0;
  const unchanged = await build();
  check(unchanged.code === 0 && hub.pings.length === 0 && unchanged.output.includes("WebSub: no subscription feed changed"), "an unchanged build pings nothing and says so");

  const title = await writePost(posts, 3);
  hub.pings.length = 0;
  hub.failNext(1_000, 503);
  const failing = await build();
  check(failing.code === 0, "a build whose hub answers 503 still exits 0");
  check(new RegExp(`warning: WebSub: \\d+ of ${changed.length} feed URLs not pinged, the hub answered 503`).test(failing.output), "its summary says which feeds the hub was not told of, and why");
  check(hub.pings.length > 0 && hub.pings.every((ping) => ping.status === 503), `the hub was tried (${hub.pings.length} requests, retries included), and refused every one`);
  const live = await (await fetch(`${origin}/feed.json`)).text();
  check(live.includes(title), "the publish is live all the same: the site's JSON Feed holds the new post");
  return failures.length === 0 ? 0 : 1;
}

/** Fetches `url` every 200 ms, as busy readers do, until stopped. */
function pollWhile(url: string): { stop(): void } {
  let polling = true;
  void (async () => {
    while (polling) {
      await fetch(url).then((response) => response.arrayBuffer()).catch(() => undefined);
      await new Promise((done) => setTimeout(done, 200));
    }
  })();
  return { stop: () => void (polling = false) };
}

async function cleanUp(): Promise<void> {
  await wrangler?.stop();
  await hub?.stop();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}
try {
  process.exitCode = await main();
  console.log(failures.length === 0 ? "test:websub: every check passed" : `test:websub: ${failures.length} failed:\n${failures.map((line) => `  ${line}`).join("\n")}`);
} catch (error) {
  console.error(`test:websub: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
