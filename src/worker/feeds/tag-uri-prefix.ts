import type { SiteConfig } from "../../model/site-config";

// The year the default tagging entity names. RFC 4151 §2.1: the date is one at which the authority name
// was held; for a host a request reached, the year this scheme began is a date every such host can claim.
const DEFAULT_TAG_YEAR = "2026";

/**
 * The `tag:` URI prefix (RFC 4151) items' and feeds' ids start with when they are not URLs: `SITE_ID`'s
 * tagging entity when set, else one made of the host the request reached, so no two deployments share ids.
 */
export function tagUriPrefix(config: SiteConfig, base: string): string {
  if (config.siteId !== "") return `tag:${config.siteId}:`;
  // URL.hostname is lowercase and punycoded; an IPv6 literal ([::1]) is no DNS name (RFC 4151 §2.1), so
  // its brackets and colons become hyphens.
  const host = new URL(base).hostname.replace(/[^a-z0-9.-]/g, "-").replace(/^-+|-+$/g, "") || "localhost";
  return `tag:${host},${DEFAULT_TAG_YEAR}:`;
}
