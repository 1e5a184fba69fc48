import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runPublishCommand } from "../../../src/builder/publish/publish-command";
import { createRemoteStore } from "../../../src/builder/publish/stores/create-remote-store";
import { type HubStandIn, startWebsubHubStandIn } from "../../../scripts/support/websub-hub-stand-in";
import { readCurrent } from "../publish/generation-check";
import { manualClock, variedArticle } from "../publish/publish-fixtures";
import { startBulkApiStandIn } from "../publish/stores/bulk-api-stand-in";
import { temporaryFolders } from "../../support/temporary-folders";

const SITE = "https://news.example.com";
const makeFolder = temporaryFolders("edgefeed-websub-");
let folder: string;
let hub: HubStandIn;
let api: Awaited<ReturnType<typeof startBulkApiStandIn>>;

beforeEach(async () => {
  folder = makeFolder();
  // No feed to fetch here (nothing serves SITE_URL): test:websub has the hub fetch from `wrangler dev`.
  hub = await startWebsubHubStandIn({ fetchFeeds: false });
  api = await startBulkApiStandIn({ token: "secret" });
});

afterEach(async () => {
  await hub.stop();
  await api.close();
});

/** A wrangler.toml naming the stand-in's namespace, with `vars` as its [vars]. */
async function config(vars: Record<string, string>): Promise<string> {
  const path = join(folder, "wrangler.toml");
  const lines = Object.entries(vars).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
  await writeFile(path, `[[kv_namespaces]]\nbinding = "FEEDS"\nid = "ns456"\n\n[vars]\n${lines.join("\n")}\n`);
  return path;
}

/** The first `count` varied articles as a build saves them. */
async function articles(count: number): Promise<string> {
  const path = join(folder, `articles-${count}.ndjson`);
  await writeFile(path, Array.from({ length: count }, (_, index) => JSON.stringify(variedArticle(index))).join("\n") + "\n");
  return path;
}

function command() {
  const out: string[] = [];
  const err: string[] = [];
  const clock = manualClock();
  const io = {
    stdout: { write: (text: string) => void out.push(text) },
    stderr: { write: (text: string) => void err.push(text) },
    env: { CLOUDFLARE_ACCOUNT_ID: "acc123", CLOUDFLARE_API_TOKEN: "secret" },
    ...clock,
    apiBase: api.baseUrl,
    ping: { retryDelayMilliseconds: 1, sleep: async () => {} },
  };
  return { out, err, clock, io };
}

const feeds = (...paths: string[]) => paths.flatMap((path) => ["feed.xml", "atom.xml", "feed.json"].map((name) => `${SITE}${path}${name}`));

describe("npm run publish -- --remote with WEBSUB_HUB set", () => {
  it("lists --no-ping in its --help", async () => {
    const run = command();
    expect(await runPublishCommand(["--help"], run.io)).toBe(0);
    expect(run.out.join("")).toMatch(/--no-ping {11}do not ping the WebSub hub/);
  });

  it("pings the hub for the feeds that changed, only once every data centre can see the new generation", async () => {
    const wrangler = await config({ SITE_URL: SITE, WEBSUB_HUB: hub.url });
    const run = command();
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(30)], run.io)).toBe(0);
    // A first publish: every scope's three feeds. The wait began at the `current` write: 60 s of KV, 5 s of an
    // isolate's memory, 1 s of margin.
    expect(run.clock.slept.at(-1)).toBe(66_000);
    expect(run.err.join("")).toContain(`WebSub: waiting 66 s until every Worker serves the new generation (KV shows a write everywhere within 60 s, and a Worker keeps \`current\` 5 s), then pinging ${hub.url}`);
    const first = hub.pings.flatMap((ping) => ping.urls);
    expect(first.slice(0, 3)).toEqual(feeds("/"));
    expect(first.every((url) => /\/(feed\.xml|atom\.xml|feed\.json)$/.test(url))).toBe(true);
    expect(run.out.at(-1)).toMatch(new RegExp(`WebSub: pinged ${hub.url} for ${first.length} of ${first.length} feed URLs in ${first.length} requests \\(one hub.url a request\\), 66 s after "current" was written`));

    // Article 30 is by 新浪财经, in 金融 › 股票 and tag4: the site, the author, both category levels and the tag
    // changed, nothing else.
    hub.pings.length = 0;
    run.clock.advance(10);
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(31)], run.io)).toBe(0);
    expect(hub.pings.flatMap((ping) => ping.urls).sort()).toEqual(feeds("/", "/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/", "/categories/%E9%87%91%E8%9E%8D/", "/categories/%E9%87%91%E8%9E%8D/%E8%82%A1%E7%A5%A8/", "/tags/tag4/").sort());
    expect(hub.pings.every((ping) => ping.status === 204)).toBe(true);

    // The same build again: nothing changed, nothing pinged.
    hub.pings.length = 0;
    run.clock.advance(10);
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(31)], run.io)).toBe(0);
    expect(hub.pings).toEqual([]);
    expect(run.out.at(-1)).toContain(`WebSub: no subscription feed changed; ${hub.url} not pinged`);
  });

  it("pings nothing with --no-ping, and says so", async () => {
    const wrangler = await config({ SITE_URL: SITE, WEBSUB_HUB: hub.url });
    const run = command();
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(12), "--no-ping"], run.io)).toBe(0);
    expect(hub.pings).toEqual([]);
    expect(run.clock.slept).toEqual([]);
    expect(run.out.at(-1)).toContain(`WebSub: --no-ping, ${hub.url} not pinged`);
  });

  it("pings nothing without WEBSUB_HUB, and waits for nothing", async () => {
    const run = command();
    expect(await runPublishCommand(["--remote", "--config", await config({ SITE_URL: SITE }), "--articles", await articles(12)], run.io)).toBe(0);
    expect(hub.pings).toEqual([]);
    expect(run.clock.slept).toEqual([]);
    expect(run.out.at(-1)).not.toContain("WebSub");
  });

  it("keeps the publish live and exits 0 when the hub fails, reporting what was not pinged", async () => {
    const wrangler = await config({ SITE_URL: SITE, WEBSUB_HUB: hub.url });
    const run = command();
    hub.failNext(1_000, 500);
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(12)], run.io)).toBe(0);
    // Three attempts for each of the four batches in flight, then no more to a hub that is down.
    expect(hub.pings.map((ping) => ping.status)).toEqual(Array(12).fill(500));
    const summary = run.out.at(-1)!;
    expect(summary).toMatch(/warning: WebSub: 4 of \d+ feed URLs not pinged, the hub answered 500: failing on purpose with 500 \(3 attempts\) \(e\.g\. https:\/\/news\.example\.com\/feed\.xml\)\. The publish is live/);
    expect(summary).toMatch(/warning: WebSub: \d+ of \d+ feed URLs not pinged, not sent: the hub failed an earlier batch/);
    const store = createRemoteStore({ accountId: "acc123", apiToken: "secret", namespaceId: "ns456", baseUrl: api.baseUrl });
    expect((await readCurrent(store)).generation).toBe(1);
  });

  it("refuses a bad WEBSUB_HUB before it writes anything, naming the file and the setting", async () => {
    const run = command();
    const wrangler = await config({ SITE_URL: SITE, WEBSUB_HUB: "http://pubsubhubbub.appspot.com/" });
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(12)], run.io)).toBe(1);
    expect(run.err.join("")).toBe(`error: ${wrangler}: [vars] WEBSUB_HUB must be an https URL (http only for localhost), got "http://pubsubhubbub.appspot.com/"\n`);
    expect(api.values.size).toBe(0);
  });

  it("says on a dry run what it would ping, and pings nothing", async () => {
    const run = command();
    const wrangler = await config({ SITE_URL: SITE, WEBSUB_HUB: hub.url });
    expect(await runPublishCommand(["--remote", "--config", wrangler, "--articles", await articles(12), "--dry-run"], run.io)).toBe(0);
    expect(run.out.at(-1)).toMatch(new RegExp(`WebSub: would ping ${hub.url} for \\d+ feed URLs, once the new generation is served everywhere`));
    expect(hub.pings).toEqual([]);
  });
});

describe("npm run publish to the local store with WEBSUB_HUB set", () => {
  it("waits only for the isolate's memory of `current`, then pings", async () => {
    const wrangler = await config({ SITE_URL: SITE, WEBSUB_HUB: hub.url });
    const run = command();
    expect(await runPublishCommand(["--config", wrangler, "--persist-to", join(folder, "state"), "--articles", await articles(6)], run.io)).toBe(0);
    expect(run.clock.slept.at(-1)).toBe(6_000);
    expect(run.err.join("")).toContain("WebSub: waiting 6 s until every Worker serves the new generation (a Worker keeps `current` 5 s)");
    expect(hub.pings.flatMap((ping) => ping.urls).slice(0, 3)).toEqual(feeds("/"));
    expect(run.out.at(-1)).toMatch(/WebSub: pinged .* 6 s after "current" was written/);
  });
});
