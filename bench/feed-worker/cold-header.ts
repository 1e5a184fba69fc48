/** The request header (with the value "cold") that sends a request to bench/feed-worker's cold handler. */
export const COLD_HEADER = "X-Edgefeed-Bench";
