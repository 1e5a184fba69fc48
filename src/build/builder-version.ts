import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Packages whose code decides what a post becomes: a new version of any of them may change the output. */
const OUTPUT_PACKAGES = ["linkedom", "gray-matter", "js-yaml", "htmlparser2"];

/** Bump to drop every cached build result when the cache's own format changes. */
const CACHE_FORMAT = 1;

/**
 * A fingerprint of everything that turns a post file into an article: the source of src/build and
 * src/model, the versions of the parsing libraries, Node's ICU and time zone data (dates, NFC,
 * grapheme breaks). Any change to it gives a different string, so cached build results are never
 * served by a builder that would build them differently.
 */
export async function builderVersion(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`cache format ${CACHE_FORMAT}\n`);
  const buildFolder = dirname(fileURLToPath(import.meta.url));
  for (const folder of [buildFolder, join(buildFolder, "..", "model")]) {
    for (const file of await listSourceFiles(folder)) {
      hash.update(`${file.slice(buildFolder.length)}\n`);
      hash.update(await readFile(file));
    }
  }
  const require = createRequire(import.meta.url);
  for (const name of OUTPUT_PACKAGES) {
    let version = "absent";
    try {
      version = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      // Not installed (or no package.json export): the name alone still goes into the fingerprint.
    }
    hash.update(`${name}@${version}\n`);
  }
  const { node, icu, tz, unicode } = process.versions;
  hash.update(`node ${node} icu ${icu} tz ${tz} unicode ${unicode}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** Every .ts and .js file under a folder, recursively, in a fixed order. */
async function listSourceFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await listSourceFiles(path)));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) found.push(path);
  }
  return found;
}
