import type { Manifest } from "../../model/manifest";
import { pointerStalenessMilliseconds } from "../../model/pointer-staleness";
import type { SiteConfig } from "../../model/site-config";
import { changedFeedUrls } from "./changed-feed-urls";
import { type PingHubOptions, pingHub } from "./ping-hub";

/** What announcePublish needs to know of a publish. */
export interface AnnounceInput {
  /** The settings the publish read (WEBSUB_HUB, SITE_URL). */
  config: Pick<SiteConfig, "websubHub" | "url">;
  /** The manifest live before the publish; undefined for the first. */
  before: Manifest | undefined;
  /** The manifest the publish made live (or, on a dry run, would). */
  after: Manifest;
  /** When `current` was written; undefined for a dry run or a publish that wrote no pointer. */
  liveAt: Date | undefined;
  /** Where the generation went: Cloudflare's KV (`remote`) or the local store `wrangler dev` reads. */
  store: "local" | "remote";
  dryRun?: boolean;
  /** Told what is being waited for, before the wait (progress, on stderr). */
  log(line: string): void;
  now?: () => Date;
  sleep?: (milliseconds: number) => Promise<void>;
  ping?: PingHubOptions;
}

// Past the staleness bound, for clocks a little apart (this machine's and Cloudflare's).
const MARGIN_MILLISECONDS = 1_000;

/**
 * After a publish went live, pings the WebSub hub (WEBSUB_HUB) for every subscription feed whose bytes
 * changed, once the new generation is what every Worker serves, and returns the lines for the publish
 * summary (none without a hub). Never throws for the hub: a failed ping is a warning line, and the
 * publish stays live.
 */
export async function announcePublish(input: AnnounceInput): Promise<string[]> {
  const hub = input.config.websubHub;
  if (hub === "") return [];
  const urls = changedFeedUrls(input.before, input.after, input.config.url);
  const feeds = `${urls.length} feed URL${urls.length === 1 ? "" : "s"}`;
  if (input.dryRun) return [urls.length === 0 ? `  WebSub: no subscription feed would change; ${hub} would not be pinged` : `  WebSub: would ping ${hub} for ${feeds}, once the new generation is served everywhere`];
  if (urls.length === 0 || input.liveAt === undefined) return [`  WebSub: no subscription feed changed; ${hub} not pinged`];

  const now = input.now ?? (() => new Date());
  const sleep = input.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  // The hub fetches each feed the moment it is pinged, from its own nearest data centre, where KV may show
  // the old `current` for up to a minute after the write, and an isolate keeps the pointer it read a few
  // seconds more. Pinged earlier, the hub would take the old bytes for the new ones and push nothing; so
  // the ping waits until no Worker can still serve the old generation (pointerStalenessMilliseconds). The
  // response caches cannot hold the old bytes past that: every key carries an ETag made of the manifest.
  const due = input.liveAt.getTime() + pointerStalenessMilliseconds(input.store) + MARGIN_MILLISECONDS;
  const wait = Math.max(0, due - now().getTime());
  if (wait > 0) {
    const why = input.store === "remote" ? "KV shows a write everywhere within 60 s, and a Worker keeps `current` 5 s" : "a Worker keeps `current` 5 s";
    input.log(`WebSub: waiting ${Math.ceil(wait / 1000)} s until every Worker serves the new generation (${why}), then pinging ${hub} for ${feeds}…\n`);
    await sleep(wait);
  }
  const waited = Math.round((now().getTime() - input.liveAt.getTime()) / 1000);
  const result = await pingHub(hub, urls, input.ping);
  const lines: string[] = [];
  if (result.pinged.length > 0) {
    lines.push(`  WebSub: pinged ${hub} for ${result.pinged.length} of ${feeds} in ${result.requests} request${result.requests === 1 ? "" : "s"} (${result.style.name}), ${waited} s after "current" was written, when every Worker serves the new bytes`);
  }
  // One line per reason, with how many URLs it cost and one of them.
  const byReason = new Map<string, string[]>();
  for (const failure of result.failed) byReason.set(failure.reason, [...(byReason.get(failure.reason) ?? []), ...failure.urls]);
  const position = new Map(urls.map((url, index) => [url, index]));
  for (const [reason, failed] of byReason) {
    // In the order of `urls` (the site's first), whichever batch finished first.
    failed.sort((left, right) => position.get(left)! - position.get(right)!);
    lines.push(
      `  warning: WebSub: ${failed.length} of ${feeds} not pinged, ${reason} (e.g. ${failed[0]}). The publish is live; readers subscribed through the hub get these feeds at their next poll.`,
    );
  }
  return lines;
}
