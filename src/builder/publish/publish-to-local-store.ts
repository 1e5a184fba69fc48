import { join } from "node:path";
import { hashParts } from "../plan/hash-parts";
import { openArticleSources, type SavedArticle } from "../plan/open-article-sources";
import { compressStoredValue } from "../plan/compress-stored-value";
import { planArticles } from "../plan/plan-generation";
import { createProgress, type ProgressStream } from "../report/progress";
import { formatPublishReport } from "./format-publish-report";
import { publishGeneration } from "./publish-generation";
import { createLocalStore, type LocalKvStore } from "./stores/create-local-store";

/**
 * Publishes a build's saved articles (`.build/articles.ndjson`) to the local KV store `wrangler dev` reads, through the same incremental,
 * pointer-last publish as `npm run publish`; returns the report line. `persistTo` is the folder
 * `wrangler dev --persist-to DIR` takes (the data lives in DIR/v3); default `.wrangler/state`. `force`
 * publishes even when the build drops more than 20% of the live articles; `saved`, from the build that
 * wrote the file, spares reading it back.
 */
export async function publishToLocalStore(
  articlesFile: string,
  stream: ProgressStream,
  options: { persistTo?: string; force?: boolean; saved?: readonly SavedArticle[]; store?: Promise<LocalKvStore> } = {},
): Promise<string> {
  const { persistTo, force = false, saved } = options;
  // Started before planning (or, by openLocalStore, before the build), so workerd's start is not waited for.
  const opening = options.store ?? openLocalStore(persistTo);
  let sources: Awaited<ReturnType<typeof openArticleSources>> | undefined;
  try {
    sources = await openArticleSources(articlesFile, hashParts, saved);
    const plan = planArticles(sources.articles, hashParts, sources.site, { encodeValue: compressStoredValue });
    const store = await opening;
    const report = await publishGeneration(plan, store, {
      force,
      progress: (label, total) => createProgress({ label, total, stream }),
    });
    return formatPublishReport(report, `local store ${store.persistPath}`);
  } finally {
    await (await opening.catch(() => undefined))?.dispose();
    await sources?.close();
  }
}

/**
 * Opens the local store `publishToLocalStore` writes (`persistTo` as `wrangler dev --persist-to DIR` takes it;
 * default `.wrangler/state`). `npm run build` opens it while the build runs in its child process, so the
 * ~0.7 s of workerd's start is spent while the publisher would only wait.
 */
export function openLocalStore(persistTo: string | undefined): Promise<LocalKvStore> {
  // The same meaning as `npm run publish -- --persist-to DIR`: wrangler keeps its state in DIR/v3.
  return createLocalStore(persistTo === undefined ? {} : { persistPath: join(persistTo, "v3") });
}
