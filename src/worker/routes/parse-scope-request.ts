import { StatusError } from "itty-router";
import { type FeedFormat, formatOfFileName } from "../../model/feed-format";
import type { Scope } from "../../model/scope";
import { decodePathSegments } from "./decode-path-segments";

/** What a path under `/categories/` or `/tags/` asks for: a scope's feed, its HTML page, or the page's URL with the slash it lacks. */
export type ScopeRequest =
  | { target: "feed"; scope: Scope; format: FeedFormat }
  | { target: "page"; scope: Scope }
  | { target: "add-slash"; scope: Scope };

/**
 * Parses the percent-encoded rest of a scope path (`金融/新浪财经/feed.xml`, `金融/`, `x/atom.xml`)
 * into a scope and what is wanted of it; 400 for bad encoding, 404 when it names no scope at all.
 */
export function parseScopeRequest(kind: "category" | "tag", remainder: string): ScopeRequest {
  const segments = decodePathSegments(remainder);
  const last = segments.pop()!;
  const format = formatOfFileName(last);
  const names = format !== undefined || last === "" ? segments : [...segments, last];
  const prefix = kind === "category" ? "/categories/" : "/tags/";
  if (names.length === 0 || names.some((name) => name === "")) {
    throw new StatusError(404, `${prefix}${remainder} names no ${kind}: ${kind === "category" ? "use /categories/<name>/<name>/…/" : "use /tags/<name>/"}. The home page / lists them all, and /opml.xml lists every feed.`);
  }
  if (kind === "tag" && names.length > 1) {
    throw new StatusError(404, `${prefix}${remainder}: a tag is a single name (/tags/<name>/ or /tags/<name>/feed.xml). The home page / lists the tags.`);
  }
  const scope: Scope = kind === "category" ? { kind, path: names } : { kind, name: names[0]! };
  if (format !== undefined) return { target: "feed", scope, format };
  return last === "" ? { target: "page", scope } : { target: "add-slash", scope };
}
