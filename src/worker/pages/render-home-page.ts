import type { ArticleSummary, Manifest } from "../../model/manifest";
import { scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { escapeHtml } from "./escape-html";
import { feedAlternates } from "./feed-alternates";
import { renderArticleList } from "./render-article-list";
import { renderCategoryTree } from "./render-category-tree";
import { renderFeedLinks, renderPageShell } from "./render-page-shell";

/** What the home page shows. */
export interface HomePageInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  manifest: Pick<Manifest, "categories" | "tags">;
  /** The newest articles, newest first. */
  newest: readonly ArticleSummary[];
  /** Articles on the whole site. */
  total: number;
}

/** Renders the home page: the site's feeds (with autodiscovery), the category tree with counts and feeds, tags, the newest articles. Pure. */
export function renderHomePage({ config, base, manifest, newest, total }: HomePageInput): string {
  const site = { kind: "site" as const };
  const feeds = feedAlternates(base, site);
  const parts = [`<h1>${escapeHtml(config.title)}</h1>`];
  if (config.description) parts.push(`<p>${escapeHtml(config.description)}</p>`);
  parts.push(`<p>${total} articles. Feeds: ${renderFeedLinks(feeds)} · <a href="${escapeHtml(`${base}/opml.xml`)}">OPML (every feed)</a></p>`);
  if (manifest.categories.length > 0) parts.push(`<h2>Categories</h2>`, renderCategoryTree(manifest.categories, base));
  if (manifest.tags.length > 0) {
    const tags = manifest.tags.map(
      (tag) => `<li><a href="${escapeHtml(`${base}${scopePath({ kind: "tag", name: tag.name })}`)}">#${escapeHtml(tag.name)}</a> (${tag.total})</li>`,
    );
    parts.push(`<h2>Tags</h2>`, `<ul>\n${tags.join("\n")}\n</ul>`);
  }
  parts.push(`<h2>Newest articles</h2>`, renderArticleList(newest, base, config.timeZone, config.language));
  return renderPageShell({
    title: config.title,
    language: config.language,
    siteTitle: config.title,
    homeUrl: `${base}/`,
    alternates: [{ feeds, title: scopeTitle(site, config.title) }],
    mainHtml: parts.join("\n"),
  });
}
