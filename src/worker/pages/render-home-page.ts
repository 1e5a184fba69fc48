import type { ArticleSummary, Manifest } from "../../model/manifest";
import { scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { escapeHtml } from "./escape-html";
import { feedAlternates } from "./feed-alternates";
import { pageText } from "./page-text";
import { renderArticleList } from "./render-article-list";
import { renderCategoryTree } from "./render-category-tree";
import { renderFeedLinks } from "./render-feed-links";
import { renderPageShell } from "./render-page-shell";
import { renderSubscribeBlock } from "./render-subscribe-block";

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

/**
 * Renders the home page: the site's title and description, its feeds (with autodiscovery), the newest
 * articles, the category tree with counts and feeds, the tags, and a subscribe box. Pure.
 */
export function renderHomePage({ config, base, manifest, newest, total }: HomePageInput): string {
  const text = pageText(config.language);
  const site = { kind: "site" as const };
  const feeds = feedAlternates(base, site);
  const parts = [`<h1>${escapeHtml(config.title)}</h1>`];
  if (config.description) parts.push(`<p class="lede">${escapeHtml(config.description)}</p>`);
  parts.push(`<p class="meta"><span class="count">${escapeHtml(text.articleCount(total))}</span></p>`);
  parts.push(renderFeedLinks(feeds, { label: text.feeds }));
  // Wide screens put the categories beside the newest articles; phones read them after.
  const aside: string[] = [];
  if (manifest.categories.length > 0) {
    aside.push(`<h2>${escapeHtml(text.categories)}</h2>`, renderCategoryTree(manifest.categories, base, config.language));
  }
  if (manifest.tags.length > 0) {
    const tags = manifest.tags.map(
      (tag) =>
        `<li><a href="${escapeHtml(`${base}${scopePath({ kind: "tag", name: tag.name })}`)}">#${escapeHtml(tag.name)}</a> ` +
        `<span class="count">${tag.total}</span></li>`,
    );
    aside.push(`<h2>${escapeHtml(text.tags)}</h2>`, `<ul class="tag-list">\n${tags.join("\n")}\n</ul>`);
  }
  aside.push(renderSubscribeBlock(feeds, base, config.language));
  parts.push(
    `<div class="columns">\n<section class="primary">`,
    `<h2>${escapeHtml(text.newestArticles)}</h2>`,
    renderArticleList(newest, base, config.timeZone, config.language),
    `</section>\n<aside>`,
    ...aside,
    `</aside>\n</div>`,
  );
  return renderPageShell({
    title: config.title,
    description: config.description,
    language: config.language,
    siteTitle: config.title,
    base,
    wide: true,
    canonicalUrl: `${base}/`,
    alternates: [{ feeds, title: scopeTitle(site, config.title) }],
    mainHtml: parts.join("\n"),
  });
}
