import { StatusError } from "itty-router";
import { type FeedFormat, formatOfFileName } from "../../model/feed-format";
import type { Scope } from "../../model/scope";
import { decodePathSegments } from "./decode-path-segments";

/** Where each kind of scope lives on the site (scopePath's prefixes). */
const SCOPE_PREFIXES = { category: "/categories/", tag: "/tags/", author: "/authors/" } as const;

/** What a path under `/categories/`, `/tags/` or `/authors/` asks for: a scope's feed, its HTML page, or the page's URL with the slash it lacks. */
export type ScopeRequest =
  | { target: "feed"; scope: Scope; format: FeedFormat }
  | { target: "page"; scope: Scope }
  | { target: "add-slash"; scope: Scope };

/**
 * Parses the percent-encoded rest of a scope path (`金融/新浪财经/feed.xml`, `金融/`, `x/atom.xml`)
 * into a scope and what is wanted of it; 400 for bad encoding, 404 when it names no scope at all.
 */
export function parseScopeRequest(kind: Exclude<Scope["kind"], "site">, remainder: string): ScopeRequest {
  const segments = decodePathSegments(remainder);
  const last = segments.pop()!;
  const format = formatOfFileName(last);
  const names = format !== undefined || last === "" ? segments : [...segments, last];
  const prefix = SCOPE_PREFIXES[kind];
  if (names.length === 0 || names.some((name) => name === "")) {
    throw new StatusError(404, `${prefix}${remainder} names no ${kind}: ${kind === "category" ? "use /categories/<name>/<name>/…/" : `use ${prefix}<name>/`}. The home page / lists them all, and /opml.xml lists every feed.`);
  }
  if (kind !== "category" && names.length > 1) {
    // A name with a slash in it is one segment, its slash percent-encoded (%2F), as the site's own links write it.
    throw new StatusError(404, `${prefix}${remainder}: ${kind === "tag" ? "a tag" : "an author"} is a single name (${prefix}<name>/ or ${prefix}<name>/feed.xml). The home page / lists the ${kind === "tag" ? "tags" : "authors"}.`);
  }
  const scope: Scope = kind === "category" ? { kind, path: names } : { kind, name: names[0]! };
  if (format !== undefined) return { target: "feed", scope, format };
  return last === "" ? { target: "page", scope } : { target: "add-slash", scope };
}
