import { SINA_RULES } from "./sites/sina/sina-rules";
import { GENERIC_RULES, type SiteRules } from "./sites/site-rules";

/** Every site's rules; a post's source URL picks the first whose host matches. `generic` is for any other site. */
export const SITE_RULES: readonly SiteRules[] = [GENERIC_RULES, SINA_RULES];

/** The names the `SOURCE_SITE` setting may take, for its error message. */
export const SITE_NAMES: readonly string[] = SITE_RULES.map((rules) => rules.name);

/**
 * The rules for a post: those of the site whose host matches the source URL's host; for a post that names no
 * source, the rules `sourceSite` names (the `SOURCE_SITE` setting: a scraper's posts all come from one
 * site); the generic rules for any other site. Throws on a `sourceSite` no rules are named.
 */
export function siteRulesFor(sourceUrl: string | undefined, sourceSite = GENERIC_RULES.name): SiteRules {
  if (sourceUrl === undefined) {
    const named = SITE_RULES.find((rules) => rules.name === sourceSite);
    if (named === undefined) throw new Error(`no site rules are named ${JSON.stringify(sourceSite)} (known: ${SITE_NAMES.join(", ")})`);
    return named;
  }
  let host: string;
  try {
    host = new URL(sourceUrl).hostname.toLowerCase();
  } catch {
    return GENERIC_RULES;
  }
  const matches = (site: string): boolean => host === site || host.endsWith(`.${site}`);
  return SITE_RULES.find((rules) => rules.hosts.some(matches)) ?? GENERIC_RULES;
}
