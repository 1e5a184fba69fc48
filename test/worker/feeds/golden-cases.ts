import type { FeedDocumentInput } from "../../../src/worker/feeds/build-feed-document";
import { archivePage, categoryScope, headPage, originOnlyConfig, publicConfig, scopePages } from "./feed-fixtures";

/** A named request whose document is rendered in every format and compared with golden files. */
export interface GoldenCase {
  name: string;
  input: Omit<FeedDocumentInput, "format">;
}

/** The hub of the golden cases that name one. */
export const WEBSUB_HUB = "https://pubsubhubbub.appspot.com/";

/** The origin a request came in on, for sites without a public URL. */
export const REQUEST_ORIGIN = "https://edgefeed.example.workers.dev";

/** Fresh golden cases: a 150-item category (archive pages of 32, 34 and 39 and an open page of 45), filtered and summary documents of it, the whole site, an empty site, a bare article, an author. */
export function goldenCases(): GoldenCase[] {
  const scope = categoryScope();
  return [
    {
      name: "head",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(150), pages: scopePages(150), limit: 20 },
    },
    {
      name: "head-limit-3-origin",
      input: { config: originOnlyConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(150), pages: scopePages(150), limit: 3 },
    },
    {
      name: "site-limit-100",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope: { kind: "site" }, page: headPage(45), pages: scopePages(45), limit: 100 },
    },
    {
      name: "archive-1",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: archivePage(150, 1), limit: 20, pages: scopePages(150) },
    },
    {
      name: "archive-2-origin",
      input: { config: originOnlyConfig(), origin: REQUEST_ORIGIN, scope, page: archivePage(150, 2), limit: 20, pages: scopePages(150) },
    },
    {
      name: "site-empty",
      input: {
        config: { ...publicConfig(), description: "" },
        origin: REQUEST_ORIGIN,
        scope: { kind: "site" },
        page: { kind: "head", items: [] },
        limit: 20,
      },
    },
    {
      name: "tag-bare-article-origin",
      input: {
        config: originOnlyConfig(),
        origin: "http://localhost:8787",
        scope: { kind: "tag", name: "港股 & <b>" },
        page: {
          kind: "head",
          // No author, category, tag, summary or image: only what every article has.
          items: [{ id: "ffffffffffffffff", title: "T", published: "2021-06-11T04:19:02Z", updated: "2021-06-11T04:19:02Z", categories: [], tags: [], summary: "", contentHtml: "<p>x</p>" }],
        },
        limit: 20,
      },
    },
    {
      // "第 1" is in the titles of the 10th to 19th newest (counted from 0); without the 12th, the first five
      // end at the 15th, so the next page is the one holding the 16th.
      name: "head-filtered-summary",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(150), pages: scopePages(150), limit: 5, filter: { filter: ["第 1", "No Such Word"], filterout: ["第 12 条"] }, mode: "summary" },
    },
    {
      name: "archive-1-summary",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: archivePage(150, 1), limit: 20, pages: scopePages(150), mode: "summary" },
    },
    {
      // An author's feed: the feed's own author is theirs, not SITE_AUTHOR's.
      name: "author-head",
      input: {
        config: publicConfig(),
        origin: REQUEST_ORIGIN,
        scope: { kind: "author", name: "新浪财经" },
        page: headPage(3),
        pages: scopePages(3),
        limit: 20,
      },
    },
    {
      name: "open-page",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(150), pages: scopePages(150), limit: 20, openPage: true },
    },
    {
      // WEBSUB_HUB set: the subscription document names the hub beside its self link.
      name: "head-websub-hub",
      input: { config: { ...publicConfig(), websubHub: WEBSUB_HUB }, origin: REQUEST_ORIGIN, scope, page: headPage(150), pages: scopePages(150), limit: 20 },
    },
  ];
}
