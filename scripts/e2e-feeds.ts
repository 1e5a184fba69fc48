// npm run test:e2e [-- --count N] [--corpus seeds|generated|DIR] [--no-validator]: builds seeds/, N generated
// posts (default 1,000) and the Hexo site test/fixtures/hexo-site each into a private local KV store, serves each with `wrangler dev`, finds every feed
// the way readers do (/opml.xml, autodiscovery on / and on every category, tag and author page, paged variants) and
// checks each with real parsers: scripts/check-feeds.py (xmllint, the W3C Feed Validation Service at level
// AA, feedparser, JSON Feed 1.1), feedsmith (every feed; each JSON Feed's items are its RSS's and Atom's),
// jing (every Atom document against RFC 4287's RELAX NG schema), and /robots.txt and the sitemaps against
// the sitemaps.org schema (scripts/e2e/check-sitemaps.ts). Exits 1 listing each failed URL and why. See --help.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { listPostFiles } from "../src/builder/read/list-post-files";
import { checkAtomSchema } from "./e2e/check-atom-schema";
import { checkFeedsWithFeedsmith } from "./e2e/check-feeds-with-feedsmith";
import { checkSitemaps } from "./e2e/check-sitemaps";
import { createDocumentReader } from "./e2e/create-document-reader";
import { discoverFeeds } from "./e2e/discover-feeds";
import { findFreePort } from "./support/free-port";
import { ROOT, runCommand } from "./support/run-command";
import { startWranglerDev, type WranglerDev } from "./support/start-wrangler-dev";

const usage = `usage: npm run test:e2e -- [--count N] [--corpus seeds|generated|DIR]... [--no-validator]

For each corpus (seeds/, N posts from \`npm run generate\`, the Markdown Hexo site test/fixtures/hexo-site):
build into a private state folder
(npm run build -- DIR --persist-to STATE; never .wrangler/state), start \`wrangler dev --persist-to STATE\`
on a free port, collect every feed from /opml.xml and the autodiscovery links of / and of every category,
tag and author page (seeds/ and the generated posts name their author: their author feeds must be there), plus ?limit=100 and three next hops of the site's and the first category's feeds, and
the site's feeds filtered (?filter=, ?filterout=) and as summaries (?mode=summary, and its next page),
and check each with scripts/check-feeds.py (xmllint, the W3C validator at level AA, feedparser, our reading
of JSON Feed 1.1; seeds/ served with a WebSub hub, WEBSUB_HUB, whose links every feed and its Link header
must carry); parse each with feedsmith (npm), and for every JSON Feed also the RSS and Atom of the same
scope and page, which must hold as many items with the same ids; check every Atom document with jing against
RFC 4287's RELAX NG schema (test/fixtures/schemas/atom.rnc); check /robots.txt and every sitemap with xmllint
against test/fixtures/schemas (sitemaps.org 0.9), which must list every published post once. Any error,
warning or other message fails.

  --count N        generated posts (default 1000)
  --corpus NAME    only this corpus, repeatable: seeds, generated, or a folder of posts (which may hold
                   posts the build skips, e.g. test/fixtures/hostile) or a Hexo site folder; default all three
  --no-validator   skip the W3C validator (where its code cannot be had, as in CI); xmllint, feedparser,
                   the JSON Feed 1.1 rules, feedsmith and jing still run
  --help           show this text

Needs: scripts/install-test-tools.sh (python3-feedparser, libxml2-utils, jing, ...) and, unless --no-validator,
the W3C validator's source in FEEDVALIDATOR_DIR (default /work/feedvalidator).`;

const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const VALIDATOR_DIR = process.env.FEEDVALIDATOR_DIR ?? "/work/feedvalidator";
const MINUTE = 60_000;
// The hub the seeds are served with: the one most sites name. The checks never ping it.
const E2E_HUB = "https://pubsubhubbub.appspot.com/";
// What the generated corpus must exercise: the issue asks for at least 10 categories in hierarchies.
const MINIMUM_GENERATED_CATEGORIES = 10;

/** The outcome of one corpus. */
interface CorpusResult {
  name: string;
  checked: number;
  failed: number;
  /** Documents feedsmith parsed, and Atom documents jing checked against RFC 4287's schema. */
  parsedByFeedsmith: number;
  checkedByJing: number;
  /** `URL: reason`, one per failed feed or page. */
  failures: string[];
}

// What a signal must clean up: the running wrangler dev and the corpus's temporary folder.
let running: WranglerDev | undefined;
let workFolder: string | undefined;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        count: { type: "string", default: "1000" },
        corpus: { type: "string", multiple: true },
        "no-validator": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`test:e2e: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const count = Number(values.count);
  const corpora = values.corpus ?? ["seeds", "generated", "test/fixtures/hexo-site"];
  const unknown = corpora.filter((name) => name !== "seeds" && name !== "generated" && !existsSync(name));
  if (!Number.isInteger(count) || count < 1 || unknown.length > 0) {
    console.error(`test:e2e: --count must be a positive whole number and --corpus seeds, generated or a folder (not ${unknown.join(", ")})\n\n${usage}`);
    return 2;
  }
  const validator = !values["no-validator"];
  const missing = await findMissingTools(validator);
  if (missing.length > 0) {
    console.error(`test:e2e: missing tools:\n${missing.map((line) => `  ${line}`).join("\n")}`);
    return 2;
  }
  const results: CorpusResult[] = [];
  for (const name of corpora) results.push(await checkCorpus(name, count, validator));

  console.log("");
  for (const result of results) {
    console.log(`${result.name}: checked ${result.checked} feeds: ${result.checked - result.failed} passed, ${result.failed} failed`);
    for (const failure of result.failures) console.log(`  FAIL ${failure}`);
  }
  const checked = results.reduce((sum, result) => sum + result.checked, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  const pageProblems = results.reduce((sum, result) => sum + result.failures.length, 0) - failed;
  const parsedByFeedsmith = results.reduce((sum, result) => sum + result.parsedByFeedsmith, 0);
  const checkedByJing = results.reduce((sum, result) => sum + result.checkedByJing, 0);
  console.log(`feedsmith parsed ${parsedByFeedsmith} documents and jing checked ${checkedByJing} Atom documents against RFC 4287's schema`);
  console.log(`checked ${checked} feeds: ${checked - failed} passed, ${failed} failed${pageProblems > 0 ? `; ${pageProblems} other problems` : ""}`);
  return failed > 0 || pageProblems > 0 ? 1 : 0;
}

/**
 * Builds, serves and checks one corpus (`seeds`, `generated`, or a folder); never throws for a failed check,
 * only reports it. seeds/ and generated posts must all publish; a folder's posts may be skipped by the build.
 */
async function checkCorpus(name: string, count: number, validator: boolean): Promise<CorpusResult> {
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), "edgefeed-e2e-feeds-"));
  workFolder = work;
  const failures: string[] = [];
  try {
    const posts = name === "seeds" ? join(ROOT, "seeds") : name === "generated" ? join(work, "posts") : resolve(name);
    if (name === "generated") {
      console.log(`[${name}] generating ${count} posts…`);
      await expectSuccess("npm run generate", await runCommand("tsx", ["scripts/generate-posts.ts", "--count", String(count), "--out", posts], { timeoutMilliseconds: 2 * MINUTE }));
    }
    const expected = (await listPostFiles(posts)).length;
    const state = join(work, "state");
    console.log(`[${name}] building ${expected} posts from ${posts} into ${state}…`);
    const build = await runCommand("tsx", ["scripts/build.ts", posts, "--quiet", "--persist-to", state], { timeoutMilliseconds: 10 * MINUTE });
    await expectSuccess("npm run build", build);
    const summary = /(\d+) published, (\d+) skipped, (\d+) warnings/.exec(build.output);
    const mustAllPublish = name === "seeds" || name === "generated";
    if (!summary || (mustAllPublish && Number(summary[1]) !== expected)) {
      throw new Error(`npm run build published ${summary?.[1] ?? "?"} of ${expected} posts:\n${build.output}`);
    }

    // The seeds are served with a WebSub hub (and the SITE_URL it needs), so every checker sees its links;
    // the other corpora without, as most sites run.
    const withHub = name === "seeds";
    const port = await findFreePort();
    const hubVars: Record<string, string> = withHub ? { SITE_URL: `http://127.0.0.1:${port}`, WEBSUB_HUB: E2E_HUB } : {};
    running = await startWranglerDev({ state, port, vars: { IMAGE_PROXY_SECRET: randomBytes(32).toString("hex"), ...hubVars }, timeoutMilliseconds: 2 * MINUTE });
    console.log(`[${name}] wrangler dev answers on ${running.origin}${withHub ? `, with WEBSUB_HUB = ${E2E_HUB}` : ""}`);
    const discovered = await discoverFeeds(running.origin);
    failures.push(...discovered.problems);
    if (withHub) failures.push(...(await checkHubLinks(running.origin)));
    if (name === "generated") {
      const nested = discovered.categories.filter((path) => path.split("/").filter(Boolean).length > 2);
      if (discovered.categories.length < MINIMUM_GENERATED_CATEGORIES || nested.length === 0) {
        failures.push(`${running.origin}/opml.xml: the generated corpus has ${discovered.categories.length} categories (${nested.length} nested); expected at least ${MINIMUM_GENERATED_CATEGORIES}, in hierarchies`);
      }
      // 1,000 posts are far more than one page: the site's feeds must link the older items (RFC 5005 §3).
      for (const feed of discovered.withoutNext.filter((url) => !/\/(categories|tags|authors)\//.test(url))) {
        failures.push(`${feed}: links no next page, but the site has ${expected} articles`);
      }
    }
    // Filters and summaries must be checked in every format: RSS, Atom and JSON Feed each filtered and in summary.
    if (discovered.selections.length < 9) failures.push(`${running.origin}: only ${discovered.selections.length} filtered and summary feeds to check, expected at least 9`);
    // Every post of seeds/ and of the generator names its author (新浪财经): the author's feeds are checked too.
    if (mustAllPublish && discovered.authors.length === 0) failures.push(`${running.origin}/opml.xml: lists no author feed, but every post of ${name} names its author`);
    console.log(
      `[${name}] ${discovered.urls.length} feeds from /opml.xml, / and ${discovered.scopePages.length} category, tag and author pages ` +
        `(${discovered.categories.length} categories, ${discovered.authors.length} authors), ${discovered.selections.length} filtered and summary feeds; checking…`,
    );
    const check = await runCommand(
      PYTHON,
      ["scripts/check-feeds.py", "--quiet", "--require-entries", ...(validator ? [] : ["--no-validator"]), ...discovered.urls],
      { timeoutMilliseconds: 10 * MINUTE, echo: (chunk) => process.stdout.write(chunk) },
    );
    const checkedLine = /checked (\d+) feeds: (\d+) passed, (\d+) failed/.exec(check.output);
    if (!checkedLine || (check.code !== 0 && check.code !== 1)) throw new Error(`check-feeds.py exited with ${check.code}:\n${check.output}`);
    const feedFailures = readFailures(check.output);
    const outside = await checkWithOutsideParsers(name, discovered.urls, work);
    failures.push(...outside.problems);
    // The sitemaps against the sitemaps.org schema; every published post is in them.
    failures.push(...(await checkSitemaps(running.origin, work, mustAllPublish ? expected : Number(summary[1]))));
    console.log(`[${name}] done in ${Math.round((Date.now() - started) / 1000)} s`);
    return { name, checked: Number(checkedLine[1]), failed: Number(checkedLine[3]), parsedByFeedsmith: outside.parsedByFeedsmith, checkedByJing: outside.checkedByJing, failures: [...feedFailures, ...failures] };
  } catch (error) {
    failures.push(`${name}: ${(error as Error).message}`);
    return { name, checked: 0, failed: 0, parsedByFeedsmith: 0, checkedByJing: 0, failures };
  } finally {
    await running?.stop();
    running = undefined;
    await rm(work, { recursive: true, force: true });
    workFolder = undefined;
  }
}

/**
 * The checks that need no W3C validator and so run in CI too: every feed parsed by feedsmith, each JSON Feed
 * holding the items of the RSS and Atom of its scope and page (scripts/e2e/check-feeds-with-feedsmith.ts),
 * and every Atom document, those siblings included, valid against RFC 4287's RELAX NG schema with jing
 * (scripts/e2e/check-atom-schema.ts). A check that read nothing of a kind the site serves is a failure too.
 */
async function checkWithOutsideParsers(name: string, urls: readonly string[], work: string): Promise<{ problems: string[]; parsedByFeedsmith: number; checkedByJing: number }> {
  const read = createDocumentReader();
  const feedsmith = await checkFeedsWithFeedsmith(urls, read);
  const counts = Object.fromEntries(Object.entries(feedsmith.parsed).map(([kind, read]) => [kind, read.length]));
  const said = `${counts.rss} RSS, ${counts.atom} Atom, ${counts.json} JSON Feed and ${counts.opml} OPML documents`;
  console.log(`[${name}] feedsmith parsed ${said}: ${feedsmith.problems.length} problems`);
  const problems = [...feedsmith.problems];
  if (Object.values(counts).includes(0)) problems.push(`${name}: feedsmith parsed ${said}; expected some of each`);
  // Every Atom document feedsmith parsed: those discovered and the JSON Feeds' siblings.
  const documents = await Promise.all(feedsmith.parsed.atom.map(async (url) => ({ url, body: await read(url) })));
  const schemaFolder = join(work, "atom");
  await mkdir(schemaFolder, { recursive: true });
  const schemaProblems = await checkAtomSchema(documents, schemaFolder);
  console.log(`[${name}] jing checked ${documents.length} Atom documents against RFC 4287's RELAX NG schema: ${schemaProblems.length} messages`);
  if (documents.length === 0) problems.push(`${name}: no Atom document to check against RFC 4287's schema`);
  const parsedByFeedsmith = Object.values(feedsmith.parsed).reduce((sum, read) => sum + read.length, 0);
  return { problems: [...problems, ...schemaProblems], parsedByFeedsmith, checkedByJing: documents.length };
}

/**
 * The WebSub links of the site's subscription feeds (W3C WebSub §4): the hub in the body (RSS and Atom
 * `link rel="hub"`, JSON Feed `hubs`) and in a Link header with the self URL; one problem line per miss.
 */
async function checkHubLinks(origin: string): Promise<string[]> {
  const problems: string[] = [];
  for (const name of ["feed.xml", "atom.xml", "feed.json"]) {
    const url = `${origin}/${name}`;
    const response = await fetch(url);
    const body = await response.text();
    const named = name === "feed.json" ? body.includes(`"hubs":[{"type":"WebSub","url":"${E2E_HUB}"}]`) : new RegExp(`<(atom:)?link (href="${E2E_HUB}" rel="hub"|rel="hub" href="${E2E_HUB}")/>`).test(body);
    if (!named) problems.push(`${url}: does not name the hub ${E2E_HUB}`);
    if (response.headers.get("Link") !== `<${E2E_HUB}>; rel="hub", <${url}>; rel="self"`) problems.push(`${url}: Link header ${JSON.stringify(response.headers.get("Link"))}, expected the hub and the self URL`);
  }
  return problems;
}

/** `URL: reason; reason` for each FAIL block of check-feeds.py's output. */
function readFailures(output: string): string[] {
  const failures: string[] = [];
  let current: { url: string; reasons: string[] } | undefined;
  const flush = (): void => {
    if (current) failures.push(`${current.url}: ${current.reasons.join("; ")}`);
    current = undefined;
  };
  for (const line of output.split("\n")) {
    if (line.startsWith("FAIL ")) {
      flush();
      current = { url: line.slice(5).trim(), reasons: [] };
    } else if (current && line.startsWith("     ")) {
      // The checkers' own verdict lines ("xmllint: well-formed") are notes, not reasons.
      const text = line.trim();
      if (!/^(xmllint: well-formed|w3c validator \(AA\)|feedparser: version=|json feed 1\.1 checks|feedparser [\d.]+ cannot read|opml: \d+ outlines)/.test(text)) current.reasons.push(text);
    } else flush();
  }
  flush();
  return failures;
}

async function expectSuccess(what: string, result: { code: number | null; output: string }): Promise<void> {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code ?? "a timeout"}:\n${result.output.trim()}`);
}

/** What the checks need and this machine lacks, each with how to get it. */
async function findMissingTools(validator: boolean): Promise<string[]> {
  const missing: string[] = [];
  const feedparser = await runCommand(PYTHON, ["-c", "import feedparser"], { timeoutMilliseconds: MINUTE });
  if (feedparser.code !== 0) missing.push(`${PYTHON} cannot import feedparser: run scripts/install-test-tools.sh (python3-feedparser)`);
  const xmllint = await runCommand("sh", ["-c", "command -v xmllint"], { timeoutMilliseconds: MINUTE });
  if (xmllint.code !== 0) missing.push("xmllint: run scripts/install-test-tools.sh (libxml2-utils)");
  const jing = await runCommand("sh", ["-c", "command -v jing"], { timeoutMilliseconds: MINUTE });
  if (jing.code !== 0) missing.push("jing: run scripts/install-test-tools.sh (jing)");
  if (validator && !existsSync(join(VALIDATOR_DIR, "src", "feedvalidator", "__init__.py"))) {
    missing.push(`the W3C feed validator is not in ${VALIDATOR_DIR} (set FEEDVALIDATOR_DIR, or pass --no-validator): git clone https://github.com/w3c/feedvalidator ${VALIDATOR_DIR}`);
  }
  return missing;
}

// Ctrl-C or a CI timeout must not leave wrangler dev running.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void (running?.stop() ?? Promise.resolve())
      .then(() => (workFolder ? rm(workFolder, { recursive: true, force: true }) : undefined))
      .finally(() => process.exit(130));
  });
}

process.exitCode = await main();
