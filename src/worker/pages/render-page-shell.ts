import { escapeHtml } from "./escape-html";
import type { FeedAlternate } from "./feed-alternates";

/** What every HTML page shares: its title, language, feed autodiscovery links and body. */
export interface PageShell {
  title: string;
  /** BCP 47, for `<html lang>`. */
  language: string;
  /** Site title and home URL for the header. */
  siteTitle: string;
  homeUrl: string;
  /** Feeds for `<link rel="alternate">` autodiscovery; each gets a title like `RSS · 金融`. */
  alternates: { feeds: FeedAlternate[]; title: string }[];
  /** Already-escaped HTML for `<main>`. */
  mainHtml: string;
}

/** Wraps a page's main HTML in a minimal, valid HTML5 document with autodiscovery links. */
export function renderPageShell(shell: PageShell): string {
  const links = shell.alternates
    .flatMap(({ feeds, title }) =>
      feeds.map((feed) => `<link rel="alternate" type="${feed.type}" title="${escapeHtml(`${title} (${feed.label})`)}" href="${escapeHtml(feed.href)}">`),
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(shell.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(shell.title)}</title>
${links}
</head>
<body>
<header><a href="${escapeHtml(shell.homeUrl)}">${escapeHtml(shell.siteTitle)}</a></header>
<main>
${shell.mainHtml}
</main>
</body>
</html>
`;
}

/** The feed links of a scope as a short inline list (`RSS · Atom · JSON Feed`). */
export function renderFeedLinks(feeds: FeedAlternate[]): string {
  return feeds.map((feed) => `<a href="${escapeHtml(feed.href)}" type="${feed.type}">${feed.label}</a>`).join(" · ");
}
