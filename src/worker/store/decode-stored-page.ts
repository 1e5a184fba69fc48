import { HEAD_REST_SEPARATOR, hasWideLead } from "../../model/feed-page";
import { decodeLeadingItems } from "./decode-leading-items";
import { decodeStoredValue, isGzip } from "./decode-stored-value";

const decoder = new TextDecoder();
const wideDecoder = new TextDecoder("utf-16le");

/**
 * A stored page's JSON, parsed, from the bytes KV holds, in any layout a publish wrote: a head of format 4 or 5
 * (HEAD_LEAD_ITEMS: plain JSON of its newest items, UTF-8 or UTF-16LE, then a newline and the rest compressed), or
 * a whole page compressed or plain (every archive; heads before format 4). With `leadingItems`, possibly only the
 * first that many items (all of them when it has fewer): such a head's lead is then parsed without inflating anything
 * when it holds enough, and a compressed page or rest is inflated no further than those (decodeLeadingItems).
 * What comes back is the caller's to check; bytes that are not JSON nor compressed JSON throw.
 */
export async function decodeStoredPage(bytes: Uint8Array, leadingItems?: number): Promise<unknown> {
  if (hasWideLead(bytes)) return decodeWideHead(bytes, leadingItems);
  // A compressed value starts with gzip's magic bytes and a head with `{`; JSON.stringify writes no newline.
  const separator = isGzip(bytes) ? -1 : bytes.indexOf(HEAD_REST_SEPARATOR);
  if (separator < 0) {
    if (leadingItems !== undefined && isGzip(bytes)) {
      const leading = JSON.parse(await decodeLeadingItems(bytes, leadingItems)) as unknown;
      // Only keys after `items` are missed by a partial read (the planner writes kind and name first).
      if (isPage(leading) && "kind" in leading) return leading;
    }
    return JSON.parse(await decodeStoredValue(bytes));
  }
  return withRest(JSON.parse(decoder.decode(bytes.subarray(0, separator))), bytes.subarray(separator + 1), leadingItems);
}

/** A head whose lead is UTF-16LE (format 5): the lead up to the code unit HEAD_REST_SEPARATOR, then the rest as in UTF-8. */
async function decodeWideHead(bytes: Uint8Array, leadingItems: number | undefined): Promise<unknown> {
  // Code units are read in place when the bytes start at an even offset (KV's own buffers do).
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const separator = new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1).indexOf(HEAD_REST_SEPARATOR);
  if (separator < 0) return JSON.parse(wideDecoder.decode(aligned)) as unknown;
  return withRest(JSON.parse(wideDecoder.decode(aligned.subarray(0, separator * 2))), aligned.subarray(separator * 2 + 2), leadingItems);
}

/** A head's parsed lead, followed by as much of its rest (`restBytes`, compressed or plain) as `leadingItems` needs. */
async function withRest(lead: unknown, restBytes: Uint8Array, leadingItems: number | undefined): Promise<unknown> {
  if (!isPage(lead) || (leadingItems !== undefined && lead.items.length >= leadingItems)) return lead;
  const restText = leadingItems !== undefined && isGzip(restBytes) ? await decodeLeadingItems(restBytes, leadingItems - lead.items.length) : await decodeStoredValue(restBytes);
  const rest = JSON.parse(restText) as unknown;
  if (!isPage(rest)) throw new SyntaxError("a head's rest without an items array");
  return { ...lead, items: [...lead.items, ...rest.items] };
}

function isPage(value: unknown): value is { items: unknown[] } {
  return typeof value === "object" && value !== null && Array.isArray((value as { items?: unknown }).items);
}
