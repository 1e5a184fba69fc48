/**
 * Formats an instant as an RFC 3339 §5.6 date-time in UTC with a `Z`, e.g. `2021-06-11T04:19:02Z`: the form
 * the builder stores and Atom and JSON Feed carry. Milliseconds are written only when they are not zero.
 */
export function formatRfc3339(milliseconds: number): string {
  // toISOString always writes milliseconds, which are noise when they are zero.
  return new Date(milliseconds).toISOString().replace(".000Z", "Z");
}
