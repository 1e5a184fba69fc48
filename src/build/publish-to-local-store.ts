import { join } from "node:path";
import type { Article } from "../model/article";
import { hashParts } from "./hash-parts";
import { planGeneration } from "./plan-generation";
import { createProgress, type ProgressStream } from "./progress";
import { createLocalStore } from "./publish/create-local-store";
import { formatPublishReport } from "./publish/format-publish-report";
import { publishGeneration } from "./publish/publish-generation";

/**
 * Publishes a build's articles to the local KV store `wrangler dev` reads, through the same incremental,
 * pointer-last publish as `npm run publish`; returns the report line. `persistTo` is the folder
 * `wrangler dev --persist-to DIR` takes (the data lives in DIR/v3); default `.wrangler/state`. `force`
 * publishes even when the build drops more than 20% of the live articles.
 */
export async function publishToLocalStore(
  articles: readonly Article[],
  stream: ProgressStream,
  options: { persistTo?: string; force?: boolean } = {},
): Promise<string> {
  const { persistTo, force = false } = options;
  const plan = planGeneration(articles, hashParts);
  // The same meaning as `npm run publish -- --persist-to DIR`: wrangler keeps its state in DIR/v3.
  const store = await createLocalStore(persistTo === undefined ? {} : { persistPath: join(persistTo, "v3") });
  try {
    const report = await publishGeneration(plan, store, {
      force,
      progress: (label, total) => createProgress({ label, total, stream }),
    });
    return formatPublishReport(report, `local store ${store.persistPath}`);
  } finally {
    await store.dispose();
  }
}
