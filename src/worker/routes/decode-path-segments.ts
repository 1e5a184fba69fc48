import { StatusError } from "itty-router";
import { normalizeName } from "../../model/scope";

/**
 * Splits a percent-encoded path remainder (`%E9%87%91%E8%9E%8D/feed.xml`) at `/` and decodes each
 * segment as UTF-8; 400 naming the segment when its percent-encoding is malformed. Names come back
 * as `normalizeName` gives them (NFC, trimmed), so every encoding of a name finds the same scope.
 */
export function decodePathSegments(remainder: string): string[] {
  return remainder.split("/").map((segment) => {
    try {
      return normalizeName(decodeURIComponent(segment));
    } catch {
      throw new StatusError(
        400,
        `The path segment "${segment}" is not valid percent-encoded UTF-8. Encode names with encodeURIComponent (UTF-8), e.g. /categories/%E9%87%91%E8%9E%8D/feed.xml.`,
      );
    }
  });
}
