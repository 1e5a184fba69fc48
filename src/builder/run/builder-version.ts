import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { readSourceClosure } from "./source-closure";
import { extensionOf } from "./typescript-exec-argv";

/**
 * Packages whose code decides what a post becomes, each with the package it is resolved from (js-yaml is
 * the one gray-matter loads): a new version of any may change the output. htmlparser2 parses the bodies
 * (parseHtmlTree); linkedom is no longer on the build's path, only the tests' reference.
 */
const OUTPUT_PACKAGES: [name: string, from?: string][] = [["gray-matter"], ["marked"], ["js-yaml", "gray-matter"], ["htmlparser2"]];

/** Bump to drop every cached build result when the cache's own format changes. */
const CACHE_FORMAT = 1;

/** The module that turns a post file's bytes into an article; the builder's version is what it runs. */
const BUILD_ARTICLE = new URL(`../article/build-article${extensionOf(import.meta.url)}`, import.meta.url);

/**
 * A fingerprint of everything that turns a post file into an article: the source buildArticle runs (its
 * imports, transitively), the versions of the parsing libraries, Node's ICU and time zone data (dates, NFC,
 * grapheme breaks). Any change to it gives a different string, so cached build results are never served
 * by a builder that would build them differently; code that does not shape an article (progress, the
 * publisher, the cache itself) leaves it as it is.
 */
export async function builderVersion(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`cache format ${CACHE_FORMAT}\n`);
  for (const { path, bytes } of await readSourceClosure(BUILD_ARTICLE)) {
    hash.update(`${path}\n`);
    hash.update(bytes);
  }
  const require = createRequire(import.meta.url);
  for (const [name, from] of OUTPUT_PACKAGES) {
    let version = "absent";
    try {
      version = packageVersion(name, from === undefined ? require : createRequire(require.resolve(from)));
    } catch {
      // Not installed (or no package.json export): the name alone still goes into the fingerprint.
    }
    hash.update(`${name}@${version}\n`);
  }
  const { node, icu, tz, unicode } = process.versions;
  hash.update(`node ${node} icu ${icu} tz ${tz} unicode ${unicode}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** A package's version from its package.json, found where `requireFrom` would look (some packages do not export it). */
function packageVersion(name: string, requireFrom: NodeRequire): string {
  for (const folder of requireFrom.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(join(folder, name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      // Not in this node_modules; try the next one up.
    }
  }
  return "absent";
}
