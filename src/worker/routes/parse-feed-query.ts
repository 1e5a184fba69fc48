import { StatusError } from "itty-router";
import { DEFAULT_LIMIT, HEAD_SIZE } from "../../model/feed-page";
import { isPageName } from "../../model/page-name";
import type { ItemFilter } from "../feeds/create-item-matcher";
import type { FeedMode } from "../feeds/feed-document";
import { parseFilterWords } from "./parse-filter-words";

/** A feed request's query: how many items the subscription document shows, or which page; which items, and how whole. */
export interface FeedQuery extends ItemFilter {
  limit: number;
  /** `?mode=summary`: items without their full HTML. */
  mode: FeedMode;
  /** A page's name (`20210611T041902Z`); undefined for the subscription document. */
  page?: string;
  /**
   * A page number of the layout before page names (`?page=3`, 1 the oldest of pages of 20), which old
   * links and readers' stored `next` URLs still use: answered with a redirect to the page holding its items.
   */
  oldPageNumber?: number;
}

/**
 * Reads `?limit=` (1–100, default 20), `?page=` (a page name, or an old page number), `?filter=` and
 * `?filterout=` (words separated by `|`, parseFilterWords) and `?mode=summary`; 400 saying why for anything
 * else, or for any of them given twice. Other parameters are ignored.
 */
export function parseFeedQuery(parameters: URLSearchParams): FeedQuery {
  const filterText = readOnce(parameters, "filter");
  const filteroutText = readOnce(parameters, "filterout");
  const modeText = readOnce(parameters, "mode");
  if (modeText !== undefined && modeText !== "summary") {
    throw new StatusError(400, `mode must be summary (items without their full HTML), got ${JSON.stringify(modeText.slice(0, 80))}; leave it out for whole items.`);
  }
  const selection = {
    filter: filterText === undefined ? [] : parseFilterWords("filter", filterText),
    filterout: filteroutText === undefined ? [] : parseFilterWords("filterout", filteroutText),
    mode: modeText === undefined ? ("full" as const) : ("summary" as const),
  };
  return { ...selection, ...parsePaging(parameters) };
}

function parsePaging(parameters: URLSearchParams): Pick<FeedQuery, "limit" | "page" | "oldPageNumber"> {
  const limitText = readOnce(parameters, "limit");
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    // Digits only: "1.5", "-1", "+2", "1e1", " 3" and "" are refused rather than guessed at.
    if (!/^[0-9]{1,9}$/.test(limitText) || Number(limitText) < 1) {
      throw new StatusError(400, `limit must be an integer from 1 to ${HEAD_SIZE}, got ${JSON.stringify(limitText)}.`);
    }
    limit = Number(limitText);
    if (limit > HEAD_SIZE) {
      throw new StatusError(400, `limit must be an integer from 1 to ${HEAD_SIZE}, got ${limit}. Older items are on the pages the feed's next link leads to.`);
    }
  }
  const page = readOnce(parameters, "page");
  if (page === undefined) return { limit };
  if (isPageName(page)) return { limit, page };
  if (/^[0-9]{1,9}$/.test(page) && Number(page) >= 1) return { limit, oldPageNumber: Number(page) };
  throw new StatusError(400, `page must be a page's name as the feed's links give it (such as 20210611T041902Z), got ${JSON.stringify(page)}.`);
}

function readOnce(parameters: URLSearchParams, name: string): string | undefined {
  const values = parameters.getAll(name);
  if (values.length === 0) return undefined;
  if (values.length > 1) {
    const hint = name === "filter" || name === "filterout" ? `, its words separated by | (${name}=a|b)` : "";
    throw new StatusError(400, `${name} is given ${values.length} times; give it once${hint}.`);
  }
  return values[0]!;
}
