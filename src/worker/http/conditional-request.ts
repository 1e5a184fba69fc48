import { parseHttpDate } from "./http-date";

/** What a response is validated by: its quoted entity tag and, when known, its Last-Modified HTTP-date. */
export interface Validators {
  /** A strong entity tag, quoted: `"3f2a…"`. */
  etag: string;
  lastModified?: string;
}

/**
 * Whether a GET or HEAD with these headers should be answered 304 Not Modified, following RFC 9110
 * §13.2.2: If-None-Match decides when present (If-Modified-Since is then ignored); otherwise
 * If-Modified-Since does. Malformed fields are ignored, never an error.
 */
export function isNotModified(headers: Headers, validators: Validators): boolean {
  const ifNoneMatch = headers.get("If-None-Match");
  if (ifNoneMatch !== null) {
    const tags = parseEntityTags(ifNoneMatch);
    if (tags !== undefined) {
      // §13.1.2: "A recipient MUST use the weak comparison function when comparing entity tags for
      // If-None-Match"; `*` matches any current representation, and one always exists here.
      return tags === "*" || tags.includes(opaqueTag(validators.etag));
    }
  }
  const ifModifiedSince = headers.get("If-Modified-Since");
  if (ifModifiedSince === null || validators.lastModified === undefined) return false;
  // §13.1.3: "A recipient MUST ignore the If-Modified-Since header field if the received field value is
  // not a valid HTTP-date, or if the field value has more than one member".
  const since = parseHttpDate(ifModifiedSince);
  const modified = parseHttpDate(validators.lastModified);
  if (since === undefined || modified === undefined) return false;
  return modified <= since;
}

/**
 * The opaque tags of an If-None-Match list (`W/` prefixes dropped, as weak comparison does), `*`, or
 * undefined when nothing in it is an entity tag. Unquoted tags, which some clients send, are accepted.
 */
function parseEntityTags(field: string): string[] | "*" | undefined {
  if (field.trim() === "*") return "*";
  const tags: string[] = [];
  for (const member of field.split(",")) {
    const text = member.trim().replace(/^W\//i, "");
    if (text === "") continue;
    const quoted = /^"([^"]*)"$/.exec(text);
    if (quoted) tags.push(quoted[1]!);
    else if (/^[\x21\x23-\x7e]+$/.test(text)) tags.push(text);
  }
  return tags.length > 0 ? tags : undefined;
}

function opaqueTag(etag: string): string {
  return etag.replace(/^W\//, "").replace(/^"|"$/g, "");
}
