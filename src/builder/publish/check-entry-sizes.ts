import { kvKeyProblem, kvValueSizeProblem } from "../../model/kv-limits";
import type { Manifest } from "../../model/manifest";
import { scopeId } from "../../model/scope";
import type { PlannedEntry } from "../plan/plan-generation";
import { PublishError } from "../report/publish-error";

/**
 * Checks every key and value against KV's limits before anything is written, and throws one PublishError
 * naming each entry that does not fit (the page's scope and number, or the article's id and title).
 * Returns the total bytes of the values, for the report. Sizes come from the plan: a value is built only
 * to name an entry that does not fit, so checking 100,000 articles and their pages builds none of them.
 */
export function checkEntrySizes(entries: readonly PlannedEntry[], manifest: Manifest): number {
  const problems: string[] = [];
  let totalBytes = 0;
  for (const entry of entries) {
    const keyProblem = kvKeyProblem(entry.key);
    if (keyProblem) problems.push(`key ${JSON.stringify(entry.key.slice(0, 80))}…: ${keyProblem}`);
    totalBytes += entry.bytes;
    const valueProblem = kvValueSizeProblem(entry.bytes);
    if (valueProblem) problems.push(`${describeEntry(entry.key, entry.value(), manifest)}: ${valueProblem}`);
  }
  if (problems.length > 0) {
    throw new PublishError(
      `nothing was written: ${problems.length} ${problems.length === 1 ? "entry does" : "entries do"} not fit in Workers KV\n  ${problems.join("\n  ")}\n` +
        "(the build should refuse articles over the limit articleSizeProblem() reports)",
    );
  }
  return totalBytes;
}

/** A human name for a content-addressed entry: which article, or which page of which feed. */
function describeEntry(key: string, value: string | Uint8Array, manifest: Manifest): string {
  const [kind, hash] = key.split(":");
  if (kind === "article" && typeof value === "string") {
    const article = JSON.parse(value) as { id?: string; title?: string };
    return `article ${article.id} (${JSON.stringify(article.title)})`;
  }
  if (kind === "page") {
    for (const entry of Object.values(manifest.scopes)) {
      if (entry.head === hash) return `the newest page of ${scopeId(entry.scope)} (${entry.total} articles)`;
      const archive = entry.archives.find((candidate) => candidate[1] === hash);
      if (archive !== undefined) return `archive page ${archive[0]} of ${scopeId(entry.scope)}`;
    }
  }
  if (kind === "manifest") return "the manifest (it lists every category and tag)";
  return key;
}
