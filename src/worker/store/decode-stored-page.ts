import { HEAD_REST_SEPARATOR } from "../../model/feed-page";
import { decodeLeadingItems } from "./decode-leading-items";
import { decodeStoredValue, isGzip } from "./decode-stored-value";

const decoder = new TextDecoder();

/**
 * A stored page's JSON, parsed, from the bytes KV holds, in any layout a publish wrote: a head of format 4
 * (HEAD_LEAD_ITEMS: plain JSON of its newest items, then a newline and the rest compressed), or a whole page
 * compressed or plain (every archive; heads before format 4). With `leadingItems`, possibly only the first that
 * many items (all of them when it has fewer): a format-4 head's lead is then parsed without inflating anything
 * when it holds enough, and a compressed page or rest is inflated no further than those (decodeLeadingItems).
 * What comes back is the caller's to check; bytes that are not JSON nor compressed JSON throw.
 */
export async function decodeStoredPage(bytes: Uint8Array, leadingItems?: number): Promise<unknown> {
  // A compressed value starts with gzip's magic bytes and a format-4 head with `{`; JSON.stringify writes no newline.
  const separator = isGzip(bytes) ? -1 : bytes.indexOf(HEAD_REST_SEPARATOR);
  if (separator < 0) {
    if (leadingItems !== undefined && isGzip(bytes)) {
      const leading = JSON.parse(await decodeLeadingItems(bytes, leadingItems)) as unknown;
      // Only keys after `items` are missed by a partial read (the planner writes kind and name first).
      if (isPage(leading) && "kind" in leading) return leading;
    }
    return JSON.parse(await decodeStoredValue(bytes));
  }
  const lead = JSON.parse(decoder.decode(bytes.subarray(0, separator))) as unknown;
  if (!isPage(lead) || (leadingItems !== undefined && lead.items.length >= leadingItems)) return lead;
  const restBytes = bytes.subarray(separator + 1);
  const restText = leadingItems !== undefined && isGzip(restBytes) ? await decodeLeadingItems(restBytes, leadingItems - lead.items.length) : await decodeStoredValue(restBytes);
  const rest = JSON.parse(restText) as unknown;
  if (!isPage(rest)) throw new SyntaxError("a head's rest without an items array");
  return { ...lead, items: [...lead.items, ...rest.items] };
}

function isPage(value: unknown): value is { items: unknown[] } {
  return typeof value === "object" && value !== null && Array.isArray((value as { items?: unknown }).items);
}
