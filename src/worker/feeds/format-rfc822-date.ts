/**
 * Formats an RFC 3339 timestamp as an RFC 822 date (RSS 2.0 `pubDate`, OPML `dateCreated`), e.g.
 * `Fri, 11 Jun 2021 04:19:02 GMT`; throws naming the value when it is not a date.
 */
export function formatRfc822Date(rfc3339: string): string {
  const time = Date.parse(rfc3339);
  if (Number.isNaN(time)) throw new Error(`not an RFC 3339 date: ${JSON.stringify(rfc3339)}`);
  // RSS 2.0 asks for RFC 822 "with the exception that the year may be expressed with two characters or
  // four characters (four preferred)"; toUTCString gives exactly `Wdy, DD Mon YYYY HH:MM:SS GMT`.
  return new Date(time).toUTCString();
}
