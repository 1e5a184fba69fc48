// npm run test:hexo: builds test/fixtures/hexo-site with real Hexo 8 and hexo-generator-feed 3 (installed by
// this script into .build/hexo-compare, never a dependency of ours) and with edgefeed, then checks item by item
// that our RSS guids and Atom ids under ID_SCHEME = "hexo-permalink" are Hexo's, for Hexo run in the site's
// time zone and in UTC (CI). See --help.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readSiteConfigFile } from "../src/builder/run/read-site-config-file";
import { runBuild } from "../src/builder/run/run-build";
import type { Article } from "../src/model/article";
import type { FeedFormat } from "../src/model/feed-format";
import { buildFeedDocument } from "../src/worker/feeds/build-feed-document";
import { renderFeed } from "../src/worker/feeds/render-feed";
import { installHexo } from "./support/install-hexo";
import { ROOT, toolEnvironment } from "./support/run-command";

const usage = `usage: npm run test:hexo

Installs Hexo 8, hexo-generator-feed 3 and hexo-renderer-marked 7 into .build/hexo-compare (from the npm
registry, once), generates test/fixtures/hexo-site with them under TZ=<the site's timezone> and TZ=UTC, builds the
same site with edgefeed (ID_SCHEME = "hexo-permalink", PERMALINK_TIME_ZONE the same zone), and compares every
item's RSS <guid> and Atom <id>. Exits 1 on any difference or a post missing on either side.`;
if (process.argv.includes("--help")) {
  console.log(usage);
  process.exit(0);
}

const SITE = join(ROOT, "test/fixtures/hexo-site");
const WORK = join(ROOT, ".build/hexo-compare");

/** The items of a feed Hexo or we wrote, by title: the RSS guid or Atom id. */
function itemIds(xml: string, format: FeedFormat): Map<string, string> {
  const ids = new Map<string, string>();
  const element = format === "rss" ? "item" : "entry";
  const decode = (text: string): string =>
    text.replace(/^<!\[CDATA\[|\]\]>$/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, "&");
  for (const [, body] of xml.matchAll(new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, "g"))) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/.exec(body!)?.[1];
    const id = (format === "rss" ? /<guid[^>]*>([\s\S]*?)<\/guid>/ : /<id>([\s\S]*?)<\/id>/).exec(body!)?.[1];
    if (title !== undefined && id !== undefined) ids.set(decode(title.trim()), decode(id.trim()));
  }
  return ids;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { cwd, env: { ...toolEnvironment(), ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
}

// Hexo, as a user installs it: a site folder whose package.json names its plugins.
const hexoSite = join(WORK, "site");
const hexoCommand = installHexo(hexoSite, (line) => console.log(`test:hexo: ${line}`));
for (const entry of ["_config.yml", "source"]) {
  rmSync(join(hexoSite, entry), { recursive: true, force: true });
  cpSync(join(SITE, entry), join(hexoSite, entry), { recursive: true });
}

const siteZone = /^timezone:\s*(\S+)/m.exec(readFileSync(join(SITE, "_config.yml"), "utf8"))?.[1] ?? "UTC";
let failures = 0;
let compared = 0;
for (const zone of [siteZone, "UTC"]) {
  rmSync(join(hexoSite, "public"), { recursive: true, force: true });
  rmSync(join(hexoSite, "db.json"), { force: true });
  run(process.execPath, [hexoCommand, "generate", "--silent"], hexoSite, { TZ: zone });
  const hexo = { rss: itemIds(readFileSync(join(hexoSite, "public/rss2.xml"), "utf8"), "rss"), atom: itemIds(readFileSync(join(hexoSite, "public/atom.xml"), "utf8"), "atom") };

  // Ours, as the Worker renders it from what `npm run build` saves.
  const config = join(WORK, `wrangler-${zone.replace("/", "-")}.toml`);
  writeFileSync(config, `name = "hexo-compare"\n[vars]\nID_SCHEME = "hexo-permalink"\nPERMALINK_TIME_ZONE = "${zone}"\n`);
  const output = join(WORK, "articles.ndjson");
  const lines: string[] = [];
  const status = await runBuild({ directory: SITE, strict: true, quiet: true, output, cache: false, workers: 1, config, log: (line) => lines.push(line), error: (line) => lines.push(line) });
  if (status !== 0) throw new Error(`edgefeed's build of ${SITE} failed:\n${lines.join("\n")}`);
  const articles = readFileSync(output, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Article);
  articles.sort((left, right) => (left.published < right.published ? 1 : -1));
  const siteConfig = await readSiteConfigFile(config, { SITE_URL: /^url:\s*(\S+)/m.exec(readFileSync(join(SITE, "_config.yml"), "utf8"))![1]! });
  for (const format of ["rss", "atom"] as const) {
    const page = { kind: "head" as const, scope: { kind: "site" as const }, items: articles };
    const ours = itemIds(renderFeed(buildFeedDocument({ config: siteConfig, origin: siteConfig.url, scope: { kind: "site" }, page, limit: 100, format }), format), format);
    const theirs = hexo[format];
    for (const title of new Set([...theirs.keys(), ...ours.keys()])) {
      compared++;
      const same = theirs.get(title) === ours.get(title);
      if (!same) failures++;
      console.log(`${same ? "same" : "DIFFERENT"}  TZ=${zone} ${format.padEnd(4)} ${JSON.stringify(title)}: Hexo ${theirs.get(title) ?? "(no item)"}${same ? "" : `, edgefeed ${ours.get(title) ?? "(no item)"}`}`);
    }
  }
}
console.log(`test:hexo: compared ${compared} items: ${compared - failures} the same, ${failures} different`);
if (failures > 0 || compared === 0) process.exit(1);
