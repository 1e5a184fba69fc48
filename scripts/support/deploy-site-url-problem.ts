import type { SiteConfig } from "../../src/model/site-config";

/** The flag of `npm run deploy` that deploys with an empty SITE_URL all the same. */
export const ALLOW_EMPTY_SITE_URL = "--allow-empty-site-url";

/**
 * Why `npm run deploy` must not go ahead with these settings, or undefined when it may: an empty `SITE_URL`
 * makes links, and without `SITE_ID` ids too, follow whichever host a request reached.
 */
export function deploySiteUrlProblem(config: SiteConfig, argv: readonly string[]): string | undefined {
  if (config.url !== "" || argv.includes(ALLOW_EMPTY_SITE_URL)) return undefined;
  // Readers tell items apart by their ids (RSS guid, Atom id, JSON Feed id): new ids show every item again
  // as unread, so what the ids hang on must be settled before the first subscriber.
  const ids =
    config.siteId === ""
      ? "Without it (and without SITE_ID) every item's id is a tag: URI under the host the request reached, so ids change, and readers show every item again as new, the day the site moves from workers.dev to its own domain."
      : `Ids stay under SITE_ID (${config.siteId}), but links in the feeds will name whichever host a request reached.`;
  return `deploy: SITE_URL is empty in wrangler.toml [vars]. Set it to the site's public URL (e.g. https://news.example.com) before anyone subscribes. ${ids} To deploy all the same (a trial on workers.dev), run npm run deploy -- ${ALLOW_EMPTY_SITE_URL}.`;
}
