import { StatusError } from "itty-router";

/**
 * The listing page a category, tag or author page request asks for with `?page=` (1, the newest, when absent);
 * 400 saying why for anything but one whole number from 1. Other parameters are ignored.
 */
export function readListingPageNumber(parameters: URLSearchParams): number {
  const values = parameters.getAll("page");
  if (values.length === 0) return 1;
  const text = values[0]!;
  // Digits only: "1.5", "-1", "+2", "1e1" and "" are refused rather than guessed at.
  if (values.length > 1 || !/^[0-9]{1,9}$/.test(text) || Number(text) < 1) {
    throw new StatusError(400, `page must be given once, as a page number from 1 (the newest articles), got ${JSON.stringify(values.join(", "))}.`);
  }
  return Number(text);
}
