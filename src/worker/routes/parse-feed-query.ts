import { StatusError } from "itty-router";
import { DEFAULT_LIMIT, HEAD_SIZE } from "../../model/feed-page";

/** A feed request's query: how many items the subscription document shows, or which numbered page. */
export interface FeedQuery {
  limit: number;
  /** 1 is the oldest page; undefined for the subscription document. */
  page?: number;
}

/** Reads `?limit=` (1–100, default 20) and `?page=` (1 or more); 400 saying why for anything else. Other parameters are ignored. */
export function parseFeedQuery(parameters: URLSearchParams): FeedQuery {
  const limit = readPositiveInteger(parameters, "limit", `an integer from 1 to ${HEAD_SIZE}`);
  if (limit !== undefined && limit > HEAD_SIZE) {
    throw new StatusError(400, `limit must be an integer from 1 to ${HEAD_SIZE}, got ${limit}. Older items are on numbered pages: ?page=1 is the oldest.`);
  }
  const page = readPositiveInteger(parameters, "page", "a page number, 1 or more (1 is the oldest page)");
  return page === undefined ? { limit: limit ?? DEFAULT_LIMIT } : { limit: limit ?? DEFAULT_LIMIT, page };
}

function readPositiveInteger(parameters: URLSearchParams, name: string, expected: string): number | undefined {
  const values = parameters.getAll(name);
  if (values.length === 0) return undefined;
  if (values.length > 1) throw new StatusError(400, `${name} is given ${values.length} times; give it once, as ${expected}.`);
  const text = values[0]!;
  // Digits only: "1.5", "-1", "+2", "1e1", " 3" and "" are refused rather than guessed at.
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1) {
    throw new StatusError(400, `${name} must be ${expected}, got ${JSON.stringify(text)}.`);
  }
  return Number(text);
}
