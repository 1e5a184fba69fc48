import { createHash } from "node:crypto";

/** Scraper file names: `000_8f6629c53df7089d.txt` is a sequence number and the article's hash. */
const NUMBERED_HASH = /^\d+_([0-9a-f]{6,})$/i;

/**
 * Characters that must not appear in an id, which ends up in URLs and XML: everything but letters, marks and
 * digits of any script, and the hyphen. Non-ASCII letters are kept (as NFC) so `新浪财经.md` stays readable;
 * ASCII punctuation, spaces and symbols become hyphen separators.
 */
const NOT_ID_CHARACTER = /[^\p{L}\p{M}\p{N}-]+/gu;

/**
 * The stable article id of a post file, from its name alone (never its content or position):
 * `000_8f6629c53df7089d.txt` → `8f6629c53df7089d`; any other name → a slug of its stem (ASCII lowercased,
 * runs of other characters turned into one hyphen); a name with nothing usable → `post-` and 12 hex digits
 * of the SHA-256 of the file name. Ids of files in different folders with the same name are equal:
 * the build checks uniqueness across files.
 */
export function articleIdFromPath(path: string): string {
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const stem = fileName.includes(".") && !fileName.startsWith(".") ? fileName.slice(0, fileName.lastIndexOf(".")) : fileName;
  const numbered = NUMBERED_HASH.exec(stem);
  if (numbered?.[1] !== undefined) return numbered[1].toLowerCase();
  const slug = stem
    .normalize("NFC")
    .replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
    .replace(NOT_ID_CHARACTER, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
  if (slug !== "") return slug;
  return `post-${createHash("sha256").update(fileName).digest("hex").slice(0, 12)}`;
}
