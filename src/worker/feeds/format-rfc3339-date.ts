import { formatRfc3339 } from "../../model/format-rfc3339";
import { isNormalizedUtcDate } from "./is-normalized-utc-date";

/**
 * Normalizes an RFC 3339 timestamp to UTC with a `Z` and no zero milliseconds (Atom and JSON Feed dates),
 * e.g. `2021-06-11T04:19:02Z`; throws naming the value when it is not a date.
 */
export function formatRfc3339Date(rfc3339: string): string {
  // Stored dates are normalized already, and a Date round trip (toISOString above all) is a large part of
  // a render: such a date is its own normal form.
  if (isNormalizedUtcDate(rfc3339)) return rfc3339;
  const time = Date.parse(rfc3339);
  if (Number.isNaN(time)) throw new Error(`not an RFC 3339 date: ${JSON.stringify(rfc3339)}`);
  return formatRfc3339(time);
}
