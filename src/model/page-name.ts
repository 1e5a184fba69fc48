/** The form of a page name: an RFC 3339 UTC second without separators, and `~2`, `~3`… when one repeats. */
const PAGE_NAME = /^[0-9]{8}T[0-9]{6}Z(~[1-9][0-9]{0,5})?$/;

/**
 * The name of a page whose oldest item was published at `published` (RFC 3339 UTC, `2021-06-11T04:19:02Z`):
 * `20210611T041902Z`. Names sort as their times do, so a time finds its page by binary search, and a name
 * never looks like the page numbers (`?page=3`) of the layout before it.
 */
export function pageNameOfTime(published: string): string {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})/.exec(published);
  if (!match) throw new Error(`pageNameOfTime: not an RFC 3339 time: ${JSON.stringify(published)}`);
  return `${match[1]}${match[2]}${match[3]}T${match[4]}${match[5]}${match[6]}Z`;
}

/** Whether `text` has the form of a page name (see pageNameOfTime). */
export function isPageName(text: string): boolean {
  return PAGE_NAME.test(text);
}
