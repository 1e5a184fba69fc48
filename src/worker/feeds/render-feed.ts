import type { FeedFormat } from "../../model/feed-format";
import type { FeedDocument } from "./feed-document";
import { renderAtom } from "./render-atom";
import { renderJsonFeed } from "./render-json-feed";
import { renderRss } from "./render-rss";

/** Renders a feed document in the given format: RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export function renderFeed(document: FeedDocument, format: FeedFormat): string {
  switch (format) {
    case "rss":
      return renderRss(document);
    case "atom":
      return renderAtom(document);
    case "json":
      return renderJsonFeed(document);
  }
}
