/** The request header (with the value "cold") that sends a request to bench/feed-worker's cold handler. */
export const COLD_HEADER = "X-Edgefeed-Bench";

/** With COLD_HEADER: how many bodies the cold handler has rendered, as a number in text. */
export const RENDERS_PATH = "/__edgefeed-bench/renders";
