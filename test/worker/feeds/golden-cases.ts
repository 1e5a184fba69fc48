import type { FeedDocumentInput } from "../../../src/worker/feeds/build-feed-document";
import { archivePage, categoryScope, headPage, originOnlyConfig, publicConfig } from "./feed-fixtures";

/** A named request whose document is rendered in every format and compared with golden files. */
export interface GoldenCase {
  name: string;
  input: Omit<FeedDocumentInput, "format">;
}

/** The origin a request came in on, for sites without a public URL. */
export const REQUEST_ORIGIN = "https://edgefeed.example.workers.dev";

/** Fresh golden cases: a 45-item category (2 archive pages and an open page of 5) and the whole site. */
export function goldenCases(): GoldenCase[] {
  const scope = categoryScope();
  return [
    {
      name: "head",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(scope, 45), limit: 20 },
    },
    {
      name: "head-limit-3-origin",
      input: { config: originOnlyConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(scope, 45), limit: 3 },
    },
    {
      name: "site-limit-100",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope: { kind: "site" }, page: headPage({ kind: "site" }, 45), limit: 100 },
    },
    {
      name: "archive-1",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: archivePage(scope, 45, 1), limit: 20, total: 45 },
    },
    {
      name: "archive-2-origin",
      input: { config: originOnlyConfig(), origin: REQUEST_ORIGIN, scope, page: archivePage(scope, 45, 2), limit: 20, total: 45 },
    },
    {
      name: "open-page-3",
      input: { config: publicConfig(), origin: REQUEST_ORIGIN, scope, page: headPage(scope, 45), limit: 20, pageNumber: 3 },
    },
  ];
}
