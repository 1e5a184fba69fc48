import { FEED_FILE_NAMES, formatOfFileName, type FeedFormat } from "../../src/model/feed-format";
import type { ReadDocument } from "./create-document-reader";
import { readFeedWithFeedsmith, readOpmlWithFeedsmith, type FeedsmithReading } from "./read-feed-with-feedsmith";

/** What checkFeedsWithFeedsmith read and found. */
export interface FeedsmithCheck {
  /** The URLs of the documents of each kind feedsmith parsed, the RSS and Atom siblings it fetched included. */
  parsed: Record<FeedFormat | "opml", string[]>;
  /** `URL: reason`, one per problem. */
  problems: string[];
}

/**
 * Parses every feed among `urls` with feedsmith (an OPML list too), and for every JSON Feed also the RSS and
 * Atom documents of the same scope and page (the same URL with `feed.xml` or `atom.xml` for `feed.json`, the
 * query kept): each must parse with all a reader needs, and the three must hold the same items, as many and
 * with the same ids in the same order, since a reader that switches formats must see the same items.
 */
export async function checkFeedsWithFeedsmith(urls: readonly string[], read: ReadDocument): Promise<FeedsmithCheck> {
  const parsed: FeedsmithCheck["parsed"] = { rss: [], atom: [], json: [], opml: [] };
  const problems: string[] = [];
  const readings = new Map<string, Promise<FeedsmithReading | undefined>>();
  const readFeed = (url: string, format: FeedFormat): Promise<FeedsmithReading | undefined> => {
    let reading = readings.get(url);
    if (reading === undefined) {
      reading = read(url).then(
        (body) => {
          parsed[format].push(url);
          const result = readFeedWithFeedsmith(body, format);
          problems.push(...result.problems.map((problem) => `${url}: ${problem}`));
          return result;
        },
        (error: Error) => void problems.push(`${url}: ${error.message}`),
      );
      readings.set(url, reading);
    }
    return reading;
  };

  for (const url of urls) {
    const fileName = lastSegment(url);
    if (fileName === "opml.xml") {
      const body = await read(url).catch((error: Error) => void problems.push(`${url}: ${error.message}`));
      if (body === undefined) continue;
      parsed.opml.push(url);
      problems.push(...readOpmlWithFeedsmith(body).problems.map((problem) => `${url}: ${problem}`));
      continue;
    }
    const format = formatOfFileName(fileName);
    if (format === undefined) {
      problems.push(`${url}: names no feed format (${Object.values(FEED_FILE_NAMES).join(", ")})`);
      continue;
    }
    const reading = await readFeed(url, format);
    if (format !== "json" || !reading?.recognized) continue;
    for (const other of ["rss", "atom"] as const) {
      const siblingUrl = withFileName(url, FEED_FILE_NAMES[other]);
      const sibling = await readFeed(siblingUrl, other);
      if (sibling?.recognized) problems.push(...compareIds(url, reading.ids, siblingUrl, sibling.ids));
    }
  }
  return { parsed, problems };
}

/** `URL: reason` when the JSON Feed's items are not the sibling's: their count, then the first id that differs. */
function compareIds(jsonUrl: string, jsonIds: readonly string[], siblingUrl: string, siblingIds: readonly string[]): string[] {
  if (jsonIds.length !== siblingIds.length) return [`${jsonUrl}: has ${jsonIds.length} items, ${siblingUrl} has ${siblingIds.length}`];
  const index = jsonIds.findIndex((id, at) => id !== siblingIds[at]);
  return index === -1 ? [] : [`${jsonUrl}: item ${index + 1} has the id ${jsonIds[index]}, ${siblingUrl} has ${siblingIds[index]}`];
}

function lastSegment(url: string): string {
  return new URL(url).pathname.split("/").at(-1) ?? "";
}

function withFileName(url: string, fileName: string): string {
  const sibling = new URL(url);
  sibling.pathname = sibling.pathname.replace(/[^/]*$/, fileName);
  return sibling.href;
}
