import type { Manifest } from "../../model/manifest";
import { hashParts } from "../plan/hash-parts";
import { openArticleSources, type SavedArticle } from "../plan/open-article-sources";
import { compressStoredValue } from "../plan/compress-stored-value";
import { planArticles } from "../plan/plan-generation";
import { createProgress, type ProgressStream } from "../report/progress";
import { readSiteConfigFile } from "../run/read-site-config-file";
import { announcePublish } from "../websub/announce-publish";
import { formatPublishReport } from "./format-publish-report";
import { publishGeneration } from "./publish-generation";
import { openLocalStore } from "./open-local-store";

export { openLocalStore };
import type { LocalKvStore } from "./stores/create-local-store";

/**
 * Publishes a build's saved articles (`.build/articles.ndjson`) to the local KV store `wrangler dev` reads, through the same incremental,
 * pointer-last publish as `npm run publish`; returns the report line. `persistTo` is the folder
 * `wrangler dev --persist-to DIR` takes (the data lives in DIR/v3); default `.wrangler/state`. `force`
 * publishes even when the build drops more than 20% of the live articles; `saved`, from the build that
 * wrote the file, spares reading it back. With WEBSUB_HUB set in `configPath`'s `[vars]` (default
 * wrangler.toml), the hub is pinged for the feeds that changed once `wrangler dev` serves them, unless
 * `ping` is false (`--no-ping`).
 */
export async function publishToLocalStore(
  articlesFile: string,
  stream: ProgressStream,
  options: { persistTo?: string; force?: boolean; saved?: readonly SavedArticle[]; store?: Promise<LocalKvStore>; ping?: boolean; configPath?: string } = {},
): Promise<string> {
  const { persistTo, force = false, saved } = options;
  // Read first: a bad WEBSUB_HUB stops the publish before it writes anything.
  const site = await readSiteConfigFile(options.configPath ?? "wrangler.toml").catch(async (error: unknown) => {
    await (await options.store?.catch(() => undefined))?.dispose();
    throw error;
  });
  // Started before planning (or, by openLocalStore, before the build), so workerd's start is not waited for.
  const opening = options.store ?? openLocalStore(persistTo);
  let sources: Awaited<ReturnType<typeof openArticleSources>> | undefined;
  let summary: string;
  let announce: { before: Manifest | undefined; after: Manifest; liveAt: Date | undefined };
  try {
    sources = await openArticleSources(articlesFile, hashParts, saved);
    const plan = planArticles(sources.articles, hashParts, sources.site, { encodeValue: compressStoredValue });
    const store = await opening;
    const report = await publishGeneration(plan, store, {
      force,
      progress: (label, total) => createProgress({ label, total, stream }),
    });
    summary = formatPublishReport(report, `local store ${store.persistPath}`);
    announce = { before: report.liveBefore, after: plan.manifest, liveAt: report.liveAt === undefined ? undefined : new Date(report.liveAt) };
  } finally {
    await (await opening.catch(() => undefined))?.dispose();
    await sources?.close();
  }
  if (options.ping === false) return site.websubHub === "" ? summary : `${summary}\n  WebSub: --no-ping, ${site.websubHub} not pinged`;
  // Once the store is closed; the ping waits until `wrangler dev`'s isolate lets go of the old pointer.
  const lines = await announcePublish({ config: site, ...announce, store: "local", log: (line) => stream.write(line) });
  return [summary, ...lines].join("\n");
}
